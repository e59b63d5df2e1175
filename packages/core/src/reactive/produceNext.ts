/** A value as a recipe may change it: `readonly` removed all the way down (plain objects and arrays). */
type Draft<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends ReadonlyArray<infer U>
    ? Draft<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Draft<T[K]> }
      : T;

/** A recipe for `Store.update`: mutate the draft, or return a whole new value. */
export type Recipe<T> = (draft: Draft<T>) => void | T;

/**
 * The next state of a small store (docs/decisions.md, Plain reducers on the hot path, immer for small stores — immer
 * itself is gone from the bundle): the recipe gets a mutable copy of `current` (its plain objects and arrays; other
 * values are shared) or returns a value of its own; every branch of the result that came out equal to the old one
 * is the old one again, so untouched branches keep their identity and a recipe that changed nothing returns
 * `current` itself. What is new is deep-frozen. Costs O(size of the state): meant for small stores.
 */
export function produceNext<T>(current: T, recipe: Recipe<T>): T {
  const draft = copy(current) as Draft<T>;
  const returned = recipe(draft);
  return freeze(share(current, returned === undefined ? draft : returned)) as T;
}

function isPlain(value: unknown): value is Record<string, unknown> | unknown[] {
  if (value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function copy(value: unknown): unknown {
  if (!isPlain(value)) return value;
  if (Array.isArray(value)) return value.map(copy);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copy(value[key]);
  return out;
}

/** `next`, with every part equal to the matching part of `old` replaced by that part. */
function share(old: unknown, next: unknown): unknown {
  if (Object.is(old, next) || !isPlain(old) || !isPlain(next)) return next;
  if (Array.isArray(old) !== Array.isArray(next)) return next;
  if (Array.isArray(old) && Array.isArray(next)) {
    const items = next.map((item, i) => share(old[i], item));
    return items.length === old.length && items.every((item, i) => item === old[i]) ? old : items;
  }
  const before = old as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const keys = Object.keys(after);
  const out: Record<string, unknown> = {};
  let same = keys.length === Object.keys(before).length;
  for (const key of keys) {
    out[key] = share(before[key], after[key]);
    if (out[key] !== before[key] || !Object.hasOwn(before, key)) same = false;
  }
  return same ? old : out;
}

/** Freezes a value and what is under it, stopping at what is frozen already (the shared branches). */
export function freeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) freeze(child);
  }
  return value;
}
