import { aMessage } from "@chatcube/test-utils/core/testData.js";
import { describe, expect, it } from "@jest/globals";
import { createStore } from "../../reactive/createStore.js";
import { EMPTY_WINDOW, type MessageWindow } from "./messagesReducer.js";
import { type DialogMessages, NO_MESSAGES, viewOf } from "./messagesView.js";

describe("messagesView", () => {
  it("viewOf gives one Readable per dialog's messages: the window and its loadOlder as one value", async () => {
    const window = createStore<MessageWindow>(EMPTY_WINDOW);
    let loads = 0;
    const messages: DialogMessages = { ...window, loadOlder: async () => void (loads += 1) };
    const view = viewOf(messages);
    expect(viewOf(messages)).toBe(view);
    const seen: string[][] = [];
    const stop = view.subscribe((value) => seen.push(value.items.map((m) => m.id)));
    window.set({ ...EMPTY_WINDOW, items: [aMessage("m1", "d", 1)] });
    stop();
    expect(seen).toEqual([[], ["m1"]]);
    expect(view.get()).toMatchObject({ hasOlder: true, loadingOlder: false, error: null, detached: false });
    await view.get().loadOlder();
    expect(loads).toBe(1);
  });

  it("NO_MESSAGES (no dialog) is empty with nothing older, and loading older does nothing", async () => {
    expect(NO_MESSAGES.get()).toEqual({
      items: [],
      hasOlder: false,
      loadingOlder: false,
      error: null,
      detached: false,
    });
    await expect(NO_MESSAGES.loadOlder()).resolves.toBeUndefined();
    expect(viewOf(NO_MESSAGES).get().items).toEqual([]);
  });
});
