import type { Message } from "@chatcube/react";
import { useChatClient, useDialog } from "@chatcube/react";
import { useEffect, useRef } from "react";

/**
 * Marks the open dialog read while the page is visible: whenever its unread count is above zero or a newer
 * message from someone else arrives.
 */
export function useMarkRead(dialogId: string, items: readonly Message[], me: number): void {
  const client = useChatClient();
  const unread = useDialog(dialogId)?.unreadCount ?? 0;
  const marked = useRef<string | null>(null);
  const newestIncoming = [...items].reverse().find((m) => m.senderId !== me)?.id ?? null;

  useEffect(() => {
    const mark = () => {
      if (document.visibilityState !== "visible") return;
      if (unread === 0 && (newestIncoming === null || newestIncoming === marked.current)) return;
      marked.current = newestIncoming;
      client.messages.markRead(dialogId).catch(() => {});
    };
    mark();
    document.addEventListener("visibilitychange", mark);
    return () => document.removeEventListener("visibilitychange", mark);
  }, [client, dialogId, unread, newestIncoming]);
}
