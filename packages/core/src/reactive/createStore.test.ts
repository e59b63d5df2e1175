import { describe, expect, it } from "@jest/globals";
import { firstValueFrom, take, toArray } from "rxjs";
import { createStore } from "./createStore.js";

interface State {
  dialogs: Record<string, { name: string; unread: number }>;
  order: string[];
}

const initial = (): State => ({
  dialogs: { a: { name: "Alice", unread: 0 }, b: { name: "Bob", unread: 2 } },
  order: ["a", "b"],
});

describe("createStore", () => {
  it("calls a new listener synchronously with the current value (the Svelte store contract)", () => {
    const store = createStore(initial());
    const seen: State[] = [];
    const unsubscribe = store.subscribe((value) => seen.push(value));
    expect(typeof unsubscribe).toBe("function");
    expect(seen).toEqual([store.get()]);
  });

  it("keeps untouched branches' identity on update (structural sharing)", () => {
    const store = createStore(initial());
    const before = store.get();
    store.update((draft) => {
      draft.dialogs.b.unread = 0;
    });
    const after = store.get();
    expect(after).not.toBe(before);
    expect(after.dialogs.b).not.toBe(before.dialogs.b);
    expect(after.dialogs.a).toBe(before.dialogs.a);
    expect(after.order).toBe(before.order);
    expect(after.dialogs.b.unread).toBe(0);
  });

  it("notifies nobody when an update changes nothing", () => {
    const store = createStore(initial());
    const seen: State[] = [];
    store.subscribe((value) => seen.push(value));
    const before = store.get();
    store.update((draft) => {
      draft.dialogs.a.name = "Alice"; // same value
    });
    store.update(() => {});
    expect(store.get()).toBe(before);
    expect(seen).toHaveLength(1);
  });

  it("accepts a recipe that returns a whole new value", () => {
    const store = createStore(initial());
    store.update(() => ({ dialogs: {}, order: [] }));
    expect(store.get()).toEqual({ dialogs: {}, order: [] });
  });

  it("set replaces the value; the same value is a no-op", () => {
    const store = createStore(1);
    const seen: number[] = [];
    store.subscribe((value) => seen.push(value));
    store.set(1);
    store.set(2);
    store.set(2);
    expect(seen).toEqual([1, 2]);
  });

  it("freezes state so accidental mutation throws instead of going unnoticed", () => {
    const store = createStore(initial());
    expect(() => {
      (store.get().dialogs.a as { name: string }).name = "Mallory";
    }).toThrow(TypeError);
    store.set({ dialogs: {}, order: ["x"] });
    expect(() => (store.get().order as string[]).push("y")).toThrow(TypeError);
  });

  it("stops notifying after unsubscribe, and unsubscribing twice is harmless", () => {
    const store = createStore(0);
    const seen: number[] = [];
    const unsubscribe = store.subscribe((value) => seen.push(value));
    store.set(1);
    unsubscribe();
    unsubscribe();
    store.set(2);
    expect(seen).toEqual([0, 1]);
  });

  it("never hands a later listener a stale value when an earlier listener updates the store", () => {
    const store = createStore(0);
    const second: number[] = [];
    store.subscribe((value) => {
      if (value === 1) store.set(2); // re-entrant update
    });
    store.subscribe((value) => second.push(value));
    store.set(1);
    expect(store.get()).toBe(2);
    expect(second).toEqual([0, 2]);
  });

  it("exposes value$ for RxJS users, current value first", async () => {
    const store = createStore("a");
    const values = firstValueFrom(store.value$.pipe(take(3), toArray()));
    store.set("b");
    store.set("c");
    await expect(values).resolves.toEqual(["a", "b", "c"]);
  });
});
