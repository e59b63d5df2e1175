import { describe, expect, it } from "@jest/globals";
import {
  addressFor,
  bareJid,
  dialogIdFromRoomJid,
  isRoomJid,
  mucDomainOf,
  parseJid,
  roomJid,
  roomOccupantJid,
  userIdFromJid,
  userJid,
} from "./jid.js";

const ctx = { appId: 1, domain: "localhost" };
const D = "65f000000000000000000001";

describe("JIDs (docs/protocol.md §7)", () => {
  it("builds user, room and occupant JIDs", () => {
    expect(userJid(ctx, 101)).toBe("101-1@localhost");
    expect(roomJid(ctx, D)).toBe(`1_${D}@muc.localhost`);
    expect(roomOccupantJid(ctx, D, 101)).toBe(`1_${D}@muc.localhost/101`);
    expect(mucDomainOf({ ...ctx, mucDomain: "conference.localhost" })).toBe("conference.localhost");
  });

  it("addresses a private dialog to the peer (chat) and a group to the room (groupchat)", () => {
    expect(addressFor(ctx, { dialogId: D, recipientId: 202 })).toEqual({ to: "202-1@localhost", type: "chat" });
    expect(addressFor(ctx, { dialogId: D, recipientId: null })).toEqual({
      to: `1_${D}@muc.localhost`,
      type: "groupchat",
    });
    expect(addressFor(ctx, { dialogId: D })).toEqual({ to: `1_${D}@muc.localhost`, type: "groupchat" });
  });

  it("splits JIDs", () => {
    expect(parseJid("101-1@localhost/r1")).toEqual({ local: "101-1", domain: "localhost", resource: "r1" });
    expect(parseJid("localhost")).toEqual({ local: null, domain: "localhost", resource: null });
    expect(parseJid("a@b/c/d")).toEqual({ local: "a", domain: "b", resource: "c/d" });
    expect(parseJid("")).toBeNull();
    expect(parseJid("a@")).toBeNull();
    expect(bareJid("101-1@localhost/r1")).toBe("101-1@localhost");
    expect(bareJid("101-1@localhost")).toBe("101-1@localhost");
  });

  it("reads the user id of a user JID and the dialog id of a room JID", () => {
    expect(userIdFromJid("101-1@localhost/r1")).toBe(101);
    expect(userIdFromJid("101-1@localhost")).toBe(101);
    expect(userIdFromJid("alice@localhost")).toBeNull();
    expect(userIdFromJid("localhost")).toBeNull();
    expect(dialogIdFromRoomJid(`1_${D}@muc.localhost/202`)).toBe(D);
    expect(dialogIdFromRoomJid("202-1@localhost")).toBeNull();
  });

  it("recognises room JIDs", () => {
    expect(isRoomJid(`1_${D}@muc.localhost`)).toBe(true);
    expect(isRoomJid("muc.localhost")).toBe(true);
    expect(isRoomJid("202-1@localhost")).toBe(false);
    expect(isRoomJid("")).toBe(false);
  });
});
