import { describe, expect, it } from "@jest/globals";
import { createManualClock } from "../time/createManualClock.js";
import { ChatError } from "./ChatError.js";
import { createErrorCoalescer } from "./createErrorCoalescer.js";

function setup(options: { windowMs?: number; maxKeys?: number } = {}) {
  const clock = createManualClock(0);
  const emitted: ChatError[] = [];
  const coalescer = createErrorCoalescer({ clock, emit: (error) => emitted.push(error), ...options });
  return { clock, emitted, report: coalescer.report, coalescer };
}

const badDialog = (i: number) =>
  new ChatError(
    "protocol",
    `Malformed dialog 65f0000000000000000${String(i).padStart(5, "0")}: user_id is not a user id`,
  );

describe("createErrorCoalescer", () => {
  it("passes the first error of a kind at once and sums up its repeats in one error per window", () => {
    const t = setup();
    for (let i = 0; i < 2000; i++) t.report(badDialog(i));
    expect(t.emitted).toHaveLength(1);
    expect(t.emitted[0].details?.repeated).toBeUndefined();
    expect(t.emitted[0].message).toContain("65f000000000000000000000");
    t.clock.advance(1000);
    expect(t.emitted).toHaveLength(2);
    const summary = t.emitted[1];
    expect(summary).toBeInstanceOf(ChatError);
    expect(summary.code).toBe("protocol");
    expect(summary.details?.repeated).toBe(1999);
    expect(summary.cause).toBeInstanceOf(ChatError);
    expect(summary.message).toMatch(/1999 more/);
    t.clock.advance(10_000);
    expect(t.emitted).toHaveLength(2);
  });

  it("a flood that goes on gives one summary per window, not one error per failure", () => {
    const t = setup();
    for (let second = 0; second < 5; second++) {
      for (let i = 0; i < 100; i++) t.report(badDialog(i));
      t.clock.advance(1000);
    }
    expect(t.emitted.length).toBeLessThanOrEqual(6);
    const counted = t.emitted.reduce(
      (sum, error) => sum + (typeof error.details?.repeated === "number" ? error.details.repeated : 1),
      0,
    );
    expect(counted).toBe(500);
  });

  it("different kinds of errors are not merged", () => {
    const t = setup();
    t.report(new ChatError("network", "offline"));
    t.report(new ChatError("protocol", "dropped a malformed message: no sender"));
    t.report(new ChatError("server", "boom", { status: 500 }));
    t.report(new ChatError("server", "boom", { status: 502 }));
    expect(t.emitted.map((error) => error.code)).toEqual(["network", "protocol", "server", "server"]);
    t.clock.advance(1000);
    expect(t.emitted).toHaveLength(4);
  });

  it("too many distinct kinds in one window are merged by code, so random text cannot defeat it", () => {
    const t = setup({ maxKeys: 5 });
    for (let i = 0; i < 1000; i++)
      t.report(new ChatError("protocol", `from another domain: u${"x".repeat(i % 50)}@evil.example`));
    expect(t.emitted.length).toBeLessThanOrEqual(6);
    t.clock.advance(1000);
    expect(t.emitted.length).toBeLessThanOrEqual(12);
    const counted = t.emitted.reduce(
      (sum, error) => sum + (typeof error.details?.repeated === "number" ? error.details.repeated : 1),
      0,
    );
    expect(counted).toBe(1000);
  });

  it("windowMs 0 passes everything through; flush() emits pending summaries at once", () => {
    const off = setup({ windowMs: 0 });
    for (let i = 0; i < 10; i++) off.report(badDialog(i));
    expect(off.emitted).toHaveLength(10);
    const t = setup();
    t.report(badDialog(1));
    t.report(badDialog(2));
    t.coalescer.flush();
    expect(t.emitted.map((error) => error.details?.repeated)).toEqual([undefined, 1]);
    expect(t.clock.pendingTimers()).toBe(0);
  });
});
