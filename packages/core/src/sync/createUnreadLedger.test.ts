import { aDialog } from "@chatcube/test-utils/core/testData.js";
import { describe, expect, it } from "@jest/globals";
import type { Element } from "@xmpp/xml";
import { parse } from "ltx";
import { type Dialog, DialogType } from "../model/dialog.js";
import { createDialogsStore } from "../stores/dialogs/createDialogsStore.js";
import { setUnread, upsertDialogs } from "../stores/dialogs/dialogsReducer.js";
import { createMessagesStore } from "../stores/messages/createMessagesStore.js";
import { createTypingStore } from "../stores/typing/createTypingStore.js";
import { createManualClock } from "../time/createManualClock.js";
import { createMessageIngest } from "../xmpp/handlers/createMessageIngest.js";
import { createUnreadLedger } from "./createUnreadLedger.js";

/**
 * Transcripts: given these stanzas and these server answers, in this order, the unread count is the server's. Every
 * message here shares one second and its ids are random, as an official-SDK burst's are.
 */

const D = "65f000000000000000000001";
const ids = Array.from({ length: 8 }, (_, i) => `65f0${(0xf0 - i * 7).toString(16).padStart(20, "0")}`);
const SECOND = 1_700_000_001;

function setup(options: { readPending?: boolean } = {}) {
  const clock = createManualClock(SECOND * 1000);
  const dialogs = createDialogsStore();
  dialogs.apply((d) => upsertDialogs(d, [aDialog(D, { type: DialogType.PRIVATE, occupantIds: [1, 2] })]));
  const messages = createMessagesStore();
  const ledger = createUnreadLedger({ messages, readPending: () => options.readPending ?? false });
  const ingest = createMessageIngest({
    selfUserId: () => 1,
    dialogs,
    messages,
    typing: createTypingStore({ clock }),
    clock,
    windowCap: 100,
    countUnread: ledger.count,
    onReadElsewhere: ledger.read,
    sendDelivered: () => {},
    onUnknownDialog: () => {},
    onSystemMessage: () => {},
    onMessageError: () => {},
    reportError: (error) => {
      throw error;
    },
  });
  /** Message n from user 2, as the server routes it (`delayed` for offline storage). */
  const deliver = (n: number, delayed = false) =>
    ingest(
      parse(
        `<message type="chat" from="2-1@localhost/r" to="1-1@localhost" id="${ids[n]}"><body>m${n}</body><extraParams xmlns="jabber:client"><dialog_id>${D}</dialog_id><date_sent>${SECOND}</date_sent></extraParams>${delayed ? `<delay xmlns="urn:xmpp:delay" stamp="2023-11-14T22:13:21Z"/>` : ""}</message>`,
      ) as unknown as Element,
    );
  /** The server's dialog as it would answer now: `count` unread, its last message n. */
  const snapshot = (count: number, last: number): Dialog =>
    aDialog(D, {
      type: DialogType.PRIVATE,
      occupantIds: [1, 2],
      unreadCount: count,
      updatedAt: 2000,
      lastMessage: { id: ids[last], text: `m${last}`, senderId: 2, dateSent: SECOND * 1000 },
    });
  const applySnapshot = (fetched: Dialog, ticket = ledger.ticket()) =>
    dialogs.apply((s) => upsertDialogs(s, ledger.adjust([fetched], ticket, s)));
  const count = () => dialogs.state.get().byId.get(D)!.unreadCount;
  const last = () => dialogs.state.get().byId.get(D)!.lastMessage?.id;
  return { dialogs, messages, ledger, deliver, snapshot, applySnapshot, count, last };
}

describe("unread ledger: a message is counted once, whichever path brought it", () => {
  it("offline delivery after the snapshot: nothing more", () => {
    const t = setup();
    t.applySnapshot(t.snapshot(6, 5));
    for (let n = 0; n < 6; n++) t.deliver(n, true);
    expect(t.count()).toBe(6);
    expect(t.last()).toBe(ids[5]); // late copies of older messages don't become the last one
  });

  it("offline delivery before the snapshot: the snapshot's count, not the sum", () => {
    const t = setup();
    const ticket = t.ledger.ticket();
    for (let n = 0; n < 6; n++) t.deliver(n, true);
    expect(t.count()).toBe(6);
    t.applySnapshot(t.snapshot(6, 5), ticket);
    expect(t.count()).toBe(6);
  });

  it("the snapshot answers in the middle of the delivery", () => {
    for (let split = 1; split < 6; split++) {
      const t = setup();
      const ticket = t.ledger.ticket();
      for (let n = 0; n < split; n++) t.deliver(n, true);
      t.applySnapshot(t.snapshot(6, 5), ticket);
      for (let n = split; n < 6; n++) t.deliver(n, true);
      expect([split, t.count()]).toEqual([split, 6]);
    }
  });

  it("messages newer than the snapshot add to it, once; replays after a resume add nothing", () => {
    const t = setup();
    const ticket = t.ledger.ticket();
    for (let n = 0; n < 4; n++) t.deliver(n);
    t.deliver(4); // stored after the server counted (its answer's last message is 3)
    t.applySnapshot(t.snapshot(4, 3), ticket);
    expect(t.count()).toBe(5);
    t.deliver(5);
    for (let n = 0; n < 6; n++) t.deliver(n); // the server replays what the resumed stream had not acknowledged
    expect(t.count()).toBe(6);
  });

  it("an unread-count answer sets counts unless a message came during the request", () => {
    const t = setup();
    for (let n = 0; n < 3; n++) t.deliver(n);
    let ticket = t.ledger.ticket();
    t.dialogs.apply((s) => s); // nothing arrives meanwhile: the answer (read elsewhere: 0) wins
    let taking = t.ledger.adjustCounts({ [D]: 0 }, ticket, t.dialogs.state.get());
    expect(taking.get(D)).toBe(0);
    ticket = t.ledger.ticket();
    t.deliver(3); // arrives while the request is out: the answer may or may not include it
    taking = t.ledger.adjustCounts({ [D]: 0 }, ticket, t.dialogs.state.get());
    expect(taking.has(D)).toBe(false);
  });

  it("while a read is queued, a snapshot keeps the local count (the server does not know the read yet)", () => {
    const t = setup({ readPending: true });
    for (let n = 0; n < 3; n++) t.deliver(n);
    t.ledger.read(D);
    t.dialogs.apply((s) => setUnread(s, D, 0));
    t.deliver(3);
    t.applySnapshot(t.snapshot(4, 3));
    expect(t.count()).toBe(1);
    expect(t.ledger.adjustCounts({ [D]: 4 }, t.ledger.ticket(), t.dialogs.state.get()).has(D)).toBe(false);
  });
});
