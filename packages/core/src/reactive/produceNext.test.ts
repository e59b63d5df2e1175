import { describe, expect, it } from "@jest/globals";
import { freeze, produceNext } from "./produceNext.js";

const state = () =>
  freeze({
    typing: { d1: [1, 2], d2: [3] } as Record<string, readonly number[]>,
    meta: { at: new Date(0), tags: ["a"] },
  });

describe("produceNext", () => {
  it("keeps the identity of untouched branches and of arrays that came out equal", () => {
    const before = state();
    const after = produceNext(before, (draft) => {
      draft.typing.d1 = [...(draft.typing.d1 ?? []), 4];
      draft.meta.tags = ["a"]; // equal: the old array is kept
    });
    expect(after.typing.d1).toEqual([1, 2, 4]);
    expect(after.typing.d2).toBe(before.typing.d2);
    expect(after.meta).toBe(before.meta);
    expect(after.meta.at).toBe(before.meta.at); // not a plain object: shared, never copied
  });

  it("returns the current value itself when nothing changed", () => {
    const before = state();
    expect(produceNext(before, () => {})).toBe(before);
    expect(produceNext(before, (draft) => void draft.typing.d1?.slice())).toBe(before);
  });

  it("sees a deleted key, a shortened array and a key set to undefined as changes", () => {
    const before = state();
    const deleted = produceNext(before, (draft) => {
      delete draft.typing.d2;
    });
    expect(Object.keys(deleted.typing)).toEqual(["d1"]);
    const shortened = produceNext(before, (draft) => {
      draft.typing.d1?.pop();
    });
    expect(shortened.typing.d1).toEqual([1]);
    const withUndefined = produceNext({ a: 1 } as { a: number; b?: number }, (draft) => {
      draft.b = undefined;
    });
    expect(Object.hasOwn(withUndefined, "b")).toBe(true);
  });

  it("shares what a returned value has in common with the current one, and freezes the rest", () => {
    const before = state();
    const after = produceNext(before, () => ({ typing: { d2: [3] }, meta: { at: new Date(1), tags: ["a"] } }));
    expect(after.typing.d2).toBe(before.typing.d2);
    expect(after.meta.tags).toBe(before.meta.tags);
    expect(Object.isFrozen(after)).toBe(true);
    expect(Object.isFrozen(after.meta)).toBe(true);
    expect(() => (after.typing as Record<string, unknown>).x).not.toThrow();
    expect(() => {
      (after.typing as Record<string, unknown>).x = 1;
    }).toThrow(TypeError);
  });

  it("leaves the current value untouched while the recipe mutates its copy", () => {
    const before = state();
    produceNext(before, (draft) => {
      draft.typing.d1?.push(9);
      draft.meta.tags.length = 0;
    });
    expect(before.typing.d1).toEqual([1, 2]);
    expect(before.meta.tags).toEqual(["a"]);
  });
});
