import { describe, expect, it } from "@jest/globals";
import { unreadCountsFromDto } from "./unreadCountsFromDto.js";

describe("unreadCountsFromDto", () => {
  it('given {"total": 5, "<dialogId>": 3, …}, we get the total and per-dialog counts', () => {
    expect(unreadCountsFromDto({ total: 5, "65f000000000000000000001": 3, "65f000000000000000000002": 2 })).toEqual({
      ok: true,
      value: { total: 5, byDialog: { "65f000000000000000000001": 3, "65f000000000000000000002": 2 } },
    });
  });

  it("sums the counts when total is missing", () => {
    const [a, b] = ["65f000000000000000000001", "65f000000000000000000002"];
    expect(unreadCountsFromDto({ [a]: 1, [b]: 2 })).toEqual({
      ok: true,
      value: { total: 3, byDialog: { [a]: 1, [b]: 2 } },
    });
  });

  it("given a bad count or a non-object, we get a protocol error", () => {
    const bad = unreadCountsFromDto({ total: 1, "65f000000000000000000001": "1" });
    expect(!bad.ok && bad.error.details?.problems).toEqual(["65f000000000000000000001 is not a count"]);
    expect(unreadCountsFromDto([1]).ok).toBe(false);
  });

  it("keys that are no dialog ids (__proto__, constructor) are problems, never members of the record", () => {
    const bad = unreadCountsFromDto(JSON.parse('{"total": 2, "__proto__": 1, "constructor": 1}'));
    expect(!bad.ok && bad.error.details?.problems).toEqual([
      "__proto__ is not a dialog id",
      "constructor is not a dialog id",
    ]);
    const good = unreadCountsFromDto({ "65f000000000000000000001": 1 });
    expect(good.ok && Object.getPrototypeOf(good.value.byDialog)).toBeNull();
  });
});
