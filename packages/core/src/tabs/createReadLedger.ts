import type { OutboxEntry } from "../model/outboxEntry.js";
import type { Readable } from "../reactive/readable.js";

/** The reads a tab knows were queued for the user (its own, taken up from other tabs, or the leader's, mirrored). */
export interface ReadLedger {
  /** True when a read of this message was queued already, by an entry other than `entryId`. */
  has(dialogId: string, messageId: string, entryId?: string): boolean;
  reset(): void;
  dispose(): void;
}

/**
 * Remembers every `read` entry that passes through a tab's outbox, by dialog and message, so that a dialog read in
 * two tabs at once sends one marker per message (docs/architecture.md, Tabs): a tab does not queue a read the user's
 * outbox already had, and the leader drops another tab's duplicate instead of taking it up. Bounded: the oldest go.
 */
export function createReadLedger(entries: Readable<readonly OutboxEntry[]>, limit = 1000): ReadLedger {
  const known = new Map<string, string>(); // "dialogId messageId" → the entry's id
  const keyOf = (dialogId: string, messageId: string) => `${dialogId} ${messageId}`;
  const stop = entries.subscribe((list) => {
    for (const entry of list) {
      if (entry.kind !== "read") continue;
      const key = keyOf(entry.dialogId, entry.messageId);
      if (known.has(key)) continue;
      known.set(key, entry.id);
      if (known.size > limit) known.delete(known.keys().next().value as string);
    }
  });
  return {
    has(dialogId, messageId, entryId) {
      const id = known.get(keyOf(dialogId, messageId));
      return id !== undefined && id !== entryId;
    },
    reset: () => known.clear(),
    dispose: stop,
  };
}
