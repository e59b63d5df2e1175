import { xmlFixture } from "@chatcube/test-utils/core/xmlFixtures.js";
import { describe, expect, it } from "@jest/globals";
import type { Element } from "@xmpp/xml";
import { ChatError } from "../../errors/ChatError.js";
import { parseMessage } from "./parseMessage.js";

// Transcripts: given this incoming stanza, parseMessage gives this (docs/protocol.md §8–9).
const D = "65f000000000000000000001";
const M = "65f0a1b2c3d4e5f601020304";
const ROOM = `1_${D}@muc.localhost`;
const parse = (text: string, selfUserId?: number) => parseMessage(xmlFixture(text), { selfUserId });

describe("parseMessage: chat messages", () => {
  it("given a 1-1 message as the server delivers it, we get a chat-message", () => {
    expect(
      parse(`
        <message xmlns="jabber:client" from="101-1@localhost/r1" to="202-1@localhost" type="chat" id="${M}">
          <body>hello</body>
          <extraParams xmlns="jabber:client">
            <save_to_history>1</save_to_history><dialog_id>${D}</dialog_id><date_sent>1700000000</date_sent>
            <attachment type="image" uid="a1b2c3" size="2048"/><city>Kyiv</city>
          </extraParams>
        </message>`),
    ).toEqual({
      kind: "chat-message",
      id: M,
      chatType: "chat",
      dialogId: D,
      senderId: 101,
      recipientId: 202,
      isCarbon: false,
      carbon: null,
      delayedAt: null,
      body: "hello",
      attachments: [{ type: "image", uid: "a1b2c3", size: 2048 }],
      customParams: { city: "Kyiv" },
      saveToHistory: true,
      silent: false,
      dateSent: 1_700_000_000_000,
    });
  });

  it("given a 1-1 message without dialog_id, the dialog id is null (resolve it from the peer)", () => {
    const parsed = parse(
      `<message from="101-1@localhost/r1" to="202-1@localhost" type="chat" id="${M}"><body>hi</body></message>`,
    );
    expect(parsed).toMatchObject({
      kind: "chat-message",
      dialogId: null,
      senderId: 101,
      dateSent: null,
      saveToHistory: false,
    });
  });

  it("given a group message, the sender is the room resource and the dialog comes from the room if needed", () => {
    expect(
      parse(
        `<message from="${ROOM}/303" to="101-1@localhost/r1" type="groupchat" id="${M}"><body>all</body></message>`,
      ),
    ).toMatchObject({
      kind: "chat-message",
      chatType: "groupchat",
      dialogId: D,
      senderId: 303,
      recipientId: null,
    });
  });

  it("given an offline message with <delay>, we get delayedAt", () => {
    const parsed = parse(`
      <message from="101-1@localhost/r1" type="chat" id="${M}">
        <body>late</body><delay xmlns="urn:xmpp:delay" from="localhost" stamp="2023-11-14T22:13:20.000Z"/>
      </message>`);
    expect(parsed).toMatchObject({ kind: "chat-message", delayedAt: 1_700_000_000_000 });
  });

  it("given an attachment-only message with no type, we get a chat message (type normal reads as chat)", () => {
    expect(
      parse(`<message from="101-1@localhost/r1" id="${M}"><extraParams><attachment uid="u"/></extraParams></message>`),
    ).toMatchObject({
      kind: "chat-message",
      chatType: "chat",
      body: null,
      attachments: [{ uid: "u" }],
    });
  });
});

