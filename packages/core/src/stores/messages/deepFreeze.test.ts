import { describe, expect, it } from "@jest/globals";
import { deepFreeze } from "./deepFreeze.js";

describe("deepFreeze", () => {
  it("freezes every object and array under a value, own properties only, and returns the value", () => {
    const proto = { inherited: { deep: true } };
    const value = Object.assign(Object.create(proto) as Record<string, unknown>, {
      list: [1, { inList: [2] }],
      record: { nested: { leaf: "x" } },
      none: null,
      text: "t",
    });
    expect(deepFreeze(value)).toBe(value);
    const list = value.list as [number, { inList: number[] }];
    const record = value.record as { nested: object };
    for (const node of [value, list, list[1], list[1].inList, record, record.nested])
      expect(Object.isFrozen(node)).toBe(true);
    expect(Object.isFrozen(proto.inherited)).toBe(false);
  });

  it("leaves primitives and null alone, and does not walk into what is frozen already", () => {
    expect(deepFreeze(3)).toBe(3);
    expect(deepFreeze(null)).toBe(null);
    const inner = { open: {} };
    const outer = Object.freeze({ inner });
    deepFreeze(outer);
    expect(Object.isFrozen(inner)).toBe(false);
  });
});
