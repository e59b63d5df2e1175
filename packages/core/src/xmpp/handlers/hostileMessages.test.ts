import { describe, expect, it } from "@jest/globals";
import { parse } from "ltx";
import type { Element } from "@xmpp/xml";
import type { ChatError } from "../../errors/ChatError.js";
import { DialogType } from "../../model/dialog.js";
import { isObjectId } from "../../model/ids.js";
import { createDialogsStore } from "../../stores/dialogs/createDialogsStore.js";
import { upsertDialogs } from "../../stores/dialogs/dialogsReducer.js";
import { createMessagesStore } from "../../stores/messages/createMessagesStore.js";
import { createTypingStore } from "../../stores/typing/createTypingStore.js";
import { aDialog } from "../../stores/testData.js";
import { createManualClock } from "../../time/createManualClock.js";
import { createMessageIngest } from "./createMessageIngest.js";

const D = "65f000000000000000000001";
const P = "65f000000000000000000002";
const M = "65f0000000000000000000aa";

function setup() {
  const clock = createManualClock(1_700_000_000_000);
  const dialogs = createDialogsStore();
  dialogs.apply((d) => upsertDialogs(d, [aDialog(D, { type: DialogType.GROUP, occupantIds: [1, 2, 3] }), aDialog(P, { type: DialogType.PRIVATE, occupantIds: [1, 2] })]));
  const messages = createMessagesStore();
  const errors: ChatError[] = [];
  const unknown: string[] = [];
  const ingest = createMessageIngest({
    selfUserId: () => 1,
    domain: "localhost",
    dialogs,
    messages,
    typing: createTypingStore({ clock }),
    clock,
    windowCap: 100,
    sendDelivered: () => {},
    onUnknownDialog: (id) => unknown.push(id),
    onSystemMessage: () => {},
    onMessageError: () => {},
    reportError: (error) => errors.push(error),
  });
  const feed = (xml: string) => ingest(parse(xml) as unknown as Element);
  return { dialogs, messages, errors, unknown, feed };
}

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
    ["a dialog_id of __proto__", chat("2-1@localhost/r", M, "<dialog_id>__proto__</dialog_id>")],
    ["a dialog_id of constructor", chat("2-1@localhost/r", M, "<dialog_id>constructor</dialog_id>")],
    ["a dialog_id that is no 24-hex id", chat("2-1@localhost/r", M, `<dialog_id>${D}x</dialog_id>`)],
    ["a message id of __proto__", chat("2-1@localhost/r", "__proto__", `<dialog_id>${D}</dialog_id>`)],
    ["a sender 0", chat("0-1@localhost/r", M, `<dialog_id>${P}</dialog_id>`)],
    ["a sender beyond safe integers", chat("99999999999999999999-1@localhost/r", M, `<dialog_id>${P}</dialog_id>`)],
    ["a sender of another domain", chat("2-1@evil.example/r", M, `<dialog_id>${P}</dialog_id>`)],
    ["a room of another domain", `<message type="groupchat" from="1_${D}@muc.evil.example/2" id="${M}"><body>x</body></message>`],
    ["a room nick of 0", `<message type="groupchat" from="1_${D}@muc.localhost/0" id="${M}"><body>x</body></message>`],
    ["a marker about __proto__", `<message type="chat" from="2-1@localhost/r" id="${M}"><displayed xmlns="urn:xmpp:chat-markers:0" id="__proto__"/><extraParams xmlns="jabber:client"><dialog_id>${P}</dialog_id></extraParams></message>`],
    ["an edit of __proto__", `<message type="chat" from="2-1@localhost/r" id="${M}"><body>b</body><replace xmlns="urn:xmpp:message-correct:0" id="__proto__"/></message>`],
    ["a removal of __proto__", `<message type="chat" from="2-1@localhost/r" id="${M}"><remove xmlns="urn:xmpp:message-delete:0" id="__proto__"/></message>`],
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
    t.feed(chat("2-1@localhost/r", M, `<dialog_id>${P}</dialog_id><date_sent>1e30</date_sent>`));
    t.feed(chat("2-1@localhost/r", "65f0000000000000000000ab", `<dialog_id>${P}</dialog_id><date_sent>1000000000000000000000</date_sent>`));
    const items = t.messages.window(P).get().items;
    for (const message of items) {
      expect(Number.isFinite(new Date(message.dateSent).getTime())).toBe(true);
      expect(new Date(message.dateSent).getUTCFullYear()).toBeLessThan(10_000);
    }
    expectSaneDialogs(t.dialogs);
  });
});