describe("parseMessage: carbons", () => {
  const sentCarbon = (outerFrom: string) => `
    <message from="${outerFrom}" to="101-1@localhost/r2" type="chat">
      <sent xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">
        <delay xmlns="urn:xmpp:delay" stamp="2023-11-14T22:13:20Z"/>
        <message from="101-1@localhost/r1" to="202-1@localhost" type="chat" id="${M}">
          <body>from my phone</body><extraParams xmlns="jabber:client"><dialog_id>${D}</dialog_id></extraParams>
        </message>
      </forwarded></sent>
    </message>`;

  it("given a sent carbon, we get the inner message flagged isCarbon, written by me to the peer", () => {
    expect(parse(sentCarbon("101-1@localhost"), 101)).toMatchObject({
      kind: "chat-message",
      id: M,
      isCarbon: true,
      carbon: "sent",
      senderId: 101,
      recipientId: 202,
      dialogId: D,
      body: "from my phone",
      delayedAt: 1_700_000_000_000,
    });
  });

  it("given a received carbon, we get the inner message flagged as such", () => {
    expect(
      parse(
        `<message from="101-1@localhost" to="101-1@localhost/r2"><received xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">
           <message from="202-1@localhost/b1" to="101-1@localhost/r1" type="chat" id="${M}"><body>to my other device</body></message>
         </forwarded></received></message>`,
        101,
      ),
    ).toMatchObject({ kind: "chat-message", isCarbon: true, carbon: "received", senderId: 202, recipientId: 101 });
  });

  it("given a carbon from someone else's JID, we get malformed (a forged carbon)", () => {
    expect(parse(sentCarbon("666-1@localhost"), 101)).toEqual({
      kind: "malformed",
      id: null,
      reason: "carbon from a foreign JID 666-1@localhost",
    });
    expect(parse(sentCarbon("101-1@localhost/evil"), 101)).toMatchObject({ kind: "malformed" });
  });

  it("given a carbon with no forwarded message, we get malformed", () => {
    expect(parse('<message from="101-1@localhost"><sent xmlns="urn:xmpp:carbons:2"/></message>')).toEqual({
      kind: "malformed",
      id: null,
      reason: "carbon without <forwarded><message>",
    });
  });
});

