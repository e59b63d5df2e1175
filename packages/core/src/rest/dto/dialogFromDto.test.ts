import { describe, expect, it } from "@jest/globals";
import { ChatError } from "../../errors/ChatError.js";
import { DialogType } from "../../model/dialog.js";
import { dialogFromDto } from "./dialogFromDto.js";

/** A group dialog as `GET /chat/Dialog.json` returns it to user 101. */
const groupDto = {
  _id: "65f000000000000000000001",
  type: 2,
  name: "Weekend",
  description: null,
  photo: "a1b2c3",
  user_id: 101,
  occupants_ids: [101, 202, 303],
  admins_ids: [101],
  pinned_messages_ids: ["65f0a1b2c3d4e5f601020304"],
  last_message: "see you",
  last_message_id: "65f0a1b2c3d4e5f601020304",
  last_message_user_id: 101,
  last_message_date_sent: 1_700_000_100,
  last_message_status: "delivered",
  unread_messages_count: 0,
  xmpp_room_jid: "1_65f000000000000000000001@muc.localhost",
  created_at: "2023-11-14T22:13:20.000Z",
  updated_at: "2023-11-14T22:15:00.000Z",
  extensions: { topic: "hiking", level: 3 },
  permissions: { allow_preview: true },
};

describe("dialogFromDto", () => {
  it("given a group dialog DTO, we get the domain dialog with times in ms", () => {
    expect(dialogFromDto(groupDto)).toEqual({
      ok: true,
      value: {
        id: "65f000000000000000000001",
        type: DialogType.GROUP,
        name: "Weekend",
        photo: "a1b2c3",
        description: null,
        ownerId: 101,
        occupantIds: [101, 202, 303],
        occupantsCount: 3,
        adminIds: [101],
        pinnedMessageIds: ["65f0a1b2c3d4e5f601020304"],
        lastMessage: { id: "65f0a1b2c3d4e5f601020304", text: "see you", senderId: 101, dateSent: 1_700_000_100_000 },
        lastMessageStatus: "delivered",
        unreadCount: 0,
        roomJid: "1_65f000000000000000000001@muc.localhost",
        createdAt: 1_700_000_000_000,
        updatedAt: 1_700_000_100_000,
        extensions: { topic: "hiking", level: "3" },
        permissions: { allowPreview: true },
      },
    });
  });

  it("given an empty private dialog, lastMessage is null and nulls become empty values", () => {
    const result = dialogFromDto({
      _id: "65f000000000000000000002",
      type: 3,
      name: null,
      user_id: 101,
      occupants_ids: "101, 202", // the SDK's joined-string form
      admins_ids: [],
      last_message: null,
      last_message_id: null,
      last_message_user_id: null,
      last_message_date_sent: null,
      last_message_status: null,
      unread_messages_count: 2,
      xmpp_room_jid: null,
      created_at: "2023-11-14T22:13:20Z",
      updated_at: "2023-11-14T22:13:20Z",
      extensions: null,
      permissions: null,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      type: DialogType.PRIVATE,
      occupantIds: [101, 202],
      pinnedMessageIds: [],
      lastMessage: null,
      lastMessageStatus: null,
      unreadCount: 2,
      roomJid: null,
      extensions: {},
      permissions: { allowPreview: false },
    });
  });

  it("given a public dialog, occupantsCount comes from occupants_count", () => {
    const result = dialogFromDto({ ...groupDto, type: 1, occupants_count: 250 });
    expect(result.ok && result.value.occupantsCount).toBe(250);
  });

  it("without created_at/updated_at, falls back to the id's time; a last message without date takes updatedAt", () => {
    const { created_at: _c, updated_at: _u, last_message_date_sent: _d, ...rest } = groupDto;
    const result = dialogFromDto(rest);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.createdAt).toBe(0x65f00000 * 1000);
    expect(result.value.updatedAt).toBe(result.value.createdAt);
    expect(result.value.lastMessage?.dateSent).toBe(result.value.updatedAt);
  });

  it("ignores an unknown last_message_status", () => {
    const result = dialogFromDto({ ...groupDto, last_message_status: "seen" });
    expect(result.ok && result.value.lastMessageStatus).toBeNull();
  });

  it("given a DTO without _id, we get a protocol error, not a throw", () => {
    const { _id, ...rest } = groupDto;
    const result = dialogFromDto(rest);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(ChatError);
    expect(result.error.code).toBe("protocol");
    expect(result.error.message).toBe("Malformed dialog: _id is missing");
    expect(result.error.details?.problems).toEqual(["_id is missing"]);
  });

  it("given wrong types, lists every problem", () => {
    const result = dialogFromDto({
      ...groupDto,
      type: 9,
      occupants_ids: [101, "x"],
      name: { en: "x" },
      updated_at: "never",
      extensions: [1],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.details?.problems).toEqual([
      "type 9 is unknown",
      "updated_at is not a time",
      "occupants_ids has an item that is not a user id",
      "name is not a string",
      "extensions is not an object",
    ]);
    expect(result.error.message).toMatch(/^Malformed dialog 65f000000000000000000001: /);
  });

  it("given something that is not an object, we get a protocol error", () => {
    for (const bad of [null, undefined, "dialog", 42, [groupDto]]) {
      const result = dialogFromDto(bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toBe("Malformed dialog: not an object");
    }
  });
});
