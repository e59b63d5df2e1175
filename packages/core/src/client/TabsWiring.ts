import type { Element } from "@xmpp/xml";
import type { ConnectionState } from "../connection/ConnectionState.js";
import type { Persistence, PersistenceSession } from "../persistence/Persistence.js";
import type { Readable } from "../reactive/readable.js";
import type { DialogsStore } from "../stores/dialogs/createDialogsStore.js";
import type { MessagesStore } from "../stores/messages/createMessagesStore.js";
import type { TypingStore } from "../stores/typing/createTypingStore.js";
import type { Outbox } from "../sync/createOutbox.js";
import type { TabEnvironment } from "../tabs/browserTabEnvironment.js";
import type { ReadLedger } from "../tabs/createReadLedger.js";
import type { TabShareHub } from "../tabs/createTabShare.js";
import type { TabsState } from "../tabs/TabsState.js";
import type { Clock } from "../time/clock.js";
import type { StreamHandover } from "../xmpp/transport/StreamHandover.js";

/** Dependencies of `createTabsWiring`, by name. */
export interface TabsWiringOptions {
  appId: number;
  clock: Clock;
  /**
   * The locks and channels (`ChatClientOptions.tabs`): undefined for the browser's (looked up at sign-in, never at
   * import), null to run alone.
   */
  environment: TabEnvironment | null | undefined;
  dialogs: DialogsStore;
  messages: MessagesStore;
  outbox: Outbox;
  windowCap: number;
  selfUserId: () => number | null;
  /** The unread ledger's `read` (a follower read a dialog). */
  onRead: (dialogId: string) => void;
  /** The reads already queued (another tab's read of the same message is dropped: one marker per message). */
  reads?: ReadLedger;
  /** This tab's own connection. */
  connection: Readable<ConnectionState>;
  /** Who is typing (the leader's ingest sets it; followers get the same news). */
  typing: TypingStore;
  /** Sends a stanza on the leader's connection (typing, activity and other news a follower asked it to send). */
  sendStanza(stanza: Element): void;
  connect(): void;
  disconnect(): Promise<void>;
  /** Lets this tab's chat stream go, for the next leader to resume; null when it cannot be resumed. */
  handOverStream(): StreamHandover | null;
  /** This tab's next connect resumes the stream the previous leader handed over. */
  takeOverStream(handover: StreamHandover): void;
  /** Where the remembered session is: a leader elected after a logout (none, or another user's) signs out instead. */
  persistence: Pick<Persistence, "loadSession">;
  /** Per-user state no write holds (contacts, privacy, …): mirrored from the leader, commands routed to it. */
  share?: TabShareHub;
  /** Signs this tab out without telling the others (they were told). */
  signOutHere(): Promise<void>;
  /** Renews the REST session with the password this tab knows (another tab asked): the token, or null. */
  renewHere(): Promise<string | null>;
  /** Takes the session token another tab of the user renewed. */
  adoptSession(userId: number, token: string): void;
}

/** The client's side of tab coordination (docs/architecture.md, Tabs). */
export interface TabsWiring {
  /** `client.tabs`. */
  readonly state: Readable<TabsState>;
  /** The connection as the app should show it: the leader's in a follower, this tab's own otherwise. */
  readonly connection: Readable<ConnectionState>;
  /** True while another tab leads: this one writes no server data and does not connect. */
  isFollower(): boolean;
  /** Joins the tabs of a user whose database just opened; returns the session to use (it tells the others). */
  attach(userId: number, db: PersistenceSession): PersistenceSession;
  /** After the cache is published: takes part in the election; the leader (or a tab alone) connects. */
  start(): Promise<void>;
  /** Tells every tab of the user to sign out (before this one does). */
  announceLogout(): void;
  /** Tells the user's other tabs the REST session was renewed, and its new token. */
  announceSession(token: string): void;
  /**
   * Asks the user's other tabs to renew the expired REST session (the one that signed in knows the password):
   * resolves with the token one of them renewed, or null when none did within a few seconds (or this tab is alone).
   */
  renewElsewhere(): Promise<string | null>;
  /**
   * Resolves when this tab may connect: alone, or leading with the term the database holds. A leader that was paused
   * and replaced (its lock stolen) is refused, and steps down before it connects again.
   */
  checkTerm(): Promise<void>;
  /** In a follower, hands a stanza to the leader to send (typing, activity): true when it did. */
  forward(stanza: Element): boolean;
  /** The typing store as the leader's ingest should set it: every tab learns who is typing. */
  readonly typing: TypingStore;
  /** Leaves the tabs (sign-out, another user). */
  detach(): void;
  dispose(): void;
}
