import { aDialog, aMessage } from "@chatcube/test-utils/core/testData.js";
import { describe, expect, it } from "@jest/globals";
import type { Element } from "@xmpp/xml";
import { parse } from "ltx";
import type { ChatError } from "../../errors/ChatError.js";
import { DialogType } from "../../model/dialog.js";
import { isObjectId } from "../../model/ids.js";
import { createDialogsStore } from "../../stores/dialogs/createDialogsStore.js";
import { upsertDialogs } from "../../stores/dialogs/dialogsReducer.js";
import { createMessagesStore } from "../../stores/messages/createMessagesStore.js";
import { createTypingStore } from "../../stores/typing/createTypingStore.js";
import { createManualClock } from "../../time/createManualClock.js";
import { createMessageIngest } from "./createMessageIngest.js";

const D = "65f000000000000000000001";
const P = "65f000000000000000000002";
const HOSTILE_ID = "65f0000000000000000000ab";

function setup() {
  const clock = createManualClock(1_700_000_000_000);
  const dialogs = createDialogsStore();
  dialogs.apply((d) =>
    upsertDialogs(d, [
      aDialog(D, { type: DialogType.GROUP, occupantIds: [1, 2, 3] }),
      aDialog(P, { type: DialogType.PRIVATE, occupantIds: [1, 2] }),
    ]),
  );
  const messages = createMessagesStore();
  const typing = createTypingStore({ clock });
  const delivered: Array<{ id: string; senderId: number; dialogId: string }> = [];
  const unknown: string[] = [];
  const errors: ChatError[] = [];
  const bounced: Array<[string | null, ChatError]> = [];
  const ingest = createMessageIngest({
    selfUserId: () => 1,
    domain: "localhost",
    dialogs,
    messages,
    typing,
    clock,
    windowCap: 100,
    sendDelivered: (m) => delivered.push(m),
    onUnknownDialog: (id) => unknown.push(id),
    onSystemMessage: () => {},
    onMessageError: (id, error) => bounced.push([id, error]),
    reportError: (error) => errors.push(error),
  });
  const feed = (xml: string) => ingest(parse(xml) as unknown as Element);
  return { dialogs, messages, typing, delivered, unknown, errors, bounced, feed };
}

