import type { Dialog } from "../../model/dialog.js";
import type { OutboxEntry } from "../../model/outboxEntry.js";
import type { User } from "../../model/user.js";
import type { StoredValue, StoredWindow } from "../Persistence.js";

/** Writes gathered during one tick: the last value per key wins, `null` deletes. */
export interface WriteBatch {
  dialogs: Map<string, Dialog | null>;
  windows: Map<string, StoredWindow | null>;
  outbox: Map<string, OutboxEntry | null>;
  cursors: Map<string, number>;
  users: Map<number, User>;
  privacy: Map<string, StoredValue | null>;
}

/** An empty batch. */
const emptyBatch = (): WriteBatch => ({
  dialogs: new Map(),
  windows: new Map(),
  outbox: new Map(),
  cursors: new Map(),
  users: new Map(),
  privacy: new Map(),
});

/** True when the batch writes nothing. */
const isEmptyBatch = (batch: WriteBatch): boolean =>
  batch.dialogs.size +
    batch.windows.size +
    batch.outbox.size +
    batch.cursors.size +
    batch.users.size +
    batch.privacy.size ===
  0;

/** The write-behind queue of a session. */
export interface WriteQueue {
  /** Records writes into the current batch; resolves when that batch has been committed (or given up on). */
  enqueue(record: (batch: WriteBatch) => void): Promise<void>;
  /** Commits the current batch now; resolves when everything enqueued so far is done. */
  flush(): Promise<void>;
}

/**
 * Coalesces writes per tick: everything enqueued before the next macrotask becomes one batch, committed by `commit`
 * (one transaction), batches strictly one after another so a later write never lands before an earlier one. Under
 * load the batches grow: what arrives while a transaction commits goes out in the next one.
 * `commit` must not reject (the session handles its failures); `schedule` defaults to `setTimeout(…, 0)`.
 */
export function createWriteQueue(
  commit: (batch: WriteBatch) => Promise<void>,
  schedule: (run: () => void) => void = (run) => void setTimeout(run, 0),
): WriteQueue {
  let pending = emptyBatch();
  let waiters: Array<() => void> = [];
  let scheduled = false;
  let committing: Promise<void> | null = null;

  /** Commits what is pending; while a commit runs, writes keep gathering and go out together right after it. */
  const kick = (): Promise<void> => {
    scheduled = false;
    if (committing) return committing.then(() => (isEmptyBatch(pending) && waiters.length === 0 ? undefined : kick()));
    const batch = pending;
    const done = waiters;
    pending = emptyBatch();
    waiters = [];
    if (isEmptyBatch(batch) && done.length === 0) return Promise.resolve();
    committing = (isEmptyBatch(batch) ? Promise.resolve() : commit(batch))
      .catch(() => {})
      .then(() => {
        committing = null;
        done.forEach((resolve) => resolve());
      });
    return committing;
  };

  return {
    enqueue(record) {
      record(pending);
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        if (!scheduled) {
          scheduled = true;
          schedule(() => void kick());
        }
      });
    },
    flush: () => kick(),
  };
}
