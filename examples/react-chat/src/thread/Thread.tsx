import { useBlockList, useDialog, useMessages, useSession } from "@chatcube/react";
import { peerOf } from "../dialogs/dialogTitle";
import { Composer } from "./Composer";
import { MessageList } from "./MessageList";
import { ThreadHeader } from "./ThreadHeader";
import { TypingIndicator } from "./TypingIndicator";
import { useMarkRead } from "./useMarkRead";

/** The open dialog: header, messages with infinite scroll upward, who is typing, and the composer. */
export function Thread({ dialogId, onClose }: { dialogId: string; onClose: () => void }) {
  const me = useSession()?.user.id ?? 0;
  const dialog = useDialog(dialogId);
  const messages = useMessages(dialogId);
  const blocked = useBlockList();
  useMarkRead(dialogId, messages.items, me);

  if (!dialog) return <div className="empty-state">Loading chat…</div>;
  const peer = peerOf(dialog, me);
  const blockedPeer = peer !== null && blocked.has(peer);

  return (
    <section className="thread" data-testid="thread">
      <ThreadHeader dialog={dialog} me={me} onClose={onClose} />
      {messages.error && (
        <div className="error pad">
          Could not load messages: {messages.error.message}{" "}
          <button className="link" onClick={() => void messages.loadOlder()}>
            Try again
          </button>
        </div>
      )}
      <MessageList
        dialog={dialog}
        me={me}
        items={messages.items}
        hasOlder={messages.hasOlder}
        loadingOlder={messages.loadingOlder}
        loadOlder={messages.loadOlder}
      />
      <TypingIndicator dialogId={dialogId} />
      <Composer dialogId={dialogId} disabledReason={blockedPeer ? "You blocked this user. Unblock to write." : null} />
    </section>
  );
}