describe("incoming messages → stores", () => {
  it("a group message lands in its window, moves the dialog up, counts unread, ends typing and is acknowledged", () => {
    const t = setup();
    t.typing.set(D, 2, true);
    t.feed(
      `<message type="groupchat" from="1_${D}@muc.localhost/2" id="65f0000000000000000000aa"><body>hi</body><extraParams xmlns="jabber:client"><dialog_id>${D}</dialog_id><date_sent>1700000001</date_sent></extraParams></message>`,
    );
    expect(t.messages.window(D).get().items).toEqual([
      expect.objectContaining({
        id: "65f0000000000000000000aa",
        senderId: 2,
        body: "hi",
        dateSent: 1_700_000_001_000,
        status: "sent",
      }),
    ]);
    expect(t.dialogs.list.get()[0]).toMatchObject({ id: D, unreadCount: 1, lastMessage: { text: "hi" } });
    expect(t.typing.forDialog(D).get()).toEqual([]);
    expect(t.delivered).toEqual([{ id: "65f0000000000000000000aa", senderId: 2, dialogId: D }]);
  });

  it("our own message echoed by the room is merged with the pending copy, not added twice", () => {
    const t = setup();
    t.messages.receive([
      aMessage("65f0000000000000000000bb", D, 1_700_000_000_500, { senderId: 1, status: "pending" }),
    ]);
    t.feed(
      `<message type="groupchat" from="1_${D}@muc.localhost/1" id="65f0000000000000000000bb"><body>mine</body><extraParams xmlns="jabber:client"><dialog_id>${D}</dialog_id><date_sent>1700000000</date_sent></extraParams></message>`,
    );
    const items = t.messages.window(D).get().items;
    expect(items).toHaveLength(1);
    expect(items[0].status).toBe("sent");
    expect(t.delivered).toEqual([]);
    expect(t.dialogs.state.get().byId.get(D)!.unreadCount).toBe(0);
  });

  it("markers from the peer move our message to delivered then read", () => {
    const t = setup();
    t.messages.receive([aMessage("65f0000000000000000000cc", P, 1, { senderId: 1, readIds: [1], deliveredIds: [1] })]);
    t.feed(
      `<message type="chat" from="2-1@localhost/r" id="x1"><received xmlns="urn:xmpp:chat-markers:0" id="65f0000000000000000000cc"/><extraParams xmlns="jabber:client"><dialog_id>${P}</dialog_id></extraParams></message>`,
    );
    expect(t.messages.window(P).get().items[0].status).toBe("delivered");
    t.feed(
      `<message type="chat" from="2-1@localhost/r" id="x2"><displayed xmlns="urn:xmpp:chat-markers:0" id="65f0000000000000000000cc"/></message>`,
    );
    expect(t.messages.window(P).get().items[0]).toMatchObject({ status: "read", readIds: [1, 2] });
  });

  it("1-1 typing without a dialog id goes to the private dialog with that user", () => {
    const t = setup();
    t.feed(
      `<message type="chat" from="2-1@localhost/r"><composing xmlns="http://jabber.org/protocol/chatstates"/></message>`,
    );
    expect(t.typing.forDialog(P).get()).toEqual([2]);
    t.feed(
      `<message type="chat" from="2-1@localhost/r"><paused xmlns="http://jabber.org/protocol/chatstates"/></message>`,
    );
    expect(t.typing.forDialog(P).get()).toEqual([]);
  });

  it("applies edits by the author only, removals and reactions", () => {
    const t = setup();
    t.messages.receive([aMessage("65f0000000000000000000dd", D, 1, { senderId: 2 })]);
    t.feed(
      `<message type="groupchat" from="1_${D}@muc.localhost/3" id="e0"><body>hacked</body><replace xmlns="urn:xmpp:message-correct:0" id="65f0000000000000000000dd"/></message>`,
    );
    t.feed(
      `<message type="groupchat" from="1_${D}@muc.localhost/2" id="e1"><body>edited</body><replace xmlns="urn:xmpp:message-correct:0" id="65f0000000000000000000dd" last="true"/></message>`,
    );
    expect(t.messages.window(D).get().items[0].body).toBe("edited");
    t.feed(
      `<message type="groupchat" from="1_${D}@muc.localhost/3" id="r1"><extraParams xmlns="jabber:client"><dialog_id>${D}</dialog_id></extraParams><reactions user_id="3" message_id="65f0000000000000000000dd"><reaction add="true" type="👍"/></reactions></message>`,
    );
    expect(t.messages.window(D).get().items[0].reactions).toEqual({ own: [], total: { "👍": 1 } });
    t.feed(
      `<message type="groupchat" from="1_${D}@muc.localhost/2" id="d1"><remove xmlns="urn:xmpp:message-delete:0" id="65f0000000000000000000dd"/></message>`,
    );
    expect(t.messages.window(D).get().items).toEqual([]);
  });

  it("a message for a dialog the list lacks asks for it", () => {
    const t = setup();
    const other = "65f000000000000000000009";
    t.feed(
      `<message type="groupchat" from="1_${other}@muc.localhost/2" id="65f0000000000000000000ee"><body>new room</body></message>`,
    );
    expect(t.unknown).toEqual([other]);
  });

  it("reports malformed stanzas and bounces, and changes nothing", () => {
    const t = setup();
    const before = [t.messages.window(D).get(), t.messages.window(P).get(), t.dialogs.state.get()];
    t.feed(`<message type="groupchat" from="not-a-room/2"><body>x</body></message>`);
    t.feed(`<message type="chat" from="2-1@localhost/r"><received xmlns="urn:xmpp:chat-markers:0"/></message>`);
    t.feed(
      `<message type="error" id="65f0000000000000000000ff" from="2-1@localhost"><error type="cancel" code="503"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></message>`,
    );
    expect(t.errors.map((e) => e.code)).toEqual(["protocol", "protocol"]);
    expect(t.bounced[0][0]).toBe("65f0000000000000000000ff");
    expect(t.bounced[0][1].code).toBe("blocked");
    expect([t.messages.window(D).get(), t.messages.window(P).get(), t.dialogs.state.get()]).toEqual(before);
  });
});

