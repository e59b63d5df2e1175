import { describe, expect, it } from "@jest/globals";
import { createStore, type Store } from "./createStore.js";
import { deferByKey, deferReadable } from "./deferReadable.js";

/** A module "loading": `arrive()` makes the source and settles `ready`. */
function loading<T>(make: () => T) {
  let made: T | null = null;
  let arrive: () => void = () => {};
  const settled = new Promise<void>((resolve) => {
    arrive = () => {
      made = make();
      resolve();
    };
  });
  return { current: () => made, ready: () => settled, arrive: () => (arrive(), settled) };
}

describe("deferReadable", () => {
  it("reads the initial value until the source exists, then moves early subscribers onto it", async () => {
    const module = loading(() => createStore(5));
    const readable = deferReadable(() => module.current(), module.ready, 0);
    const seen: number[] = [];
    const stop = readable.subscribe((value) => seen.push(value));
    expect(readable.get()).toBe(0);
    await module.arrive();
    expect(readable.get()).toBe(5);
    (module.current() as Store<number>).set(6);
    stop();
    (module.current() as Store<number>).set(7);
    expect(seen).toEqual([0, 5, 6]);
  });

  it("an early subscriber that left before the source came is not attached", async () => {
    const module = loading(() => createStore(5));
    const readable = deferReadable(() => module.current(), module.ready, 0);
    const seen: number[] = [];
    readable.subscribe((value) => seen.push(value))();
    await module.arrive();
    (module.current() as Store<number>).set(6);
    expect(seen).toEqual([0]);
  });
});

describe("deferByKey", () => {
  it("gives one deferred Readable per key before the module, the real getter's after", async () => {
    const stores = new Map<string, Store<number>>();
    const get = (key: string) => {
      if (!stores.has(key)) stores.set(key, createStore(key.length));
      return stores.get(key) as Store<number>;
    };
    const module = loading(() => get);
    const byKey = deferByKey(() => module.current(), module.ready, -1);
    const early = byKey("abc");
    expect(byKey("abc")).toBe(early);
    expect(early.get()).toBe(-1);
    const seen: number[] = [];
    early.subscribe((value) => seen.push(value));
    await module.arrive();
    expect(byKey("abc")).toBe(get("abc"));
    get("abc").set(9);
    expect(seen).toEqual([-1, 3, 9]);
  });
});
