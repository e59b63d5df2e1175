import type { Dialog, Message } from "@chatcube/react";
import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import { formatDay } from "../../../shared/format";
import { createScrollKeeper, type ScrollKeeper } from "../../../shared/scrollKeeper";
import { threadItems } from "../../../shared/threadItems";
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

/**
 * The thread's messages, oldest at the top, with a separator for each day and runs by one sender grouped. Scrolling
 * near the top loads older history (the view keeps its place); new messages and images that load scroll into view
 * when the reader is at the bottom already (shared/scrollKeeper.ts).
 */
export function MessageList({ dialog, me, items, hasOlder, loadingOlder, loadOlder }: MessageListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const keeper = useRef<ScrollKeeper | null>(null);
  const rows = useMemo(() => threadItems(items, formatDay), [items]);

  useLayoutEffect(() => {
    const created = createScrollKeeper(ref.current!);
    keeper.current = created;
    return () => created.dispose();
  }, []);

  useLayoutEffect(() => {
    const newest = items.at(-1);
    keeper.current?.afterRender({
      first: items[0]?.id ?? null,
      last: newest ? `${newest.id}:${newest.status}` : null,
      lastIsMine: newest?.senderId === me,
    });
  }, [items, me]);

  // A first page shorter than the view: load more until it scrolls (again whenever the page grows).
  const count = items.length;
  useEffect(() => {
    const el = ref.current;
    if (count >= 0 && el && hasOlder && !loadingOlder && el.scrollHeight <= el.clientHeight) void loadOlder();
  }, [count, hasOlder, loadingOlder, loadOlder]);

  const onScroll = () => {
    if (keeper.current?.onScroll() && hasOlder && !loadingOlder) void loadOlder();
  };

  return (
    <div className="messages" ref={ref} onScroll={onScroll} data-testid="messages">
      {loadingOlder && <div className="loading-older">Loading earlier messages…</div>}
      {!hasOlder && items.length > 0 && <div className="history-start">This is the beginning of the conversation.</div>}
      {!hasOlder && items.length === 0 && <div className="history-start">No messages yet — say hello!</div>}
      {rows.map((row) =>
        row.kind === "day" ? (
          <div key={row.key} className="day-separator" data-testid="day-separator">
            {row.label}
          </div>
        ) : (
          <MessageItem
            key={row.key}
            dialog={dialog}
            message={row.message}
            own={row.message.senderId === me}
            firstOfRun={row.firstOfRun}
            lastOfRun={row.lastOfRun}
          />
        ),
      )}
    </div>
  );
}
