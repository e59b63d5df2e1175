import type { Element } from "@xmpp/xml";
import { type Observable, Subject } from "rxjs";
import { ChatError } from "../errors/ChatError.js";
import { toChatError } from "../errors/toChatError.js";
import { compareOutbox, type OutboxEntry, type OutboxSend } from "../model/outboxEntry.js";
import type { PersistenceSession } from "../persistence/Persistence.js";
import { createStore } from "../reactive/createStore.js";
import type { RestClient } from "../rest/createRestClient.js";
import type { MessagesStore } from "../stores/messages/createMessagesStore.js";
import { removeMessages, setStatus } from "../stores/messages/messagesReducer.js";
import { type OutboxReadable, selectOutbox } from "../stores/outbox/selectOutbox.js";
import type { Clock } from "../time/clock.js";
import type { JidContext } from "../xmpp/stanzas/jid.js";
import { createOutboxWork } from "./outboxWork.js";

/** Most message stanzas on the wire waiting for their acks. */
const PIPELINE_WINDOW = 256;

/** True for a send that still has files to upload. */
const needsUpload = (entry: OutboxEntry): boolean =>
  entry.kind === "send" && Boolean(entry.uploads?.some((upload) => upload.done === null));

/** What the outbox sends through. */
interface OutboxTransport {
  send(element: Element): Promise<void>;
  sendTracked(element: Element): Promise<void>;
  /** Asks for an ack now: the last of a burst need not wait for the timer. */
  requestAck?(): void;
}

/** Dependencies of `createOutbox`, by name. */
export interface OutboxOptions {
  transport: OutboxTransport;
  rest: Pick<RestClient, "messages">;
  messages: MessagesStore;
  jid: JidContext;
  clock: Clock;
  /** The open database, once signed in. */
  persistence: () => PersistenceSession | null;
  /** The peer of a private dialog (1-1 stanzas go to the user), or null for a room. */
  recipientOf: (dialogId: string) => number | null;
  /** True while the chat connection is online. */
  isOnline: () => boolean;
  /** The signed-in user (a read entry marks others' messages read for them). */
  selfUserId?: () => number | null;
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
  /** Forgets everything (logout). */
  clear(): void;
}

