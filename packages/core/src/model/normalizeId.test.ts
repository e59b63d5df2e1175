import { describe, expect, it } from "@jest/globals";
import { dialogFromDto } from "../rest/dto/dialogFromDto.js";
import { messageFromDto } from "../rest/dto/messageFromDto.js";
import { unreadCountsFromDto } from "../rest/dto/unreadCountsFromDto.js";
import { parseMessage } from "../xmpp/stanzas/parseMessage.js";
import { xml } from "../xmpp/stanzas/xml.js";
import { normalizeId } from "./ids.js";

// One message, whatever path brought it: a client may write a 24-hex id in upper case, ConnectyCube's REST writes it in
// lower case, so every id is lower-cased where it enters core and the stores see one key.
const UPPER_M = "65F0A1B2C3D4E5F60102030A";
const UPPER_D = "65F00000000000000000000B";
const m = UPPER_M.toLowerCase();
const d = UPPER_D.toLowerCase();

const incoming = (children: ReturnType<typeof xml>[], id = UPPER_M) =>
  parseMessage(xml("message", { from: "101-1@localhost/r1", to: "202-1@localhost", type: "chat", id }, ...children));
const extra = xml("extraParams", { xmlns: "jabber:client" }, xml("dialog_id", {}, UPPER_D));

describe("ids in one case", () => {
  it("normalizeId lower-cases a 24-hex id and leaves anything else alone", () => {
    expect(normalizeId(UPPER_M)).toBe(m);
    expect(normalizeId("Req-1")).toBe("Req-1");
  });

  it("an incoming message, correction, removal, marker and reaction carry lower-case ids", () => {
    expect(incoming([xml("body", {}, "hi"), extra])).toMatchObject({ kind: "chat-message", id: m, dialogId: d });
    const target = { id: UPPER_M };
    const other = "65F0A1B2C3D4E5F60102030C";
    const replace = xml("replace", { xmlns: "urn:xmpp:message-correct:0", ...target });
    expect(incoming([xml("body", {}, "fixed"), replace, extra], other)).toMatchObject({ messageId: m, dialogId: d });
    expect(incoming([xml("remove", { xmlns: "urn:xmpp:message-delete:0", ...target }), extra], other)).toMatchObject({
      kind: "removal",
      messageId: m,
    });
    expect(incoming([xml("displayed", { xmlns: "urn:xmpp:chat-markers:0", ...target }), extra], other)).toMatchObject({
      kind: "marker",
      messageId: m,
    });
    const reactions = xml(
      "reactions",
      { message_id: UPPER_M, user_id: "101" },
      xml("reaction", { type: "👍", add: "true" }),
    );
    expect(incoming([reactions, extra], other)).toMatchObject({ kind: "reaction", messageId: m });
  });

  it("a message, a dialog and the unread counts from REST carry lower-case ids", () => {
    const message = messageFromDto({
      _id: UPPER_M,
      chat_dialog_id: UPPER_D,
      message: "hi",
      date_sent: 1,
      sender_id: 101,
    });
    expect(message).toMatchObject({ ok: true, value: { id: m, dialogId: d } });
    const dialog = dialogFromDto({
      _id: UPPER_D,
      type: 3,
      user_id: 101,
      occupants_ids: [101, 202],
      last_message_id: UPPER_M,
      pinned_messages_ids: [UPPER_M],
    });
    expect(dialog).toMatchObject({ ok: true, value: { id: d, pinnedMessageIds: [m] } });
    expect(dialog.ok && dialog.value.lastMessage?.id).toBe(m);
    expect(unreadCountsFromDto({ total: 2, [UPPER_D]: 2 })).toMatchObject({
      ok: true,
      value: { byDialog: { [d]: 2 } },
    });
  });
});
