import { Subject } from "rxjs";
import { ChatError } from "../errors/ChatError.js";
import { toChatError } from "../errors/toChatError.js";
import type { OutboxEntry, OutboxSend } from "../model/outboxEntry.js";
import { removeMessages, setStatus } from "../stores/messages/messagesReducer.js";
import type { Outbox, OutboxOptions } from "./Outbox.js";
import { createOutboxEntries } from "./outboxEntries.js";
import { createOutboxWaiters } from "./outboxWaiters.js";

export type { Outbox } from "./Outbox.js";

/** Most message stanzas on the wire waiting for their acks. */
const PIPELINE_WINDOW = 256;

/** True for a send that still has files to upload. */
const needsUpload = (entry: OutboxEntry): boolean =>
  entry.kind === "send" && Boolean(entry.uploads?.some((upload) => upload.done === null));

/**
 * Creates the outbox. Entries go out one at a time in creation order (ties by id), so a dialog's messages keep their
 * order, after a reconnect and after a reload alike; a transient failure stops the queue until the next connect
 * rather than letting a later entry overtake. A `send` carries the message's own id, so a replay is idempotent.
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const { transport, messages, work } = options;
  const entries = createOutboxEntries();
  const { put, find } = entries;
  const waiters = createOutboxWaiters();
  const settle = waiters.settle;
  const failures = new Subject<OutboxEntry>();
  let draining: Promise<void> | null = null;
  // New entries whose write is not durable yet: shown at once, never on the wire before they are durable (a tab that
  // dies in between leaves nothing on the server that no outbox holds). The queue waits for the first of them.
  const unsaved = new Set<string>();
  const save = async (entry: OutboxEntry) => {
    put(entry);
    await options.persistence()?.putOutbox(entry);
  };
  const forget = async (id: string) => {
    entries.remove(id);
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
      const first = entries.readable.get().find((e) => e.state === "queued");
      const next = first && !unsaved.has(first.id) ? first : undefined; // one not durable yet: the queue waits
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
          // Work queued while the loop was ending would otherwise wait for the next connect (work still being made
          // durable starts its own drain once it is).
          const ready = entries.readable.get().find((e) => e.state === "queued");
          if (outcome === "idle" && options.isOnline() && ready && !unsaved.has(ready.id)) void drain();
        });
    }
    return draining;
  };

  return {
    entries: entries.readable,
    async enqueue(entry) {
      waiters.waitFor(entry.id);
      unsaved.add(entry.id);
      try {
        await save(entry);
      } finally {
        unsaved.delete(entry.id);
      }
      void drain();
    },
    restore(restored) {
      for (const entry of restored) put(entry.state === "in-flight" ? { ...entry, state: "queued" } : entry);
      for (const entry of restored) if (entry.state === "failed") failures.next(entry);
    },
    failed$: failures.asObservable(),
    drain,
    bounced(messageId, error) {
      const entry = entries.readable.get().find((e) => e.messageId === messageId && e.kind === "send");
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
      const waiting = waiters.pending(id);
      if (waiting) return waiting;
      const entry = find(id);
      if (!entry) return Promise.resolve();
      if (entry.state === "failed")
        return Promise.reject(entry.lastError ?? new ChatError("server", "The entry failed"));
      return waiters.waitFor(id);
    },
    mirror(id, entry) {
      if (entry === null) {
        if (find(id)) settle(id, null);
        return entries.remove(id);
      }
      const was = find(id)?.state;
      put(entry);
      if (entry.state === "failed" && was !== "failed") {
        settle(id, entry.lastError ?? new ChatError("server", "The entry failed"));
        failures.next(entry);
      }
    },
    clear() {
      entries.clear();
      waiters.rejectAll(new ChatError("cancelled", "Signed out"));
    },
  };
}