/**
 * Creates the outbox. Entries go out one at a time in creation order (ties by id), so a dialog's messages keep their
 * order, after a reconnect and after a reload alike; a transient failure stops the queue until the next connect
 * rather than letting a later entry overtake. A `send` carries the message's own id, so a replay is idempotent.
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const { transport, rest, messages, jid, clock } = options;
  // Entries are frozen one by one as they enter; the array is not deep-frozen on every change (O(n) each time).
  const store = createStore<readonly OutboxEntry[]>([], { deepFreeze: false });
  const byId = new Map<string, OutboxEntry>();
  const failures = new Subject<OutboxEntry>();
  let draining: Promise<void> | null = null;
  const waiters = new Map<
    string,
    { promise: Promise<void>; resolve: () => void; reject: (error: ChatError) => void }
  >();
  const waiterFor = (id: string) => {
    let waiter = waiters.get(id);
    if (!waiter) {
      let resolve!: () => void;
      let reject!: (error: ChatError) => void;
      const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
      promise.catch(() => {}); // an outcome nobody awaits is no unhandled rejection
      waiters.set(id, (waiter = { promise, resolve, reject }));
    }
    return waiter;
  };
  const settle = (id: string, error: ChatError | null) => {
    const waiter = waiters.get(id);
    if (!waiter) return;
    waiters.delete(id);
    if (error) waiter.reject(error);
    else waiter.resolve();
  };

  const put = (entry: OutboxEntry) => {
    Object.freeze(entry);
    const entries = store.get();
    const known = byId.get(entry.id);
    byId.set(entry.id, entry);
    const next = entries.slice();
    const at = known ? entries.indexOf(known) : -1;
    if (at >= 0)
      next[at] = entry; // the same entry keeps its place (its order key never changes)
    else {
      let index = next.length; // a new entry is almost always the newest
      while (index > 0 && compareOutbox(next[index - 1], entry) > 0) index--;
      next.splice(index, 0, entry);
    }
    store.set(next);
  };
  const find = (id: string) => byId.get(id);
  const save = async (entry: OutboxEntry) => {
    put(entry);
    await options.persistence()?.putOutbox(entry);
  };
  const forget = async (id: string) => {
    const known = byId.get(id);
    if (known) {
      byId.delete(id);
      const next = store.get().slice();
      next.splice(next.indexOf(known), 1);
      store.set(next);
    }
    await options.persistence()?.deleteOutbox(id);
  };

  /** A send with files still to upload goes through `prepareSend` first (its progress saved as it goes). */
  async function readySend(entry: OutboxSend): Promise<OutboxSend> {
    if (!needsUpload(entry)) return entry;
    if (!options.prepareSend) throw new ChatError("validation", "This client cannot upload the message's files");
    const ready = await options.prepareSend(entry, async (next) => {
      if (find(entry.id)?.state === "in-flight") await save({ ...next, state: "in-flight" });
    });
    if (find(entry.id)?.state === "in-flight") await save({ ...ready, state: "in-flight" });
    return ready;
  }

  const work = createOutboxWork({
    transport,
    rest,
    jid,
    clock,
    recipientOf: options.recipientOf,
    selfUserId: options.selfUserId,
  });

  /** Does the entry's work. A ready send starts at once (synchronously), so sends launched in order go out in order. */
  function perform(entry: OutboxEntry): Promise<void> {
    if (entry.kind === "send") return needsUpload(entry) ? readySend(entry).then(work.send) : work.send(entry);
    return work.other(entry);
  }

  async function runOne(entry: OutboxEntry): Promise<"done" | "stop"> {
    const flying = { ...entry, state: "in-flight" as const, attempts: entry.attempts + 1 };
    put(flying);
    // The outcome of this attempt counts only if nothing happened to the entry meanwhile: a bounce marks it failed,
    // a cancel drops it, and a retry after a bounce queues it again while this attempt still waits for its ack.
    const stillThisAttempt = (current: OutboxEntry | undefined): current is OutboxEntry =>
      current !== undefined && current.state === "in-flight" && current.attempts === flying.attempts;
    try {
      await perform(flying);
    } catch (cause) {
      const error = toChatError(cause);
      const current = find(entry.id);
      if (!stillThisAttempt(current)) return "done";
      // A dead network waits for the next connect; a rejected session for the next sign-in (the entry is still good).
      if (error.transient || error.code === "unauthorized") {
        put({ ...current, state: "queued", lastError: error });
        return "stop";
      }
      await fail(current, error);
      return "done";
    }
    if (!stillThisAttempt(find(entry.id))) return "done";
    if (entry.kind === "send") messages.apply(entry.dialogId, (w) => setStatus(w, entry.messageId, "sent"));
    await forget(entry.id);
    settle(entry.id, null);
    options.onDone?.(entry);
    return "done";
  }

  async function fail(entry: OutboxEntry, error: ChatError): Promise<void> {
    await save({ ...entry, state: "failed", lastError: error });
    if (entry.kind === "send") messages.apply(entry.dialogId, (w) => setStatus(w, entry.messageId, "failed", error));
    settle(entry.id, error);
    failures.next(find(entry.id) ?? entry);
    options.reportError(error);
  }

  /**
   * Sends what is queued, in order. Ready messages are pipelined: up to PIPELINE_WINDOW stanzas on the wire before
   * their acks are back (one stream, handled in order by the server, so a dialog's order holds). Any other work (REST
   * calls, a send that still uploads files) waits until everything before it is acknowledged, then runs alone. A
   * transient failure stops the queue; what was in flight goes back to `queued` and is sent again, once, on the next
   * connect (the ids make it idempotent).
   */
  async function drainLoop(): Promise<"idle" | "stopped"> {
    const inFlight = new Set<Promise<void>>();
    let stopped = false;
    while (!stopped && options.isOnline()) {
      const next = store.get().find((e) => e.state === "queued");
      if (next && next.kind === "send" && !needsUpload(next) && inFlight.size < PIPELINE_WINDOW) {
        const running: Promise<void> = runOne(next).then((outcome) => {
          inFlight.delete(running);
          if (outcome === "stop") stopped = true;
        });
        inFlight.add(running);
        continue;
      }
      if (inFlight.size > 0) {
        // The window is full, the next entry waits for what is before it, or the burst ended: ask for the acks now.
        transport.requestAck?.();
        await Promise.race(inFlight);
        continue;
      }
      if (!next) return "idle";
      if ((await runOne(next)) === "stop") stopped = true;
    }
    await Promise.all(inFlight);
    return "stopped";
  }

  const drain = (): Promise<void> => {
    if (!draining) {
      draining = drainLoop()
        .catch((error: unknown) => {
          options.reportError(toChatError(error));
          return "stopped" as const;
        })
        .then((outcome) => {
          draining = null;
          // Work queued while the loop was ending would otherwise wait for the next connect.
          if (outcome === "idle" && options.isOnline() && store.get().some((e) => e.state === "queued")) void drain();
        });
    }
    return draining;
  };

  return {
    entries: selectOutbox(store),
    async enqueue(entry) {
      waiterFor(entry.id);
      await save(entry);
      void drain();
    },
    restore(entries) {
      for (const entry of entries) put(entry.state === "in-flight" ? { ...entry, state: "queued" } : entry);
      for (const entry of entries) if (entry.state === "failed") failures.next(entry);
    },
    failed$: failures.asObservable(),
    drain,
    bounced(messageId, error) {
      const entry = store.get().find((e) => e.messageId === messageId && e.kind === "send");
      if (entry) void fail(entry, error);
      else {
        // Already acknowledged (a bounce after the ack): the message still failed to reach its recipient.
        options.reportError(error);
      }
    },
    async retry(id) {
      const entry = find(id);
      if (entry?.state !== "failed") return;
      await save({ ...entry, state: "queued", lastError: null, nextAttemptAt: null });
      if (entry.kind === "send") messages.apply(entry.dialogId, (w) => setStatus(w, entry.messageId, "pending"));
      void drain();
    },
    async cancel(id) {
      const entry = find(id);
      if (!entry) return;
      if (entry.state === "in-flight")
        throw new ChatError("conflict", "The entry is being sent; wait for it to finish or fail");
      await forget(id);
      settle(id, new ChatError("cancelled", "The entry was cancelled"));
      if (entry.kind === "send") messages.apply(entry.dialogId, (w) => removeMessages(w, [entry.messageId]));
    },
    settled(id) {
      const waiting = waiters.get(id);
      if (waiting) return waiting.promise;
      const entry = find(id);
      if (!entry) return Promise.resolve();
      if (entry.state === "failed")
        return Promise.reject(entry.lastError ?? new ChatError("server", "The entry failed"));
      return waiterFor(id).promise;
    },
    clear() {
      store.set([]);
      byId.clear();
      for (const id of [...waiters.keys()]) settle(id, new ChatError("cancelled", "Signed out"));
    },
  };
}
