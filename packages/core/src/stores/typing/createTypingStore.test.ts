import { describe, expect, it } from "@jest/globals";
import { createManualClock } from "../../time/createManualClock.js";
import { createTypingStore } from "./createTypingStore.js";

describe("typing store", () => {
  it("lists who types, expires a start after 6 s without news, and ends on stop", () => {
    const clock = createManualClock(0);
    const typing = createTypingStore({ clock });
    const seen: Array<readonly number[]> = [];
    typing.forDialog("d").subscribe((users) => seen.push(users));
    typing.set("d", 2, true);
    typing.set("d", 3, true);
    clock.advance(5000);
    typing.set("d", 2, true); // news from 2 renews its expiry
    clock.advance(1500);
    expect(typing.forDialog("d").get()).toEqual([2]);
    typing.set("d", 2, false);
    expect(seen).toEqual([[], [2], [2, 3], [2], []]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it("does not notify the subscribers of another dialog", () => {
    const typing = createTypingStore({ clock: createManualClock(0) });
    let calls = 0;
    typing.forDialog("a").subscribe(() => calls++);
    typing.set("b", 2, true);
    expect(calls).toBe(1);
  });
});
