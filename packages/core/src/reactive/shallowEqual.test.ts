import { describe, expect, it } from "@jest/globals";
import { referenceEqual, shallowEqual } from "./shallowEqual.js";

describe("shallowEqual", () => {
  const shared = { id: 1 };

  it("is true for the same value, and for arrays or plain objects with Object.is-equal items", () => {
    expect(shallowEqual(1, 1)).toBe(true);
    expect(shallowEqual(Number.NaN, Number.NaN)).toBe(true);
    expect(shallowEqual([1, shared], [1, shared])).toBe(true);
    expect(shallowEqual({ a: 1, b: shared }, { b: shared, a: 1 })).toBe(true);
    expect(shallowEqual(Object.create(null) as object, Object.create(null) as object)).toBe(true);
  });

  it("is false for different items, lengths, keys or kinds", () => {
    expect(shallowEqual([1, { id: 1 }], [1, { id: 1 }])).toBe(false);
    expect(shallowEqual([1], [1, 2])).toBe(false);
    expect(shallowEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(shallowEqual({ a: 1, c: 2 } as Record<string, number>, { a: 1, b: 2 } as Record<string, number>)).toBe(
      false,
    );
    expect(shallowEqual<unknown>([1], { 0: 1 })).toBe(false);
    expect(shallowEqual<unknown>(null, {})).toBe(false);
    expect(shallowEqual<unknown>(1, "1")).toBe(false);
    expect(shallowEqual(new Date(0), new Date(0))).toBe(false); // not plain objects: compared by reference
  });
});

describe("referenceEqual", () => {
  it("is Object.is", () => {
    expect(referenceEqual(0, -0)).toBe(false);
    expect(referenceEqual("a", "a")).toBe(true);
  });
});