describe("parseMessage: markers, chat states, edits, removals, reactions", () => {
  it("given a delivered marker (§16.3), we get who acknowledged which message", () => {
    expect(
      parse(`
        <message from="202-1@localhost/b1" to="101-1@localhost" type="chat" id="m2">
          <received xmlns="urn:xmpp:chat-markers:0" id="${M}"/>
          <extraParams xmlns="jabber:client"><dialog_id>${D}</dialog_id></extraParams>
        </message>`),
    ).toEqual({
      kind: "marker",
      id: "m2",
      chatType: "chat",
      dialogId: D,
      senderId: 202,
      isCarbon: false,
      carbon: null,
      delayedAt: null,
      marker: "received",
      messageId: M,
    });
  });

  it("given a read marker, we get displayed", () => {
    expect(
      parse(
        `<message from="202-1@localhost/b1" type="chat"><displayed xmlns="urn:xmpp:chat-markers:0" id="${M}"/></message>`,
      ),
    ).toMatchObject({
      kind: "marker",
      marker: "displayed",
      messageId: M,
    });
  });

  it("given a marker without id, we get malformed", () => {
    expect(
      parse('<message from="202-1@localhost/b1" type="chat"><received xmlns="urn:xmpp:chat-markers:0"/></message>'),
    ).toMatchObject({
      kind: "malformed",
      reason: "received marker without a 24-hex id",
    });
  });

  it("given typing in a 1-1 and in a room, we get chat states", () => {
    expect(
      parse(
        '<message from="202-1@localhost/b1" type="chat"><composing xmlns="http://jabber.org/protocol/chatstates"/></message>',
      ),
    ).toEqual({
      kind: "chat-state",
      id: null,
      chatType: "chat",
      dialogId: null,
      senderId: 202,
      isCarbon: false,
      carbon: null,
      delayedAt: null,
      state: "composing",
    });
    expect(
      parse(
        `<message from="${ROOM}/303" type="groupchat"><paused xmlns="http://jabber.org/protocol/chatstates"/></message>`,
      ),
    ).toMatchObject({
      kind: "chat-state",
      dialogId: D,
      senderId: 303,
      state: "paused",
    });
  });

  it("a chat state next to a body is just a chat message", () => {
    expect(
      parse(
        `<message from="202-1@localhost/b1" type="chat" id="${M}"><body>hi</body><active xmlns="http://jabber.org/protocol/chatstates"/></message>`,
      ).kind,
    ).toBe("chat-message");
  });

  it("given a correction (§16.8), we get the original id, new body and last flag", () => {
    expect(
      parse(`
        <message from="202-1@localhost/b1" type="chat" id="new1">
          <body>fixed</body><replace xmlns="urn:xmpp:message-correct:0" id="${M}" last="true"/>
          <extraParams xmlns="jabber:client"><dialog_id>${D}</dialog_id></extraParams>
        </message>`),
    ).toMatchObject({
      kind: "correction",
      id: "new1",
      messageId: M,
      body: "fixed",
      last: true,
      senderId: 202,
      dialogId: D,
    });
    expect(
      parse(
        `<message from="202-1@localhost" type="chat"><body>x</body><replace xmlns="urn:xmpp:message-correct:0" id="${M}"/></message>`,
      ),
    ).toMatchObject({
      kind: "correction",
      last: false,
    });
  });

  it("given a correction without body or id, we get malformed", () => {
    expect(
      parse(
        `<message from="202-1@localhost" type="chat"><replace xmlns="urn:xmpp:message-correct:0" id="${M}"/></message>`,
      ),
    ).toMatchObject({
      kind: "malformed",
      reason: "replace without body",
    });
    expect(
      parse(
        '<message from="202-1@localhost" type="chat"><body>x</body><replace xmlns="urn:xmpp:message-correct:0"/></message>',
      ),
    ).toMatchObject({
      kind: "malformed",
      reason: "replace without a 24-hex id",
    });
  });

  it("given a removal in a room, we get who deleted which message", () => {
    expect(
      parse(`
        <message from="${ROOM}/303" type="groupchat" id="r1">
          <remove xmlns="urn:xmpp:message-delete:0" id="${M}"/><extraParams xmlns="jabber:client"><dialog_id>${D}</dialog_id></extraParams>
        </message>`),
    ).toMatchObject({ kind: "removal", id: "r1", messageId: M, senderId: 303, dialogId: D, chatType: "groupchat" });
    expect(
      parse('<message from="202-1@localhost" type="chat"><remove xmlns="urn:xmpp:message-delete:0"/></message>'),
    ).toMatchObject({
      kind: "malformed",
      reason: "remove without a 24-hex id",
    });
  });

  it("given a server reaction push (§9), we get the added and removed emoji", () => {
    expect(
      parse(`
        <message type="chat" from="202-1@localhost" id="x1">
          <extraParams xmlns="jabber:client"><dialog_id>${D}</dialog_id></extraParams>
          <reactions user_id="202" message_id="${M}"><reaction add="true" type="👍"/><reaction remove="true" type="👎"/></reactions>
        </message>`),
    ).toEqual({
      kind: "reaction",
      id: "x1",
      chatType: "chat",
      dialogId: D,
      senderId: 202,
      isCarbon: false,
      carbon: null,
      delayedAt: null,
      messageId: M,
      userId: 202,
      added: ["👍"],
      removed: ["👎"],
    });
    expect(
      parse(
        `<message type="groupchat" from="${ROOM}/303"><reactions message_id="${M}"><reaction add="true" type="🔥"/></reactions></message>`,
      ),
    ).toMatchObject({
      kind: "reaction",
      userId: 303,
      dialogId: D,
      added: ["🔥"],
      removed: [],
    });
  });

  it("given reactions without message_id or any user, we get malformed", () => {
    expect(parse('<message type="chat" from="202-1@localhost"><reactions user_id="202"/></message>')).toMatchObject({
      kind: "malformed",
      reason: "reactions without a 24-hex message_id",
    });
    expect(parse(`<message type="chat" from="localhost"><reactions message_id="${M}"/></message>`)).toMatchObject({
      kind: "malformed",
      reason: "reactions without user_id",
    });
  });
});

