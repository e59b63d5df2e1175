import { describe, expect, it } from "@jest/globals";
import { dialogFromDto } from "./dialogFromDto.js";
import { messageFromDto } from "./messageFromDto.js";
import { hasNextPage, pageFromDto } from "./pageFromDto.js";

const dialog = (n: number) => ({
  _id: `65f0000000000000000000${String(n).padStart(2, "0")}`,
  type: 2,
  user_id: 101,
  occupants_ids: [101],
  updated_at: "2023-11-14T22:13:20Z",
});

describe("pageFromDto", () => {
  it("given a dialog page, we get the items, paging and total", () => {
    const result = pageFromDto({ total_entries: 3, skip: 0, limit: 2, items: [dialog(1), dialog(2)] }, dialogFromDto);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.items.map((d) => d.id)).toEqual(["65f000000000000000000001", "65f000000000000000000002"]);
    expect(result.value).toMatchObject({ skip: 0, limit: 2, total: 3, rejected: [] });
    expect(hasNextPage(result.value)).toBe(true);
  });

  it("given a page with a malformed item, keeps the others and reports the bad one", () => {
    const result = pageFromDto(
      { total_entries: 2, skip: 0, limit: 100, items: [dialog(1), { type: 2 }] },
      dialogFromDto,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.items).toHaveLength(1);
    expect(result.value.rejected.map((e) => e.code)).toEqual(["protocol"]);
    expect(hasNextPage(result.value)).toBe(false);
  });

  it("given a message page (no total), a full page means there may be more", () => {
    const message = {
      _id: "65f0a1b2c3d4e5f601020304",
      chat_dialog_id: "65f000000000000000000001",
      date_sent: 1,
      sender_id: 1,
    };
    const full = pageFromDto({ skip: 0, limit: 1, items: [message] }, messageFromDto);
    expect(full.ok && full.value.total).toBeNull();
    expect(full.ok && hasNextPage(full.value)).toBe(true);
    const short = pageFromDto({ skip: 0, limit: 50, items: [message] }, messageFromDto);
    expect(short.ok && hasNextPage(short.value)).toBe(false);
    const empty = pageFromDto({ items: [] }, messageFromDto);
    expect(empty.ok && empty.value).toMatchObject({ skip: 0, limit: 0, total: null });
    expect(empty.ok && hasNextPage(empty.value)).toBe(false);
  });

  it("given a body that is not a list envelope, we get a protocol error", () => {
    for (const body of [null, [], { items: "x" }, "oops"]) {
      const result = pageFromDto(body, dialogFromDto);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe("protocol");
    }
  });
});
