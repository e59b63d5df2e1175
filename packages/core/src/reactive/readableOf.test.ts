import { describe, expect, it } from "@jest/globals";
import { readableOf } from "./readableOf.js";

describe("readableOf", () => {
  it("gives its value to get() and to a subscriber once, and never changes", () => {
    const empty = Object.freeze([]);
    const readable = readableOf(empty);
    const seen: unknown[] = [];
    const stop = readable.subscribe((value) => seen.push(value));
    stop();
    expect(readable.get()).toBe(empty);
    expect(seen).toEqual([empty]);
  });
});
