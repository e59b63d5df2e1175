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
    expect(unreadCountsFromDto({ a: 1, b: 2 })).toEqual({ ok: true, value: { total: 3, byDialog: { a: 1, b: 2 } } });
  });

  it("given a bad count or a non-object, we get a protocol error", () => {
    const bad = unreadCountsFromDto({ total: 1, a: "1" });
    expect(!bad.ok && bad.error.details?.problems).toEqual(["a is not a count"]);
    expect(unreadCountsFromDto([1]).ok).toBe(false);
  });
});
