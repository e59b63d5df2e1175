import { describe, expect, it } from "@jest/globals";
import { nullRecord } from "./nullRecord.js";

describe("nullRecord", () => {
  it("takes __proto__, constructor and toString as ordinary keys", () => {
    const record = nullRecord<number>();
    expect(record.constructor).toBeUndefined();
    expect("toString" in record).toBe(false);
    record["__proto__"] = 1;
    record.constructor = 2 as never;
    expect(Object.getPrototypeOf(record)).toBeNull();
    expect(Object.keys(record).sort()).toEqual(["__proto__", "constructor"]);
  });

  it("copies own keys, including a __proto__ key JSON.parse made an own property", () => {
    const parsed = JSON.parse('{"__proto__": 3, "a": 1}') as Record<string, number>;
    expect({ ...nullRecord(parsed) }).toEqual(parsed);
    expect(nullRecord(parsed)["__proto__"]).toBe(3);
  });
});
