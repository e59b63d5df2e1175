import type { Observable } from "rxjs";
import type { ChatError } from "../errors/ChatError.js";
import type { OutboxEntry, OutboxSend } from "../model/outboxEntry.js";
import type { PersistenceSession } from "../persistence/Persistence.js";
import type { MessagesStore } from "../stores/messages/createMessagesStore.js";
import type { OutboxReadable } from "../stores/outbox/selectOutbox.js";
import type { OutboxWork } from "./outboxWork.js";

// The outbox's contract and dependencies; `createOutbox.ts` makes one.

/** What the outbox asks of the transport itself (the stanzas go through `work`). */
interface OutboxTransport {
  /** Asks for an ack now: the last of a burst need not wait for the timer. */
  requestAck?(): void;
}

/** Dependencies of `createOutbox`, by name. */
export interface OutboxOptions {
  transport: OutboxTransport;
  /**
   * What each entry does on the wire (`createOutboxWork`). Called only while online, so the chat client passes one
   * that delegates to the work made in its deferred chunk, with the stanza builders (docs/decisions.md, "A small
   * bundle").
   */
  work: OutboxWork;
  messages: MessagesStore;
  /** The open database, once signed in. */
  persistence: () => PersistenceSession | null;
  /** True while the chat connection is online. */
  isOnline: () => boolean;
  /** Told when an entry is done (acknowledged or applied), after it left the outbox. */
  onDone?: (entry: OutboxEntry) => void;
  /** Background failures (permanent ones also mark their entry failed). */
  reportError: (error: ChatError) => void;
  /**
   * Readies a `send` that still has `uploads` (uploads its files): resolves with the entry whose `attachments` hold
   * them, calling `checkpoint` to persist progress after each file. Without it such a send fails.
   */
  prepareSend?: (entry: OutboxSend, checkpoint: (entry: OutboxSend) => Promise<void>) => Promise<OutboxSend>;
}

/** The durable queue of outgoing work (docs/architecture.md, Data flow §5). */
export interface Outbox {
  /** Entries waiting, in flight or failed, oldest first. */
  readonly entries: OutboxReadable;
  /** Adds work; resolves once the entry is durable. It goes out now when online, else on the next connect. */
  enqueue(entry: OutboxEntry): Promise<void>;
  /** Puts back entries restored from the cache (after a reload). */
  restore(entries: readonly OutboxEntry[]): void;
  /** Entries that failed for good (now, or restored failed from the cache). */
  readonly failed$: Observable<OutboxEntry>;
  /** Sends what is queued, in order, while online. */
  drain(): Promise<void>;
  /** A bounced stanza: the entry of that message fails with the error (e.g. `blocked`). */
  bounced(messageId: string, error: ChatError): void;
  /** Tries a failed entry again. */
  retry(id: string): Promise<void>;
  /** Drops an entry; a message never sent disappears from its dialog. */
  cancel(id: string): Promise<void>;
  /**
   * Settles with this run's outcome of an entry: resolves once it is done, rejects with the ChatError when it fails
   * for good or is cancelled (a later retry does not reopen it). Nothing waits across a reload.
   */
  settled(id: string): Promise<void>;
  /**
   * Shows another tab's copy of an entry without writing or sending anything (`null`: it left the outbox, done).
   * A follower's outbox mirrors the leader's this way (docs/architecture.md, Tabs).
   */
  mirror(id: string, entry: OutboxEntry | null): void;
  /** Forgets everything (logout). */
  clear(): void;
}
