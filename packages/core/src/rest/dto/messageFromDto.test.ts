import { describe, expect, it } from "@jest/globals";
import { messageFromDto, statusFrom } from "./messageFromDto.js";

/** A message as `GET /chat/Message.json` returns it. */
const dto = {
  city: "Kyiv",
  _id: "65f0a1b2c3d4e5f601020304",
  chat_dialog_id: "65f000000000000000000001",
  message: "hello",
  date_sent: 1_700_000_000,
  sender_id: 101,
  recipient_id: 202,
  read_ids: [101],
  delivered_ids: [101, 202],
  views_count: 0,
  read: 0,
  attachments: [{ type: "image", uid: "a1b2c3", size: 2048 }],
  reactions: { own: ["👍"], total: { "👍": 2, "🔥": 1 } },
  created_at: "2023-11-14T22:13:20.000Z",
  updated_at: "2023-11-14T22:13:21.000Z",
};

describe("messageFromDto", () => {
  it("given a 1-1 message DTO, we get the domain message with dateSent in ms and custom params", () => {
    expect(messageFromDto(dto)).toEqual({
      ok: true,
      value: {
        id: "65f0a1b2c3d4e5f601020304",
        dialogId: "65f000000000000000000001",
        senderId: 101,
        recipientId: 202,
        body: "hello",
        dateSent: 1_700_000_000_000,
        attachments: [{ type: "image", uid: "a1b2c3", size: 2048 }],
        reactions: { own: ["👍"], total: { "👍": 2, "🔥": 1 } },
        customParams: { city: "Kyiv" },
        readIds: [101],
        deliveredIds: [101, 202],
        editedAt: null,
        status: "delivered",
      },
    });
  });

  it("given a group message (recipient 0, no reactions, no attachments), we get nulls and empties", () => {
    const result = messageFromDto({
      ...dto,
      recipient_id: 0,
      reactions: null,
      attachments: [],
      message: null,
      city: undefined,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      recipientId: null,
      reactions: { own: [], total: {} },
      attachments: [],
      body: null,
      customParams: {},
    });
  });

  it("keeps only scalar custom params and drops bad reaction counts", () => {
    const result = messageFromDto({
      ...dto,
      meta: { a: 1 },
      count: 3,
      flag: true,
      reactions: { own: "👍", total: { "👍": "x", "🔥": 0 } },
    });
    expect(result.ok && result.value.customParams).toEqual({ city: "Kyiv", count: "3", flag: "true" });
    expect(result.ok && result.value.reactions).toEqual({ own: [], total: {} });
  });

  it("given a DTO without date_sent or sender, we get a protocol error naming both", () => {
    const { date_sent, sender_id, ...rest } = dto;
    const result = messageFromDto(rest);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("protocol");
    expect(result.error.details?.problems).toEqual(["sender_id is missing", "date_sent is missing"]);
  });

  it("given a bad dialog id or attachments that are not objects, we get a protocol error", () => {
    const bad = messageFromDto({ ...dto, chat_dialog_id: "D", attachments: "a1b2c3" });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.error.details?.problems).toEqual([
        "chat_dialog_id is not a 24-hex id",
        "attachments is not a list of objects",
      ]);
  });
});

describe("statusFrom", () => {
  it("is read/delivered only when someone other than the sender read/got it", () => {
    expect(statusFrom(101, [101], [101])).toBe("sent");
    expect(statusFrom(101, [101], [101, 202])).toBe("delivered");
    expect(statusFrom(101, [202], [])).toBe("read");
    expect(statusFrom(101, [], [])).toBe("sent");
  });
});
