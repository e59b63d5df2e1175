import type { Element } from "@xmpp/xml";
import { isChatError } from "../errors/ChatError.js";
import { objectId } from "../model/ids.js";
import type { OutboxEntry, OutboxSend } from "../model/outboxEntry.js";
import type { RestClient } from "../rest/createRestClient.js";
import type { Clock } from "../time/clock.js";
import { buildChatMessage } from "../xmpp/stanzas/chatMessage.js";
import { buildCorrection } from "../xmpp/stanzas/correction.js";
import { addressFor, type JidContext } from "../xmpp/stanzas/jid.js";
import { buildMarker } from "../xmpp/stanzas/marker.js";
import { buildRemoval } from "../xmpp/stanzas/removal.js";
import { unreadUpTo } from "./unreadUpTo.js";

/** Message ids per `PUT /chat/Message/{ids}` of a read. */
const READ_CHUNK = 50;

/** Dependencies of `createOutboxWork`, by name. */
export interface OutboxWorkOptions {
  transport: { send(element: Element): Promise<void>; sendTracked(element: Element): Promise<void> };
  rest: Pick<RestClient, "messages">;
  jid: JidContext;
  clock: Clock;
  /** The peer of a private dialog (1-1 stanzas go to the user), or null for a room. */
  recipientOf: (dialogId: string) => number | null;
  /** The signed-in user (a read marks others' messages read for them). */
  selfUserId?: () => number | null;
}

/** What each kind of outbox entry does on the wire. */
export interface OutboxWork {
  /** Sends a ready message; the stanza is written before this returns, the promise settles with its ack. */
  send(entry: OutboxSend): Promise<void>;
  /** Edits, deletes, reads and reactions: a stanza where there is one, then the REST call that persists it. */
  other(entry: Exclude<OutboxEntry, OutboxSend>): Promise<void>;
}

/** Creates the work of the outbox's entries (the queue itself, its order and retries are in createOutbox.ts). */
export function createOutboxWork(options: OutboxWorkOptions): OutboxWork {
  const { transport, rest, jid, clock } = options;
  const addressOf = (dialogId: string) => addressFor(jid, { dialogId, recipientId: options.recipientOf(dialogId) });

  return {
    send: (ready) =>
      transport.sendTracked(
        buildChatMessage(addressFor(jid, { dialogId: ready.dialogId, recipientId: ready.recipientId }), {
          id: ready.messageId,
          dialogId: ready.dialogId,
          body: ready.body,
          attachments: ready.attachments,
          customParams: ready.customParams,
          dateSent: ready.createdAt,
          silent: ready.silent,
        }),
      ),
    async other(entry) {
      switch (entry.kind) {
        case "edit": {
          const { dialogId, messageId, body, last } = entry;
          await transport.send(
            buildCorrection(addressOf(dialogId), { id: objectId(clock.now()), messageId, dialogId, body, last }),
          );
          await rest.messages.update(messageId, { dialogId, body });
          return;
        }
        case "remove": {
          const { dialogId, messageId } = entry;
          if (entry.forEveryone)
            await transport.send(buildRemoval(addressOf(dialogId), { id: objectId(clock.now()), messageId, dialogId }));
          try {
            await rest.messages.remove(messageId, { force: entry.forEveryone });
          } catch (error) {
            if (!isChatError(error, "not-found")) throw error; // a replay after an unacknowledged success: already gone
          }
          return;
        }
        case "read": {
          // Exactly what the user saw: the message named and the unread ones before it, not the whole dialog
          // (messages that arrived after a read queued offline stay unread).
          const { dialogId, messageId, senderId } = entry;
          await transport.send(
            buildMarker(jid, { marker: "displayed", messageId, senderId, dialogId, id: objectId(clock.now()) }),
          );
          const self = options.selfUserId?.() ?? null;
          const ids =
            self === null
              ? [messageId]
              : await unreadUpTo(rest, dialogId, { messageId, dateSent: entry.dateSent ?? null }, self);
          for (let i = 0; i < ids.length; i += READ_CHUNK)
            await rest.messages.update(ids.slice(i, i + READ_CHUNK), { dialogId, read: true });
          return;
        }
        case "react":
          await rest.messages.reactions.update(entry.messageId, { add: entry.add, remove: entry.remove });
          return;
      }
    },
  };
}
