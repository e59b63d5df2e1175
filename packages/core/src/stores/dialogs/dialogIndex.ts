import type { Dialog } from "../../model/dialog.js";

const BUCKETS = 64;

/** Which bucket an id lives in: its last characters (server ids end in a counter, so they spread evenly). */
function bucketOf(id: string): number {
  const n = id.length;
  return ((n > 0 ? id.charCodeAt(n - 1) : 0) * 31 + (n > 1 ? id.charCodeAt(n - 2) : 0)) & (BUCKETS - 1);
}

const EMPTY_BUCKET: ReadonlyMap<string, Dialog> = new Map();

/**
 * Dialogs by id, immutable, in 64 buckets: a change copies one bucket and the bucket table instead of the whole map,
 * so a message into one of 1,000 dialogs costs about 16 + 64 entries, not 1,000 (docs/decisions.md, "Plain reducers on
 * the hot path"). It reads as a `ReadonlyMap`; iteration goes bucket by bucket (no particular order).
 */
export class DialogIndex implements ReadonlyMap<string, Dialog> {
  static readonly EMPTY = new DialogIndex(new Array(BUCKETS).fill(EMPTY_BUCKET), 0);

  private constructor(
    private readonly buckets: readonly ReadonlyMap<string, Dialog>[],
    readonly size: number,
  ) {}

  /** An index holding `map`'s entries (returned as is when it is one already). */
  static from(map: ReadonlyMap<string, Dialog>): DialogIndex {
    return map instanceof DialogIndex ? map : DialogIndex.EMPTY.withAll([...map.values()]);
  }

  get(id: string): Dialog | undefined {
    return this.buckets[bucketOf(id)].get(id);
  }

  has(id: string): boolean {
    return this.buckets[bucketOf(id)].has(id);
  }

  /** A copy with these dialogs set (by their `id`). */
  withAll(dialogs: readonly Dialog[]): DialogIndex {
    if (dialogs.length === 0) return this;
    const buckets = this.buckets.slice();
    const copied: number[] = [];
    let size = this.size;
    for (const dialog of dialogs) {
      const b = bucketOf(dialog.id);
      if (!copied.includes(b)) {
        buckets[b] = new Map(buckets[b]);
        copied.push(b);
      }
      const bucket = buckets[b] as Map<string, Dialog>;
      if (!bucket.has(dialog.id)) size++;
      bucket.set(dialog.id, dialog);
    }
    return new DialogIndex(buckets, size);
  }

  /** A copy without `id`. */
  without(id: string): DialogIndex {
    const b = bucketOf(id);
    if (!this.buckets[b].has(id)) return this;
    const buckets = [...this.buckets];
    const bucket = new Map(buckets[b]);
    bucket.delete(id);
    buckets[b] = bucket;
    return new DialogIndex(buckets, this.size - 1);
  }

  forEach(callback: (value: Dialog, key: string, map: ReadonlyMap<string, Dialog>) => void): void {
    for (const [key, value] of this) callback(value, key, this);
  }

  *entries(): MapIterator<[string, Dialog]> {
    for (const bucket of this.buckets) yield* bucket.entries();
  }

  *keys(): MapIterator<string> {
    for (const bucket of this.buckets) yield* bucket.keys();
  }

  *values(): MapIterator<Dialog> {
    for (const bucket of this.buckets) yield* bucket.values();
  }

  [Symbol.iterator](): MapIterator<[string, Dialog]> {
    return this.entries();
  }
}
