import { wireDialog, wireMessage } from "@chatcube/test-utils/core/wireFixtures.js";
import { describe, expect, it } from "@jest/globals";
import type { Result } from "../../errors/result.js";
import { dialogFromDto } from "./dialogFromDto.js";
import { messageFromDto } from "./messageFromDto.js";
import { hasNextPage, pageFromDto } from "./pageFromDto.js";
import { userFromDto } from "./userFromDto.js";

const dialog = wireDialog("65f000000000000000000001");
const message = wireMessage("65f0a1b2c3d4e5f601020304", "65f000000000000000000001", { recipient_id: 202 });

const problemsOf = <T>(result: Result<T>) => {
  expect(result.ok).toBe(false);
  if (result.ok) return [];
  expect(result.error.code).toBe("protocol");
  return result.error.details?.problems;
};

describe("DTO mappers reject hostile ids, counts and times at the edge", () => {
  it.each([
    ["an _id of __proto__", { _id: "__proto__" }, "_id is not a 24-hex id"],
    ["an owner 0", { user_id: 0 }, "user_id is not a user id"],
    ["a negative occupant", { occupants_ids: [101, -5] }, "occupants_ids has an item that is not a user id"],
    ["an occupant beyond safe integers", { occupants_ids: [1e20] }, "occupants_ids has an item that is not a user id"],
    ["a negative unread count", { unread_messages_count: -3 }, "unread_messages_count is not a count"],
    ["a fractional unread count", { unread_messages_count: 1.5 }, "unread_messages_count is not a count"],
    [
      "a last_message_id of __proto__",
      { last_message_id: "__proto__", last_message: "x" },
      "last_message_id is not a 24-hex id",
    ],
    [
      "a pinned id of constructor",
      { pinned_messages_ids: ["constructor"] },
      "pinned_messages_ids has an item that is not a 24-hex id",
    ],
    ["a last_message_date_sent of 1e30", { last_message_date_sent: 1e30 }, "last_message_date_sent is not a time"],
  ])("dialog: %s", (_name, patch, problem) => {
    expect(problemsOf(dialogFromDto({ ...dialog, ...patch }))).toContain(problem);
  });

  it.each([
    ["a chat_dialog_id of __proto__", { chat_dialog_id: "__proto__" }, "chat_dialog_id is not a 24-hex id"],
    ["a sender 0", { sender_id: 0 }, "sender_id is not a user id"],
    ["a negative reader", { read_ids: [-1] }, "read_ids has an item that is not a user id"],
    ["a date_sent of 1e30", { date_sent: 1e30 }, "date_sent is not a time"],
    ["a date_sent before 1970", { date_sent: -100 }, "date_sent is not a time"],
  ])("message: %s", (_name, patch, problem) => {
    expect(problemsOf(messageFromDto({ ...message, ...patch }))).toContain(problem);
  });

  it("a recipient_id of 0 still means none, and a user id must be positive", () => {
    expect(messageFromDto({ ...message, recipient_id: 0 })).toMatchObject({ ok: true, value: { recipientId: null } });
    expect(problemsOf(userFromDto({ id: -7, login: "x" }))).toContain("id is not a user id");
  });

  it("a page keeps the first of items sharing an id and rejects the repeats", () => {
    const page = pageFromDto(
      { items: [message, { ...message, message: "again" }, { ...message, _id: "65f0a1b2c3d4e5f601020305" }] },
      messageFromDto,
    );
    expect(page.ok && page.value.items.map((item) => [item.id, item.body])).toEqual([
      ["65f0a1b2c3d4e5f601020304", "hi"],
      ["65f0a1b2c3d4e5f601020305", "hi"],
    ]);
    expect(page.ok && page.value.rejected.map((error) => error.code)).toEqual(["protocol"]);
  });

  it("paging numbers are non-negative integers, and an empty page ends paging whatever total says", () => {
    const page = pageFromDto({ items: [], skip: -5, limit: 1e300, total_entries: 2 ** 60 }, messageFromDto);
    expect(page.ok && page.value).toMatchObject({ skip: 0, limit: 0, total: null });
    const lying = pageFromDto({ items: [], skip: 0, limit: 100, total_entries: 1000 }, messageFromDto);
    expect(lying.ok && hasNextPage(lying.value)).toBe(false);
  });
});
