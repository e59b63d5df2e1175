import { describe, expect, it } from "@jest/globals";
import { systemClock } from "./clock.js";
import { createManualClock } from "./createManualClock.js";

describe("createManualClock", () => {
  it("starts where told and moves only when advanced", () => {
    const clock = createManualClock(1_000);
    expect(clock.now()).toBe(1_000);
    clock.advance(250);
    expect(clock.now()).toBe(1_250);
    clock.advanceTo(1_000); // never backwards
    expect(clock.now()).toBe(1_250);
  });

  it("fires due timers in time order, including timers scheduled by timers", () => {
    const clock = createManualClock(0);
    const log: string[] = [];
    clock.setTimeout(() => log.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => {
      log.push(`a@${clock.now()}`);
      clock.setTimeout(() => log.push(`c@${clock.now()}`), 5);
    }, 10);
    clock.advance(9);
    expect(log).toEqual([]);
    clock.advance(100);
    expect(log).toEqual(["a@10", "c@15", "b@20"]);
    expect(clock.now()).toBe(109);
    expect(clock.pendingTimers()).toBe(0);
  });

  it("cancels timers and ignores unknown handles", () => {
    const clock = createManualClock();
    const fired: number[] = [];
    const handle = clock.setTimeout(() => fired.push(1), 10);
    clock.setTimeout(() => fired.push(2), 10);
    clock.clearTimeout(handle);
    clock.clearTimeout("nope");
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(10);
    expect(fired).toEqual([2]);
  });
});

describe("systemClock", () => {
  it("reads Date.now and runs real timers", async () => {
    const before = Date.now();
    expect(systemClock.now()).toBeGreaterThanOrEqual(before);
    const fired = await new Promise<boolean>((resolve) => systemClock.setTimeout(() => resolve(true), 1));
    expect(fired).toBe(true);
    const handle = systemClock.setTimeout(() => {
      throw new Error("cleared timers never fire");
    }, 1);
    systemClock.clearTimeout(handle);
    await new Promise((resolve) => setTimeout(resolve, 5));
  });
});
