import { describe, expect, it } from "@jest/globals";
import { ChatError } from "../../errors/ChatError.js";
import {
  dateSentToSeconds,
  messageHistoryQuery,
  reactionsBody,
  unreadCountQuery,
  updateMessageBody,
} from "./messageRequests.js";

const D = "65f000000000000000000001";

describe("messageHistoryQuery", () => {
  it("given the oldest loaded message's time, asks for the page before it, newest first, without marking read (§16.6)", () => {
    expect(messageHistoryQuery({ dialogId: D, dateSent: { lt: 1_700_000_000_000 } })).toBe(
      `chat_dialog_id=${D}&date_sent[lt]=1700000000&limit=50&mark_as_read=0&sort_desc=date_sent`,
    );
  });

  it("for delta sync asks oldest first after a time, with skip", () => {
    expect(
      messageHistoryQuery({ dialogId: D, dateSent: { gt: 1_700_000_000_000 }, order: "asc", limit: 100, skip: 100 }),
    ).toBe(`chat_dialog_id=${D}&date_sent[gt]=1700000000&limit=100&mark_as_read=0&skip=100&sort_asc=date_sent`);
  });

  it("lets the server mark read only when asked, and adds preview", () => {
    expect(messageHistoryQuery({ dialogId: D, markAsRead: true, preview: true })).toBe(
      `chat_dialog_id=${D}&limit=50&preview=1&sort_desc=date_sent`,
    );
  });

  it("throws a validation ChatError without a dialog id", () => {
    expect(() => messageHistoryQuery({ dialogId: "" })).toThrow(ChatError);
  });
});

describe("dateSentToSeconds", () => {
  it("rounds each bound so no message is lost or wrongly included", () => {
    // A message at 1700000000 s is at 1700000000000 ms.
    expect(dateSentToSeconds({ lt: 1_700_000_000_500 })).toEqual({ lt: 1_700_000_001 }); // includes the one at …000 s
    expect(dateSentToSeconds({ lte: 1_700_000_000_500 })).toEqual({ lte: 1_700_000_000 });
    expect(dateSentToSeconds({ gt: 1_700_000_000_500 })).toEqual({ gt: 1_700_000_000 }); // excludes the one at …000 s
    expect(dateSentToSeconds({ gte: 1_700_000_000_500 })).toEqual({ gte: 1_700_000_001 });
    expect(dateSentToSeconds({ lt: 1_700_000_000_000, gte: 1_600_000_000_000 })).toEqual({
      lt: 1_700_000_000,
      gte: 1_600_000_000,
    });
  });
});

describe("updateMessageBody", () => {
  it("builds read / delivered / edit bodies (§16.4, §16.8)", () => {
    expect(updateMessageBody({ dialogId: D, read: true })).toEqual({ chat_dialog_id: D, read: 1 });
    expect(updateMessageBody({ dialogId: D, delivered: true })).toEqual({ chat_dialog_id: D, delivered: 1 });
    expect(updateMessageBody({ dialogId: D, body: "fixed" })).toEqual({ chat_dialog_id: D, message: "fixed" });
  });
});

describe("reactionsBody", () => {
  it("adds and/or removes", () => {
    expect(reactionsBody({ add: "👍" })).toEqual({ add: "👍" });
    expect(reactionsBody({ add: "🔥", remove: "👍" })).toEqual({ add: "🔥", remove: "👍" });
    expect(() => reactionsBody({})).toThrow(ChatError);
  });
});

describe("unreadCountQuery", () => {
  it("comma-joins dialog ids; empty means all", () => {
    expect(unreadCountQuery(["a", "b"])).toBe("chat_dialog_ids=a%2Cb");
    expect(unreadCountQuery()).toBe("");
  });
});
