import { aDialog } from "@chatcube/test-utils/core/testData.js";
import { describe, expect, it } from "@jest/globals";
import { createDialogsStore } from "./createDialogsStore.js";
import { applyMessageActivity, upsertDialogs } from "./dialogsReducer.js";

describe("dialogs store", () => {
  it("a subscriber of dialog A is not notified when dialog B changes; get() keeps its reference", () => {
    const store = createDialogsStore();
    store.state.set(upsertDialogs(store.state.get(), [aDialog("a"), aDialog("b")]));
    const a = store.get("a");
    const before = a.get();
    let calls = 0;
    a.subscribe(() => calls++);
    store.state.set(
      applyMessageActivity(store.state.get(), {
        dialogId: "b",
        own: false,
        lastMessage: { id: "m", text: "x", senderId: 2, dateSent: 5000 },
      }).state,
    );
    expect(calls).toBe(1);
    expect(a.get()).toBe(before);
  });

  it("derives unread counts and keeps the list reference while nothing in it changes", () => {
    const store = createDialogsStore();
    store.state.set(
      upsertDialogs(store.state.get(), [aDialog("a", { unreadCount: 2 }), aDialog("b", { unreadCount: 3 })]),
    );
    expect(store.unread.get()).toEqual({ total: 5, byDialog: { a: 2, b: 3 } });
    const list = store.list.get();
    store.state.set({ ...store.state.get(), loaded: true });
    expect(store.list.get()).toBe(list);
  });
});

describe("dialogs store selectors", () => {
  it("unread.forDialog(id) is one dialog's count (the total for no id); get(null) is undefined", () => {
    const store = createDialogsStore();
    store.state.set(upsertDialogs(store.state.get(), [aDialog("a", { unreadCount: 2 }), aDialog("b")]));
    expect(store.unread.forDialog("a").get()).toBe(2);
    expect(store.unread.forDialog("b").get()).toBe(0);
    expect(store.unread.forDialog(null).get()).toBe(2);
    expect(store.unread.forDialog("a")).toBe(store.unread.forDialog("a"));
    expect(store.get(null).get()).toBeUndefined();
    expect(store.get("a")).toBe(store.get("a"));
  });
});
