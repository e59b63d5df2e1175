import { aDialog } from "@chatcube/test-utils/core/testData.js";
import { describe, expect, it } from "@jest/globals";
import {
  applyMessageActivity,
  type DialogsState,
  emptyDialogsState,
  patchDialog,
  removeDialog,
  replaceDialogs,
  setLastMessageStatus,
  setUnread,
  upsertDialogs,
} from "./dialogsReducer.js";

const run = (state: DialogsState, reduce: (state: DialogsState) => DialogsState) => reduce(state);

describe("dialogsReducer", () => {
  it("orders dialogs by last activity, newest first", () => {
    const state = run(emptyDialogsState(), (d) =>
      upsertDialogs(d, [
        aDialog("a", { lastMessage: { id: "m1", text: "x", senderId: 2, dateSent: 5000 } }),
        aDialog("b", { createdAt: 9000 }),
        aDialog("c", { lastMessage: { id: "m2", text: "y", senderId: 2, dateSent: 7000 } }),
      ]),
    );
    expect(state.order).toEqual(["b", "c", "a"]);
    expect(state.loaded).toBe(true);
  });

  it("keeps a dialog's identity when the same copy arrives again, and ignores an older copy", () => {
    const first = run(emptyDialogsState(), (d) => upsertDialogs(d, [aDialog("a", { updatedAt: 2000, name: "new" })]));
    const same = run(first, (d) => upsertDialogs(d, [aDialog("a", { updatedAt: 2000, name: "new" })]));
    expect(same.byId.get("a")!).toBe(first.byId.get("a")!);
    const older = run(first, (d) => upsertDialogs(d, [aDialog("a", { updatedAt: 1000, name: "old" })]));
    expect(older.byId.get("a")!.name).toBe("new");
  });

  it("a message from someone else moves the dialog up and counts unread; an own message and an echo do not", () => {
    let state = run(emptyDialogsState(), (d) =>
      upsertDialogs(d, [aDialog("a", { createdAt: 1 }), aDialog("b", { createdAt: 2 })]),
    );
    expect(state.order).toEqual(["b", "a"]);
    const incoming = { dialogId: "a", own: false, lastMessage: { id: "m1", text: "hi", senderId: 2, dateSent: 10 } };
    state = run(state, (d) => applyMessageActivity(d, incoming).state);
    expect(state.order).toEqual(["a", "b"]);
    expect(state.byId.get("a")!.unreadCount).toBe(1);
    state = run(state, (d) => applyMessageActivity(d, incoming).state); // the same message again
    expect(state.byId.get("a")!.unreadCount).toBe(1);
    state = run(
      state,
      (d) =>
        applyMessageActivity(d, {
          dialogId: "a",
          own: true,
          lastMessage: { id: "m2", text: "yo", senderId: 1, dateSent: 11 },
        }).state,
    );
    expect(state.byId.get("a")!).toMatchObject({
      unreadCount: 1,
      lastMessageStatus: "sent",
      lastMessage: { id: "m2" },
    });
    state = run(state, (d) => setLastMessageStatus(d, "a", "m2", "read"));
    state = run(state, (d) => setLastMessageStatus(d, "a", "m2", "delivered"));
    expect(state.byId.get("a")!.lastMessageStatus).toBe("read");
    state = run(state, (d) => setUnread(d, "a", 0));
    expect(state.byId.get("a")!.unreadCount).toBe(0);
  });

  it("a message for an unknown dialog reports it, so the caller can fetch the dialog", () => {
    const { known } = applyMessageActivity(emptyDialogsState(), {
      dialogId: "zz",
      own: false,
      lastMessage: { id: "m", text: "", senderId: 2, dateSent: 1 },
    });
    expect(known).toBe(false);
  });

  it("patches, removes, and replaces the whole list on a full resync", () => {
    let state = run(emptyDialogsState(), (d) => upsertDialogs(d, [aDialog("a"), aDialog("b")]));
    state = run(state, (d) => patchDialog(d, "a", { name: "Renamed" }));
    expect(state.byId.get("a")!.name).toBe("Renamed");
    state = run(state, (d) => removeDialog(d, "b"));
    expect(state.order).toEqual(["a"]);
    state = run(state, (d) => replaceDialogs(d, [aDialog("c")]));
    expect([...state.byId.keys()]).toEqual(["c"]);
  });
});

describe("many dialogs at once (a cache of 1,000, a full page)", () => {
  it("places them in the same order as one by one: newest activity first, ties by id", () => {
    const dialogs = Array.from({ length: 300 }, (_, i) =>
      aDialog(`d${String(i).padStart(3, "0")}`, {
        lastMessage: i % 7 === 0 ? null : { id: null, text: "x", senderId: 1, dateSent: (i * 37) % 50 },
        createdAt: (i * 13) % 20,
      }),
    );
    const known = upsertDialogs(emptyDialogsState(), dialogs.slice(0, 10));
    const atOnce = upsertDialogs(known, dialogs);
    let oneByOne = known;
    for (const dialog of dialogs) oneByOne = upsertDialogs(oneByOne, [dialog]);
    expect(atOnce.order).toEqual(oneByOne.order);
    expect(atOnce.order).toHaveLength(300);
  });
});
