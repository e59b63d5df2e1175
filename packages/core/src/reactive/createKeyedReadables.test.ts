import { describe, expect, it } from "@jest/globals";
import { createManualClock } from "../time/createManualClock.js";
import { createKeyedReadables, DEFAULT_KEEP_ALIVE_MS } from "./createKeyedReadables.js";
import { createStore } from "./createStore.js";
import { select } from "./select.js";

/** A typing store keyed by dialog, with a log of the work started and stopped per key. */
function setup(keepAliveMs = 1_000) {
  const clock = createManualClock(0);
  const store = createStore<Record<string, string[]>>({ d1: ["7"], d2: [] });
  const log: string[] = [];
  const created: string[] = [];
  const typing = createKeyedReadables(
    (dialogId: string) => {
      created.push(dialogId);
      return {
        readable: select(store, (s) => s[dialogId] ?? []),
        start: () => {
          log.push(`start ${dialogId}`);
          return () => log.push(`stop ${dialogId}`);
        },
      };
    },
    { keepAliveMs, clock },
  );
  return { clock, store, log, created, typing };
}

describe("createKeyedReadables", () => {
  it("creates a readable lazily on first get and returns the same instance after", () => {
    const { typing, created } = setup();
    expect(created).toEqual([]);
    const a = typing.get("d1");
    expect(typing.get("d1")).toBe(a);
    expect(created).toEqual(["d1"]);
    expect(a.get()).toEqual(["7"]);
  });

  it("starts work on the first subscriber, not before, and only once for many subscribers", () => {
    const { typing, log } = setup();
    const readable = typing.get("d1");
    expect(log).toEqual([]);
    const seen: string[][] = [];
    const stopA = readable.subscribe((v) => seen.push(v));
    const stopB = readable.subscribe(() => {});
    expect(log).toEqual(["start d1"]);
    expect(seen).toEqual([["7"]]);
    stopA();
    stopB();
  });

  it("stops keepAliveMs after the last subscriber leaves, then forgets the key", () => {
    const { typing, log, clock, created } = setup(1_000);
    const stop = typing.get("d1").subscribe(() => {});
    stop();
    clock.advance(999);
    expect(log).toEqual(["start d1"]);
    clock.advance(1);
    expect(log).toEqual(["start d1", "stop d1"]);
    expect(typing.keys()).toEqual([]);
    typing.get("d1");
    expect(created).toEqual(["d1", "d1"]);
  });

  it("a subscriber arriving within the keep-alive keeps the work running without a restart", () => {
    const { typing, log, clock } = setup(1_000);
    const readable = typing.get("d1");
    readable.subscribe(() => {})();
    clock.advance(500);
    const stop = readable.subscribe(() => {});
    clock.advance(5_000);
    expect(log).toEqual(["start d1"]);
    stop();
    clock.advance(1_000);
    expect(log).toEqual(["start d1", "stop d1"]);
  });

  it("delivers store changes for its key only", () => {
    const { typing, store } = setup();
    const seen: string[][] = [];
    typing.get("d2").subscribe((v) => seen.push(v));
    store.update((draft) => {
      draft.d1.push("8");
    });
    store.update((draft) => {
      draft.d2.push("9");
    });
    expect(seen).toEqual([[], ["9"]]);
  });

  it("forgets a key that is read but never subscribed after the keep-alive", () => {
    const { typing, clock, log } = setup(1_000);
    typing.get("d1").get();
    expect(typing.keys()).toEqual(["d1"]);
    clock.advance(1_000);
    expect(typing.keys()).toEqual([]);
    expect(log).toEqual([]);
  });

  it("a readable kept from before its key was forgotten revives it, and work never runs twice per key", () => {
    const { typing, clock, log } = setup(1_000);
    const old = typing.get("d1");
    clock.advance(1_000); // forgotten
    const fresh = typing.get("d1");
    expect(fresh).not.toBe(old);
    const stopOld = old.subscribe(() => {});
    const stopFresh = fresh.subscribe(() => {});
    expect(log).toEqual(["start d1"]);
    stopOld();
    stopFresh();
    clock.advance(1_000);
    expect(log).toEqual(["start d1", "stop d1"]);
  });

  it("a stale readable subscribed after its key was forgotten re-registers itself", () => {
    const { typing, clock, log } = setup(1_000);
    const old = typing.get("d1");
    clock.advance(1_000);
    const stop = old.subscribe(() => {});
    expect(typing.keys()).toEqual(["d1"]);
    expect(typing.get("d1")).toBe(old);
    expect(log).toEqual(["start d1"]);
    stop();
  });

  it("works with a factory that has no start hook", () => {
    const clock = createManualClock();
    const store = createStore({ n: 1 });
    const family = createKeyedReadables((key: string) => ({ readable: select(store, (s) => `${key}:${s.n}`) }), {
      clock,
    });
    const seen: string[] = [];
    const stop = family.get("x").subscribe((v) => seen.push(v));
    store.set({ n: 2 });
    stop();
    clock.advance(DEFAULT_KEEP_ALIVE_MS);
    expect(seen).toEqual(["x:1", "x:2"]);
    expect(family.keys()).toEqual([]);
  });

  it("dispose stops all running work and cancels timers", () => {
    const { typing, log, clock } = setup(1_000);
    typing.get("d1").subscribe(() => {});
    typing.get("d2").subscribe(() => {})();
    typing.dispose();
    expect(log.sort()).toEqual(["start d1", "start d2", "stop d1", "stop d2"]);
    expect(typing.keys()).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
  });
});
