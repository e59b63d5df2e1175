import { describe, expect, it } from "@jest/globals";
import { createStore } from "./createStore.js";
import { selectByKey } from "./selectByKey.js";
import { shallowEqual } from "./shallowEqual.js";

describe("selectByKey", () => {
  it("gives the same Readable per key, null included, each notified only when its selection changes", () => {
    const store = createStore<Record<string, number[]>>({ a: [1], b: [2] });
    const of = selectByKey(store, (s, key: string | null) => (key ? (s[key] ?? []) : Object.keys(s)), shallowEqual);
    expect(of("a")).toBe(of("a"));
    expect(of(null)).toBe(of(null));
    expect(of("a")).not.toBe(of("b"));
    const seen: unknown[] = [];
    const stop = of("a").subscribe((value) => seen.push(value));
    store.update((s) => void s.b.push(3));
    store.update((s) => void s.a.push(4));
    stop();
    expect(seen).toEqual([[1], [1, 4]]);
    expect(of(null).get()).toEqual(["a", "b"]);
  });

  it("forgets the oldest key past its bound; a Readable already handed out keeps working", () => {
    const store = createStore({ n: 1 });
    const of = selectByKey(store, (s, key: number) => s.n + key);
    const first = of(0);
    for (let key = 1; key <= 1000; key += 1) of(key);
    expect(of(0)).not.toBe(first);
    store.set({ n: 5 });
    expect(first.get()).toBe(5);
    expect(of(1000).get()).toBe(1005);
  });
});
