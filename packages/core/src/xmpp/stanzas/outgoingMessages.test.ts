import { canonicalXml } from "@chatcube/test-utils/core/xmlFixtures.js";
import { describe, expect, it } from "@jest/globals";
import { ChatError } from "../../errors/ChatError.js";
import { buildChatMessage } from "./chatMessage.js";
import { buildChatState } from "./chatState.js";
import { buildCorrection } from "./correction.js";
import { addressFor } from "./jid.js";
import { buildMarker } from "./marker.js";
import { buildRemoval } from "./removal.js";
import { buildSystemMessage } from "./systemMessage.js";

// Transcripts of every outgoing <message> core builds, against docs/protocol.md §8–9 and §16.
const ctx = { appId: 1, domain: "localhost" };
const D = "65f000000000000000000001";
const M = "65f0a1b2c3d4e5f601020304";
const toBob = addressFor(ctx, { dialogId: D, recipientId: 202 });
const toRoom = addressFor(ctx, { dialogId: D });

describe("buildChatMessage", () => {
  it("builds the §16.2 1-1 message saved to history", () => {
    expect(canonicalXml(buildChatMessage(toBob, { id: M, dialogId: D, body: "hi" }))).toBe(
      canonicalXml(`
        <message to="202-1@localhost" type="chat" id="${M}">
          <body>hi</body>
          <extraParams xmlns="jabber:client"><save_to_history>1</save_to_history><dialog_id>${D}</dialog_id></extraParams>
        </message>`),
    );
  });

  it("builds the §8 example: attachment attributes and a custom key, to a room", () => {
    expect(
      canonicalXml(
        buildChatMessage(toRoom, {
          id: M,
          dialogId: D,
          body: "hello",
          attachments: [{ type: "image", uid: "a1b2c3", size: 2048 }],
          customParams: { city: "Kyiv" },
          dateSent: 1_700_000_000_000,
          silent: true,
        }),
      ),
    ).toBe(
      canonicalXml(`
        <message to="1_${D}@muc.localhost" type="groupchat" id="${M}">
          <body>hello</body>
          <extraParams xmlns="jabber:client">
            <save_to_history>1</save_to_history><dialog_id>${D}</dialog_id><date_sent>1700000000</date_sent><silent>1</silent>
            <attachment type="image" uid="a1b2c3" size="2048"/><city>Kyiv</city>
          </extraParams>
        </message>`),
    );
  });

  it("escapes the body, allows attachment-only and not-saved messages", () => {
    const element = buildChatMessage(toBob, { id: M, dialogId: D, body: "a < b & c", saveToHistory: false });
    expect(element.toString()).toContain("<body>a &lt; b &amp; c</body>");
    expect(element.toString()).not.toContain("save_to_history");
    const attachmentOnly = buildChatMessage(toBob, { id: M, dialogId: D, attachments: [{ uid: "u" }] });
    expect(attachmentOnly.getChild("body")).toBeUndefined();
    expect(buildChatMessage(toBob, { id: M, dialogId: D, body: "" }).getChild("body")?.getText()).toBe("");
  });

  it("refuses an empty message with a validation ChatError", () => {
    expect(() => buildChatMessage(toBob, { id: M, dialogId: D })).toThrow(ChatError);
    expect(() => buildChatMessage(toBob, { id: M, dialogId: D, body: null, attachments: [] })).toThrow(
      "A message needs a body or an attachment",
    );
  });
});

describe("buildMarker", () => {
  it("builds the §16.3 delivered marker to the sender's user JID", () => {
    expect(
      canonicalXml(
        buildMarker(ctx, {
          marker: "received",
          messageId: M,
          senderId: 101,
          dialogId: D,
          id: "65f0a1b2c3d4e5f601020305",
        }),
      ),
    ).toBe(
      canonicalXml(`
        <message to="101-1@localhost" type="chat" id="65f0a1b2c3d4e5f601020305">
          <received xmlns="urn:xmpp:chat-markers:0" id="${M}"/>
          <extraParams xmlns="jabber:client"><dialog_id>${D}</dialog_id></extraParams>
        </message>`),
    );
  });

  it("builds the read marker the same way, even for a group dialog", () => {
    const element = buildMarker(ctx, { marker: "displayed", messageId: M, senderId: 303, dialogId: D, id: "x" });
    expect(element.attrs).toEqual({ to: "303-1@localhost", type: "chat", id: "x" });
    expect(element.getChild("displayed", "urn:xmpp:chat-markers:0")?.attrs.id).toBe(M);
  });
});

describe("buildChatState", () => {
  it("builds §16.5 typing with no id and no body, to a user or a room", () => {
    expect(buildChatState(toBob, "composing").toString()).toBe(
      '<message to="202-1@localhost" type="chat"><composing xmlns="http://jabber.org/protocol/chatstates"/></message>',
    );
    expect(buildChatState(toRoom, "paused").toString()).toBe(
      `<message to="1_${D}@muc.localhost" type="groupchat"><paused xmlns="http://jabber.org/protocol/chatstates"/></message>`,
    );
  });
});

describe("buildCorrection", () => {
  it("builds the §16.8 edit with a new id and replace@last", () => {
    expect(
      canonicalXml(
        buildCorrection(toBob, {
          id: "65f0a1b2c3d4e5f601020399",
          messageId: M,
          dialogId: D,
          body: "fixed",
          last: true,
        }),
      ),
    ).toBe(
      canonicalXml(`
        <message to="202-1@localhost" type="chat" id="65f0a1b2c3d4e5f601020399">
          <body>fixed</body>
          <replace xmlns="urn:xmpp:message-correct:0" id="${M}" last="true"/>
          <extraParams xmlns="jabber:client"><dialog_id>${D}</dialog_id></extraParams>
        </message>`),
    );
    expect(
      buildCorrection(toRoom, { id: "n", messageId: M, dialogId: D, body: "x", last: false }).getChild("replace")?.attrs
        .last,
    ).toBe("false");
  });
});

describe("buildRemoval", () => {
  it("builds the §16.8 delete notice", () => {
    expect(canonicalXml(buildRemoval(toRoom, { id: "r1", messageId: M, dialogId: D }))).toBe(
      canonicalXml(`
        <message to="1_${D}@muc.localhost" type="groupchat" id="r1">
          <remove xmlns="urn:xmpp:message-delete:0" id="${M}"/>
          <extraParams xmlns="jabber:client"><dialog_id>${D}</dialog_id></extraParams>
        </message>`),
    );
  });
});

describe("buildSystemMessage", () => {
  it("builds a headline to a user with moduleIdentifier SystemNotifications and no from (§9)", () => {
    expect(
      canonicalXml(
        buildSystemMessage(ctx, { id: "s1", userId: 202, body: "dialog/NEW_DIALOG", params: { dialogId: D } }),
      ),
    ).toBe(
      canonicalXml(`
        <message to="202-1@localhost" type="headline" id="s1">
          <body>dialog/NEW_DIALOG</body>
          <extraParams xmlns="jabber:client"><moduleIdentifier>SystemNotifications</moduleIdentifier><dialogId>${D}</dialogId></extraParams>
        </message>`),
    );
    const bare = buildSystemMessage(ctx, { id: "s2", userId: 202 });
    expect(bare.getChild("body")).toBeUndefined();
    expect(bare.attrs.from).toBeUndefined();
  });
});
