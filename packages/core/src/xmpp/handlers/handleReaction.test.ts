import { aDialog, aMessage } from "@chatcube/test-utils/core/testData.js";
import { xmlFixture } from "@chatcube/test-utils/core/xmlFixtures.js";
import { describe, expect, it } from "@jest/globals";
import { DialogType } from "../../model/dialog.js";
import { createDialogsStore } from "../../stores/dialogs/createDialogsStore.js";
import { upsertDialogs } from "../../stores/dialogs/dialogsReducer.js";
import { createMessagesStore } from "../../stores/messages/createMessagesStore.js";
import { createTypingStore } from "../../stores/typing/createTypingStore.js";
import { createManualClock } from "../../time/createManualClock.js";
import { createMessageIngest } from "./createMessageIngest.js";

const G = "65f000000000000000000001";
const P = "65f000000000000000000002";
const M = "65f0000000000000000000dd";

function setup() {
  const clock = createManualClock(1_700_000_000_000);
  const dialogs = createDialogsStore();
  dialogs.apply((d) =>
    upsertDialogs(d, [
      aDialog(G, { type: DialogType.GROUP, occupantIds: [1, 2, 3] }),
      aDialog(P, { type: DialogType.PRIVATE, occupantIds: [1, 2] }),
    ]),
  );
  const messages = createMessagesStore();
  const ingest = createMessageIngest({
    selfUserId: () => 1,
    dialogs,
    messages,
    typing: createTypingStore({ clock }),
    clock,
    windowCap: 100,
    sendDelivered: () => {},
    onUnknownDialog: () => {},
    onSystemMessage: () => {},
    onMessageError: () => {},
    reportError: () => {},
  });
  return { messages, feed: (xml: string) => ingest(xmlFixture(xml)) };
}

describe("reaction pushes (docs/protocol.md §9)", () => {
  it("every occupant's counts change; the current user's own push after an optimistic change counts once", () => {
    const t = setup();
    t.messages.receive([aMessage(M, G, 1, { senderId: 2, reactions: { own: ["👍"], total: { "👍": 1 } } })]);
    t.feed(`<message type="groupchat" from="1_${G}@muc.localhost/1" id="r1">
      <extraParams xmlns="jabber:client"><dialog_id>${G}</dialog_id></extraParams>
      <reactions user_id="1" message_id="${M}"><reaction add="true" type="👍"/></reactions></message>`);
    expect(t.messages.window(G).get().items[0].reactions).toEqual({ own: ["👍"], total: { "👍": 1 } });
    t.feed(`<message type="groupchat" from="1_${G}@muc.localhost/3" id="r2">
      <extraParams xmlns="jabber:client"><dialog_id>${G}</dialog_id></extraParams>
      <reactions user_id="3" message_id="${M}"><reaction add="true" type="🎉"/></reactions></message>`);
    t.feed(`<message type="groupchat" from="1_${G}@muc.localhost/3" id="r3">
      <extraParams xmlns="jabber:client"><dialog_id>${G}</dialog_id></extraParams>
      <reactions user_id="3" message_id="${M}"><reaction add="true" type="❤️"/><reaction remove="true" type="🎉"/></reactions></message>`);
    expect(t.messages.window(G).get().items[0].reactions).toEqual({ own: ["👍"], total: { "👍": 1, "❤️": 1 } });
  });

  it("ignores a forwarded groupchat reaction (carbon), as the SDK does", () => {
    const t = setup();
    t.messages.receive([aMessage(M, G, 1)]);
    t.feed(`<message from="1-1@localhost" to="1-1@localhost/r1" type="chat"><sent xmlns="urn:xmpp:carbons:2"><forwarded xmlns="urn:xmpp:forward:0">
      <message type="groupchat" from="1_${G}@muc.localhost/3" id="r4"><extraParams xmlns="jabber:client"><dialog_id>${G}</dialog_id></extraParams>
      <reactions user_id="3" message_id="${M}"><reaction add="true" type="👍"/></reactions></message></forwarded></sent></message>`);
    expect(t.messages.window(G).get().items[0].reactions.total).toEqual({});
  });

  it("a 1-1 push without dialog_id lands in the private dialog with its sender", () => {
    const t = setup();
    t.messages.receive([aMessage(M, P, 1, { senderId: 1 })]);
    t.feed(
      `<message type="chat" from="2-1@localhost" id="r5"><reactions user_id="2" message_id="${M}"><reaction add="true" type="👍"/></reactions></message>`,
    );
    expect(t.messages.window(P).get().items[0].reactions).toEqual({ own: [], total: { "👍": 1 } });
  });
});
