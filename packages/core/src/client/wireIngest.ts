import type { ChatError } from "../errors/ChatError.js";
import { objectId } from "../model/ids.js";
import type { DialogsStore } from "../stores/dialogs/createDialogsStore.js";
import type { MessagesStore } from "../stores/messages/createMessagesStore.js";
import type { TypingStore } from "../stores/typing/createTypingStore.js";
import type { Outbox } from "../sync/createOutbox.js";
import type { Sync } from "../sync/createSync.js";
import type { UnreadLedger } from "../sync/createUnreadLedger.js";
import type { Clock } from "../time/clock.js";
import { createMessageIngest } from "../xmpp/handlers/createMessageIngest.js";
import type { StanzaRouter } from "../xmpp/handlers/createStanzaRouter.js";
import { handleDialogEvent } from "../xmpp/handlers/handleDialogEvent.js";
import type { JidContext } from "../xmpp/stanzas/jid.js";
import { buildMarker } from "../xmpp/stanzas/marker.js";
import type { ParsedSystemMessage } from "../xmpp/stanzas/parsedMessage.js";

/**
 * Registers the handling of incoming `<message>` stanzas with the router: chat messages, markers, chat states,
 * edits, reactions into the stores; system messages to `client.system` and, for `dialog/…` events, to the list
 * (docs/architecture.md, "One message, in"). Returns the unregistration.
 */
export function wireIngest(
  deps: {
    router: StanzaRouter;
    jid: JidContext;
    clock: Clock;
    windowCap: number;
    selfUserId: () => number | null;
    dialogs: DialogsStore;
    messages: MessagesStore;
    typing: TypingStore;
    unread: Pick<UnreadLedger, "count" | "read">;
    sync: Pick<Sync, "fetchDialog">;
    outbox: Pick<Outbox, "bounced">;
    /** Sends when online, drops otherwise (a delivery marker is best effort). */
    sendIfOnline: (stanza: ReturnType<typeof buildMarker>) => void;
    emitSystemMessage: (message: ParsedSystemMessage) => void;
    reportError: (error: ChatError) => void;
  },
  onIncoming?: (message: { id: string; senderId: number; dialogId: string }) => void,
): () => void {
  const { jid, clock, dialogs, messages } = deps;
  const fetchDialog = (id: string) => void deps.sync.fetchDialog(id);
  const ingest = createMessageIngest({
    selfUserId: deps.selfUserId,
    domain: jid.domain,
    dialogs,
    messages,
    typing: deps.typing,
    clock,
    windowCap: deps.windowCap,
    countUnread: deps.unread.count,
    onReadElsewhere: deps.unread.read,
    sendDelivered: (m) => {
      onIncoming?.(m); // someone else's message, live: the app's notification (tabs/createTabNotifier.ts)
      deps.sendIfOnline(
        buildMarker(jid, {
          marker: "received",
          messageId: m.id,
          senderId: m.senderId,
          dialogId: m.dialogId,
          id: objectId(clock.now()),
        }),
      );
    },
    onUnknownDialog: fetchDialog,
    onSystemMessage: (message) => {
      deps.emitSystemMessage(message);
      handleDialogEvent({ dialogs, messages, fetchDialog }, message);
    },
    onMessageError: (id, error) => {
      if (id) deps.outbox.bounced(id, error);
      else deps.reportError(error);
    },
    reportError: deps.reportError,
  });
  return deps.router.on("message", ingest);
}
