import type { Dialog, Message } from "@chatcube/react";
import { type UIEvent, useLayoutEffect, useRef } from "react";
import { MessageItem } from "./MessageItem";

/** Props of the message list. */
export interface MessageListProps {
  dialog: Dialog;
  me: number;
  items: readonly Message[];
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder: () => Promise<void>;
}

const NEAR_TOP = 120;
const NEAR_BOTTOM = 160;

/**
 * The thread's messages, oldest at the top. Scrolling near the top loads older history (the view keeps its place);
 * new messages scroll into view when the reader is at the bottom already.
 */
export function MessageList({ dialog, me, items, hasOlder, loadingOlder, loadOlder }: MessageListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const previous = useRef<{ first: string | null; last: string | null; height: number; atBottom: boolean }>({
    first: null,
    last: null,
    height: 0,
    atBottom: true,
  });

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const before = previous.current;
    const first = items[0]?.id ?? null;
    const newest = items.at(-1);
    const last = newest ? `${newest.id}:${newest.status}` : null; // a status change (e.g. failed + Retry) may grow it
    if (before.first !== null && first !== before.first && last === before.last) {
      el.scrollTop += el.scrollHeight - before.height; // older messages were prepended: stay where the reader was
    } else if (last !== before.last && (before.atBottom || newest?.senderId === me)) {
      el.scrollTop = el.scrollHeight;
    }
    previous.current = {
      first,
      last,
      height: el.scrollHeight,
      atBottom: el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM,
    };
    // A first page shorter than the view: load more until it scrolls.
    if (hasOlder && !loadingOlder && el.scrollHeight <= el.clientHeight) void loadOlder();
  }, [items, hasOlder, loadingOlder, loadOlder, me]);

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const el = event.currentTarget;
    previous.current.atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM;
    previous.current.height = el.scrollHeight;
    if (el.scrollTop < NEAR_TOP && hasOlder && !loadingOlder) void loadOlder();
  };

  return (
    <div className="messages" ref={ref} onScroll={onScroll} data-testid="messages">
      {loadingOlder && <div className="loading-older">Loading earlier messages…</div>}
      {!hasOlder && items.length > 0 && <div className="history-start">This is the beginning of the conversation.</div>}
      {!hasOlder && items.length === 0 && <div className="history-start">No messages yet — say hello!</div>}
      {items.map((message, index) => (
        <MessageItem
          key={message.id}
          dialog={dialog}
          message={message}
          own={message.senderId === me}
          showAuthor={index === 0 || items[index - 1].senderId !== message.senderId}
        />
      ))}
    </div>
  );
}
