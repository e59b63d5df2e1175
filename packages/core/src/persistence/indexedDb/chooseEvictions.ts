/** What eviction needs to know of a cached window. */
export interface EvictionCandidate {
  dialogId: string;
  viewedAt: number;
  count: number;
}

/**
 * Which cached windows to drop so at most `maxTotal` messages stay cached: the least recently viewed first (ties by
 * id, so the choice is stable), never a `protect`ed one (a dialog with pending outbox work).
 */
export function chooseEvictions(
  windows: Iterable<EvictionCandidate>,
  maxTotal: number,
  protect: ReadonlySet<string> = new Set(),
): string[] {
  const all = [...windows];
  let total = all.reduce((sum, w) => sum + w.count, 0);
  if (total <= maxTotal) return [];
  const order = all
    .filter((w) => !protect.has(w.dialogId))
    .sort((a, b) => a.viewedAt - b.viewedAt || (a.dialogId < b.dialogId ? -1 : 1));
  const evicted: string[] = [];
  for (const window of order) {
    if (total <= maxTotal) break;
    evicted.push(window.dialogId);
    total -= window.count;
  }
  return evicted;
}
