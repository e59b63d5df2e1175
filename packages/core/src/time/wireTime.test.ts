import { describe, expect, it } from "@jest/globals";
import { msToSeconds, secondsToMs, wireTimeToMs } from "./wireTime.js";

describe("wire time conversions", () => {
  it("converts seconds ↔ milliseconds, flooring to whole seconds", () => {
    expect(secondsToMs(1_700_000_000)).toBe(1_700_000_000_000);
    expect(msToSeconds(1_700_000_000_999)).toBe(1_700_000_000);
  });

  it("reads unix seconds, numeric strings, milliseconds and ISO strings", () => {
    expect(wireTimeToMs(1_700_000_000)).toBe(1_700_000_000_000);
    expect(wireTimeToMs("1700000000")).toBe(1_700_000_000_000);
    expect(wireTimeToMs(1_700_000_000_123)).toBe(1_700_000_000_123); // a client that sends ms (PROTOCOL.md §15.5)
    expect(wireTimeToMs("2023-11-14T22:13:20.000Z")).toBe(1_700_000_000_000);
    expect(wireTimeToMs("2023-11-14T22:13:20Z")).toBe(1_700_000_000_000);
  });

  it("gives null for anything else", () => {
    expect(wireTimeToMs(undefined)).toBeNull();
    expect(wireTimeToMs(null)).toBeNull();
    expect(wireTimeToMs("")).toBeNull();
    expect(wireTimeToMs("yesterday")).toBeNull();
    expect(wireTimeToMs(Number.NaN)).toBeNull();
    expect(wireTimeToMs({})).toBeNull();
  });
});