/** The dialog list is whole: valid unique ids, integer non-negative counts, a total that adds up. */
function expectSaneDialogs(dialogs: ReturnType<typeof createDialogsStore>): void {
  const list = dialogs.list.get();
  const ids = list.map((dialog) => dialog.id);
  expect(ids.every(isObjectId)).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);
  for (const dialog of list) expect(Number.isInteger(dialog.unreadCount) && dialog.unreadCount >= 0).toBe(true);
  const unread = dialogs.unread.get();
  expect(unread.total).toBe(list.reduce((sum, dialog) => sum + dialog.unreadCount, 0));
}

const chat = (from: string, id: string, extra: string) =>
  `<message type="chat" from="${from}" to="1-1@localhost" id="${id}"><body>hi</body><extraParams xmlns="jabber:client">${extra}</extraParams></message>`;

describe("hostile messages are dropped at the edge with a protocol error", () => {
  it.each([
    ["a dialog_id of __proto__", chat("2-1@localhost/r", HOSTILE_ID, "<dialog_id>__proto__</dialog_id>")],
    ["a dialog_id of constructor", chat("2-1@localhost/r", HOSTILE_ID, "<dialog_id>constructor</dialog_id>")],
    ["a dialog_id that is no 24-hex id", chat("2-1@localhost/r", HOSTILE_ID, `<dialog_id>${D}x</dialog_id>`)],
    ["a message id of __proto__", chat("2-1@localhost/r", "__proto__", `<dialog_id>${D}</dialog_id>`)],
    ["a sender 0", chat("0-1@localhost/r", HOSTILE_ID, `<dialog_id>${P}</dialog_id>`)],
    [
      "a sender beyond safe integers",
      chat("99999999999999999999-1@localhost/r", HOSTILE_ID, `<dialog_id>${P}</dialog_id>`),
    ],
    ["a sender of another domain", chat("2-1@evil.example/r", HOSTILE_ID, `<dialog_id>${P}</dialog_id>`)],
    [
      "a room of another domain",
      `<message type="groupchat" from="1_${D}@muc.evil.example/2" id="${HOSTILE_ID}"><body>x</body></message>`,
    ],
    [
      "a room nick of 0",
      `<message type="groupchat" from="1_${D}@muc.localhost/0" id="${HOSTILE_ID}"><body>x</body></message>`,
    ],
    [
      "a marker about __proto__",
      `<message type="chat" from="2-1@localhost/r" id="${HOSTILE_ID}"><displayed xmlns="urn:xmpp:chat-markers:0" id="__proto__"/><extraParams xmlns="jabber:client"><dialog_id>${P}</dialog_id></extraParams></message>`,
    ],
    [
      "an edit of __proto__",
      `<message type="chat" from="2-1@localhost/r" id="${HOSTILE_ID}"><body>b</body><replace xmlns="urn:xmpp:message-correct:0" id="__proto__"/></message>`,
    ],
    [
      "a removal of __proto__",
      `<message type="chat" from="2-1@localhost/r" id="${HOSTILE_ID}"><remove xmlns="urn:xmpp:message-delete:0" id="__proto__"/></message>`,
    ],
  ])("%s", (_name, stanza) => {
    const t = setup();
    t.feed(stanza);
    expect(t.errors.map((error) => error.code)).toEqual(["protocol"]);
    expect(t.unknown).toEqual([]);
    expectSaneDialogs(t.dialogs);
    expect(t.messages.dialogIds().every(isObjectId)).toBe(true);
    expect(t.dialogs.unread.get().total).toBe(0);
  });

  it("a date_sent far out of range is not taken: the message keeps a real time", () => {
    const t = setup();
    t.feed(chat("2-1@localhost/r", HOSTILE_ID, `<dialog_id>${P}</dialog_id><date_sent>1e30</date_sent>`));
    t.feed(
      chat(
        "2-1@localhost/r",
        "65f0000000000000000000ac",
        `<dialog_id>${P}</dialog_id><date_sent>1000000000000000000000</date_sent>`,
      ),
    );
    const items = t.messages.window(P).get().items;
    expect(items).toHaveLength(2);
    for (const message of items) {
      expect(Number.isFinite(new Date(message.dateSent).getTime())).toBe(true);
      expect(new Date(message.dateSent).getUTCFullYear()).toBeLessThan(10_000);
    }
    expectSaneDialogs(t.dialogs);
  });
});
