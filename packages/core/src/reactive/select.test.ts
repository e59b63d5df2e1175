import { describe, expect, it, jest } from "@jest/globals";
import { firstValueFrom, take, toArray } from "rxjs";
import { createStore } from "./createStore.js";
import type { ReadableSource } from "./readable.js";
import { select } from "./select.js";
import { shallowEqual } from "./shallowEqual.js";

interface State {
  unread: Record<string, number>;
  typing: string[];
}

describe("select", () => {
  it("recomputes only when the source value changes", () => {
    const store = createStore<State>({ unread: { a: 1, b: 2 }, typing: [] });
    const selector = jest.fn((s: State) => s.unread.a);
    const unreadA = select(store, selector);
    expect(unreadA.get()).toBe(1);
    expect(unreadA.get()).toBe(1);
    expect(selector).toHaveBeenCalledTimes(1);
    store.update((draft) => {
      draft.unread.b = 3;
    });
    expect(unreadA.get()).toBe(1);
    expect(selector).toHaveBeenCalledTimes(2);
  });

  it("notifies only when the selected value changes", () => {
    const store = createStore<State>({ unread: { a: 1, b: 2 }, typing: [] });
    const seen: number[] = [];
    select(store, (s) => s.unread.a).subscribe((value) => seen.push(value));
    store.update((draft) => {
      draft.unread.b = 5;
    });
    store.update((draft) => {
      draft.unread.a = 7;
    });
    expect(seen).toEqual([1, 7]);
  });

  it("with shallowEqual, keeps the previous reference for an equal new array", () => {
    const store = createStore<State>({ unread: { a: 1, b: 0 }, typing: [] });
    const seen: string[][] = [];
    const withUnread = select(store, (s) => Object.keys(s.unread).filter((id) => s.unread[id] > 0), shallowEqual);
    withUnread.subscribe((value) => seen.push(value));
    const first = withUnread.get();
    store.update((draft) => {
      draft.typing.push("a");
    });
    expect(withUnread.get()).toBe(first);
    store.update((draft) => {
      draft.unread.b = 1;
    });
    expect(withUnread.get()).toEqual(["a", "b"]);
    expect(seen).toEqual([["a"], ["a", "b"]]);
  });

  it("subscribes to its source only while it has subscribers", () => {
    const store = createStore(1);
    let sourceSubscriptions = 0;
    const counted: ReadableSource<number> = {
      get: store.get,
      subscribe(listener) {
        sourceSubscriptions += 1;
        const unsubscribe = store.subscribe(listener);
        return () => {
          sourceSubscriptions -= 1;
          unsubscribe();
        };
      },
    };
    const doubled = select(counted, (n) => n * 2);
    expect(doubled.get()).toBe(2);
    expect(sourceSubscriptions).toBe(0);
    const stopA = doubled.subscribe(() => {});
    const stopB = doubled.subscribe(() => {});
    expect(sourceSubscriptions).toBe(1);
    stopA();
    expect(sourceSubscriptions).toBe(1);
    stopB();
    expect(sourceSubscriptions).toBe(0);
    store.set(5);
    expect(doubled.get()).toBe(10); // still readable without subscribers
  });

  it("chains: a select of a select", () => {
    const store = createStore<State>({ unread: { a: 1 }, typing: [] });
    const unread = select(store, (s) => s.unread);
    const total = select(unread, (u) => Object.values(u).reduce((sum, n) => sum + n, 0));
    const seen: number[] = [];
    total.subscribe((value) => seen.push(value));
    store.update((draft) => {
      draft.unread.b = 4;
    });
    store.update((draft) => {
      draft.typing.push("x");
    });
    expect(seen).toEqual([1, 5]);
  });

  it("exposes value$", async () => {
    const store = createStore(1);
    const values = firstValueFrom(select(store, (n) => n % 2).value$.pipe(take(2), toArray()));
    store.set(3); // same parity: no emission
    store.set(4);
    await expect(values).resolves.toEqual([1, 0]);
  });
});
