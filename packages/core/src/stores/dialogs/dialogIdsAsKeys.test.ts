import { aDialog } from "@chatcube/test-utils/core/testData.js";
import { describe, expect, it } from "@jest/globals";
import { createDialogsStore } from "./createDialogsStore.js";
import { patchDialog, removeDialog, setUnread, upsertDialogs } from "./dialogsReducer.js";

describe("the dialog list keys dialogs by id in records without a prototype", () => {
  it("an id such as __proto__ or constructor is an ordinary key, and an unknown one finds nothing", () => {
    const store = createDialogsStore();
    expect(store.state.get().byId.get("constructor")).toBeUndefined();
    expect(store.get("toString").get()).toBeUndefined();
    store.apply((s) =>
      upsertDialogs(s, [
        aDialog("__proto__", { unreadCount: 2 }),
        aDialog("65f000000000000000000001", { unreadCount: 1 }),
      ]),
    );
    store.apply((s) => setUnread(s, "constructor", 5));
    store.apply((s) => patchDialog(s, "hasOwnProperty", { name: "x" }));
    expect(
      store.list
        .get()
        .map((dialog) => dialog.id)
        .sort(),
    ).toEqual(["65f000000000000000000001", "__proto__"]);
    expect(store.unread.get().total).toBe(3);
    expect(store.unread.get().byDialog["__proto__"]).toBe(2);
    store.apply((s) => removeDialog(s, "__proto__"));
    expect(store.unread.get()).toEqual({ total: 1, byDialog: { "65f000000000000000000001": 1 } });
  });
});
