import { describe, expect, it } from "@jest/globals";
import { MAX_WIRE_TIME_MS, msToSeconds, secondsToMs, wireTimeToMs } from "./wireTime.js";

describe("wire time conversions", () => {
  it("converts seconds ↔ milliseconds, flooring to whole seconds", () => {
    expect(secondsToMs(1_700_000_000)).toBe(1_700_000_000_000);
    expect(msToSeconds(1_700_000_000_999)).toBe(1_700_000_000);
  });

  it("reads unix seconds, numeric strings, milliseconds and ISO strings", () => {
    expect(wireTimeToMs(1_700_000_000)).toBe(1_700_000_000_000);
    expect(wireTimeToMs("1700000000")).toBe(1_700_000_000_000);
    expect(wireTimeToMs(1_700_000_000_123)).toBe(1_700_000_000_123); // a client that sends ms (docs/protocol.md §15.5)
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

  it("refuses times no date can show: before 1970 or after the year 9999, in any form", () => {
    for (const value of [
      1e30,
      "1e30",
      -1,
      "-100",
      1e21,
      "1000000000000000000000",
      "+275760-09-13T00:00:00.001Z",
      "10000-01-01T00:00:00Z",
    ]) {
      expect([value, wireTimeToMs(value)]).toEqual([value, null]);
    }
    expect(wireTimeToMs(MAX_WIRE_TIME_MS)).toBe(MAX_WIRE_TIME_MS);
    expect(wireTimeToMs(0)).toBe(0);
  });
});
