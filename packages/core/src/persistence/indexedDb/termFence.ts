import { wrap } from "idb";
import type { WriteBatch } from "./createWriteQueue.js";

/** Where the current leader's term is kept, beside the sync cursors (docs/architecture.md, Tabs). */
const TERM_KEY = "tabs:term";

/** A fence set by the leading tab: its term, and what to do when a batch finds a newer one. */
export interface TermFence {
  term: number;
  onStale(): void;
}

/** Takes the next term in one transaction, so two tabs never get the same one. */
export async function claimTerm(raw: IDBDatabase): Promise<number> {
  const tx = raw.transaction("cursors", "readwrite");
  const store = tx.objectStore("cursors");
  const current = (await wrap(store.get(TERM_KEY))) as { value: number } | undefined;
  const next = (current?.value ?? 0) + 1;
  store.put({ key: TERM_KEY, value: next });
  await wrap(tx).done;
  return next;
}

/** The term stored now (0 before any leader claimed one). */
export async function readTerm(raw: IDBDatabase): Promise<number> {
  const tx = raw.transaction("cursors", "readonly");
  const stored = (await wrap(tx.objectStore("cursors").get(TERM_KEY))) as { value: number } | undefined;
  return stored?.value ?? 0;
}

/** True when the term stored is still the fence's (read inside the batch's own transaction). */
export async function holdsTerm(cursors: IDBObjectStore, fence: TermFence): Promise<boolean> {
  const stored = (await wrap(cursors.get(TERM_KEY))) as { value: number } | undefined;
  return (stored?.value ?? 0) === fence.term;
}

/**
 * What a stale leader may still write: only the user's new work (outbox entries never tried yet). Server data,
 * cursors and the outbox's progress are the new leader's to write; the user's own messages are never lost.
 */
export function userWorkOnly(batch: WriteBatch): WriteBatch {
  const outbox = new Map(
    [...batch.outbox].filter(([, entry]) => entry !== null && entry.state === "queued" && entry.attempts === 0),
  );
  return { dialogs: new Map(), windows: new Map(), outbox, cursors: new Map(), users: new Map(), privacy: new Map() };
}
