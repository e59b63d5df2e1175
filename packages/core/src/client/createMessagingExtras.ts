import type { Element } from "@xmpp/xml";
import type { Observable } from "rxjs";
import type { ConnectedEvent } from "../connection/ConnectionState.js";
import { createBrowserNetworkSource, type NetworkEventSource } from "../connection/createBrowserNetworkSource.js";
import type { ChatError } from "../errors/ChatError.js";
import type { Dialog } from "../model/dialog.js";
import type { OutboxSend } from "../model/outboxEntry.js";
import type { RestClient } from "../rest/createRestClient.js";
import type { FetchLike } from "../rest/restRequest.js";
import type { DialogsStore } from "../stores/dialogs/createDialogsStore.js";
import type { MessagesStore } from "../stores/messages/createMessagesStore.js";
import type { Outbox } from "../sync/createOutbox.js";
import type { Clock } from "../time/clock.js";
import type { JidContext } from "../xmpp/stanzas/jid.js";
import type { ParsedSystemMessage } from "../xmpp/stanzas/parsedMessage.js";
import type { XmppTransport } from "../xmpp/transport/XmppTransport.js";
import { createActivityFacade } from "./createActivityFacade.js";
import { createContactsFacade } from "./createContactsFacade.js";
import { createDialogExtrasFacade } from "./createDialogExtrasFacade.js";
import { createFilesFacade } from "./createFilesFacade.js";
import { createLastActivityFacade } from "./createLastActivityFacade.js";
import { createPrivacyFacade } from "./createPrivacyFacade.js";
import { createReactionsFacade } from "./createReactionsFacade.js";
import { createSearchCommand } from "./createSearchCommand.js";
import { createSystemFacade } from "./createSystemFacade.js";

/** Options of the messaging-guide features that `createChatClient` passes through. */
export interface MessagingExtrasOptions {
  /** How long `lastActivity.forUser(id)` keeps streaming after its last subscriber leaves. Default 5 s. */
  lastActivityKeepAliveMs?: number;
  /** Mark the app inactive while the page is hidden, active when shown (`client.setActive`). Default true. */
  activeOnVisibility?: boolean;
}

/** What the features are built from (the composition root's parts), by name. */
export interface MessagingExtrasDeps {
  transport: Pick<XmppTransport, "iq" | "send" | "onIq" | "stanza$">;
  online$: Observable<ConnectedEvent>;
  isOnline: () => boolean;
  rest: RestClient;
  dialogs: DialogsStore;
  messages: MessagesStore;
  /** The outbox (it is given `prepareSend` from here). */
  outbox: Outbox;
  jid: JidContext;
  clock: Clock;
  selfUserId: () => number | null;
  requireSelf: () => number;
  token: () => string | null;
  /** Sends when online, drops otherwise (best-effort notices). */
  sendIfOnline: (stanza: Element) => void;
  systemMessages$: Observable<ParsedSystemMessage>;
  /** `client.dialogs.update` (pins go through it). */
  updateDialog: (id: string, patch: { pinMessageIds?: string[]; unpinMessageIds?: string[] }) => Promise<Dialog>;
  reportError: (error: ChatError) => void;
  /** Network/visibility events as given to the client (`null`: none; undefined: the browser's). */
  network?: NetworkEventSource | null;
  fetch?: FetchLike;
  options: MessagingExtrasOptions;
}

/**
 * Builds the features of the messaging guides beyond chatting (issue 5): privacy lists, contacts and presence, last
 * activity, reactions, system messages, files, search, dialog extras and the active/inactive switch. The composition
 * root spreads what this returns into the client.
 */
export function createMessagingExtras(deps: MessagingExtrasDeps) {
  const { transport, jid, clock } = deps;
  const privacy = createPrivacyFacade({ transport, jid, online$: deps.online$, reportError: deps.reportError });
  const contacts = createContactsFacade({
    transport,
    jid,
    clock,
    selfUserId: deps.selfUserId,
    online$: deps.online$,
    reportError: deps.reportError,
  });
  const lastActivity = createLastActivityFacade({
    transport,
    jid,
    clock,
    isOnline: deps.isOnline,
    online$: deps.online$,
    keepAliveMs: deps.options.lastActivityKeepAliveMs,
  });
  const system = createSystemFacade({ messages$: deps.systemMessages$, transport, rest: deps.rest, jid, clock });
  const visibility =
    deps.options.activeOnVisibility === false || deps.network === null
      ? null
      : (deps.network ?? createBrowserNetworkSource());
  const activity = createActivityFacade({
    transport,
    isOnline: deps.isOnline,
    online$: deps.online$,
    visibility,
    reportError: deps.reportError,
  });
  const dialogExtras = createDialogExtrasFacade({
    rest: deps.rest,
    dialogs: deps.dialogs,
    jid,
    clock,
    selfUserId: deps.requireSelf,
    send: deps.sendIfOnline,
    update: deps.updateDialog,
  });
  const files = createFilesFacade({
    rest: deps.rest,
    messages: deps.messages,
    outboxEntries: deps.outbox.entries,
    token: deps.token,
    fetch: deps.fetch,
  });
  const reactions = createReactionsFacade({ rest: deps.rest, messages: deps.messages, outbox: deps.outbox, clock });

  return {
    /** For `createOutbox`: uploads a queued message's files before it goes out. */
    prepareSend: (entry: OutboxSend, checkpoint: (entry: OutboxSend) => Promise<void>) =>
      files.prepareSend(entry, checkpoint),
    /** Wraps `messages.cancel` so that a message whose files are uploading can be cancelled too. */
    cancelMessage: async (messageId: string, cancel: (messageId: string) => Promise<void>) => {
      await files.abort(messageId);
      await cancel(messageId);
    },
    /** Members of `client.messages`. */
    reactions: {
      react: reactions.react,
      removeReaction: reactions.removeReaction,
      listReactions: reactions.listReactions,
    },
    /** Members of `client.dialogs`. */
    dialogs: dialogExtras,
    /** Members of the client. */
    client: {
      privacy,
      contacts,
      lastActivity: { forUser: lastActivity.forUser, query: lastActivity.query },
      system: { messages$: system.messages$, recent: system.recent, send: system.send },
      files: { upload: files.upload, url: files.url, remove: files.remove, progress: files.progress },
      search: createSearchCommand(deps.rest),
      active: activity.active,
      setActive: activity.setActive,
    },
    /** Forgets the signed-in user's state (logout). */
    reset() {
      privacy.reset();
      contacts.reset();
      lastActivity.reset();
      system.reset();
    },
    dispose() {
      privacy.dispose();
      contacts.dispose();
      lastActivity.dispose();
      system.dispose();
      activity.dispose();
      reactions.dispose();
    },
  };
}