describe("parseMessage: system messages and errors", () => {
  it("given a system headline from a user, we get its module, body and params", () => {
    expect(
      parse(`
        <message type="headline" from="101-1@localhost/r1" to="202-1@localhost" id="s1">
          <body>dialog/NEW_DIALOG</body>
          <extraParams xmlns="jabber:client"><moduleIdentifier>SystemNotifications</moduleIdentifier><dialogId>${D}</dialogId></extraParams>
        </message>`),
    ).toEqual({
      kind: "system",
      id: "s1",
      senderId: 101,
      moduleIdentifier: "SystemNotifications",
      body: "dialog/NEW_DIALOG",
      params: { dialogId: D },
      delayedAt: null,
    });
  });

  it("given a system headline from the server, senderId is null; other modules are passed through", () => {
    expect(
      parse(
        '<message type="headline" from="localhost" id="s2"><extraParams><moduleIdentifier>WebRTCVideoChat</moduleIdentifier></extraParams></message>',
      ),
    ).toEqual({
      kind: "system",
      id: "s2",
      senderId: null,
      moduleIdentifier: "WebRTCVideoChat",
      body: null,
      params: {},
      delayedAt: null,
    });
  });

  it("given a headline without moduleIdentifier, we get unknown", () => {
    expect(parse('<message type="headline" from="localhost"><body>news</body></message>')).toEqual({
      kind: "unknown",
      id: null,
      reason: "headline without moduleIdentifier",
    });
  });

  it("given a bounced 1-1 message (§16.9), we get an error with the original id and a blocked ChatError", () => {
    const parsed = parse(`
      <message type="error" id="${M}" from="202-1@localhost">
        <error code="503" type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error>
      </message>`);
    expect(parsed).toMatchObject({ kind: "error", id: M, from: "202-1@localhost" });
    if (parsed.kind !== "error") return;
    expect(parsed.error).toBeInstanceOf(ChatError);
    expect(parsed.error.code).toBe("blocked");
  });

  it("given a bounced room message, the error is not blocked", () => {
    const parsed = parse(
      `<message type="error" id="${M}" from="${ROOM}"><error code="403" type="auth"><forbidden xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></message>`,
    );
    expect(parsed.kind === "error" && parsed.error.code).toBe("forbidden");
  });
});

describe("parseMessage: unknown and malformed input", () => {
  it("given things core has no use for, we get unknown with a reason", () => {
    expect(parse(`<message from="${ROOM}" type="groupchat"><subject>Weekend</subject></message>`)).toEqual({
      kind: "unknown",
      id: null,
      reason: "message from the room itself",
    });
    expect(
      parse(
        `<message from="${ROOM}" to="101-1@localhost"><x xmlns="http://jabber.org/protocol/muc#user"><invite from="303-1@localhost"/></x></message>`,
      ),
    ).toEqual({
      kind: "unknown",
      id: null,
      reason: "MUC invite",
    });
    expect(parse('<message from="202-1@localhost" type="chat" id="e"/>')).toEqual({
      kind: "unknown",
      id: "e",
      reason: "no known payload",
    });
  });

  it("given a sender that is not a user JID or a room occupant, we get malformed", () => {
    expect(parse('<message from="alice@localhost/x" type="chat" id="a"><body>hi</body></message>')).toEqual({
      kind: "malformed",
      id: "a",
      reason: 'cannot tell the sender from "alice@localhost/x"',
    });
    expect(parse('<message type="chat"><body>hi</body></message>')).toMatchObject({ kind: "malformed" });
    expect(parse('<message from="202-1@localhost/b" type="groupchat"><body>hi</body></message>')).toMatchObject({
      kind: "malformed",
      reason: 'groupchat from a non-room JID "202-1@localhost/b"',
    });
    expect(parse(`<message from="${ROOM}/alice" type="groupchat"><body>hi</body></message>`)).toMatchObject({
      kind: "malformed",
      reason: 'room nick "alice" is not a user id',
    });
  });

  it("given something that is not a message, we get malformed", () => {
    expect(parse('<presence from="202-1@localhost"/>')).toEqual({
      kind: "malformed",
      id: null,
      reason: "<presence> is not a message",
    });
  });

  it("never throws, even on an object that only looks like an element", () => {
    const broken = { name: "message", attrs: { from: "202-1@localhost" }, children: null } as unknown as Element;
    const parsed = parseMessage(broken);
    expect(parsed.kind).toBe("malformed");
    expect(parsed.kind === "malformed" && parsed.reason).toMatch(/^unreadable stanza: /);
  });
});
