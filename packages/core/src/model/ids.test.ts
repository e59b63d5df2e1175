import { describe, expect, it } from "@jest/globals";
import { isObjectId, objectId, objectIdTime } from "./ids.js";

describe("objectId", () => {
  it("is 24 lowercase hex digits with the unix seconds of `now` in front", () => {
    const id = objectId(1_700_000_000_999);
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    expect(id.slice(0, 8)).toBe((1_700_000_000).toString(16));
    expect(objectIdTime(id)).toBe(1_700_000_000_000);
  });

  it("is unique and increasing within one second (counter in the last 3 bytes, fixed process bytes)", () => {
    const ids = Array.from({ length: 1000 }, () => objectId(1_700_000_000_000));
    expect(new Set(ids).size).toBe(1000);
    expect(new Set(ids.map((id) => id.slice(8, 18))).size).toBe(1);
    const counters = ids.map((id) => Number.parseInt(id.slice(18), 16));
    for (let i = 1; i < counters.length; i++) expect(counters[i]).toBe((counters[i - 1] + 1) % 0x1000000);
  });

  it("sorts by time as a string", () => {
    expect(objectId(1_000_000_000_000) < objectId(1_700_000_000_000)).toBe(true);
  });

  it("defaults to the current time", () => {
    const time = objectIdTime(objectId())!;
    expect(Math.abs(time - Date.now())).toBeLessThan(2_000);
  });
});

describe("isObjectId / objectIdTime", () => {
  it("accepts 24 hex digits in any case and nothing else", () => {
    expect(isObjectId("65F0A1B2C3D4E5F601020304")).toBe(true);
    expect(isObjectId("65f0a1b2c3d4e5f60102030")).toBe(false);
    expect(isObjectId("65f0a1b2c3d4e5f60102030g")).toBe(false);
    expect(isObjectId(123)).toBe(false);
    expect(objectIdTime("nope")).toBeNull();
  });
});
