import { aDialog, aMessage } from "@chatcube/test-utils/core/testData.js";
import { describe, expect, it } from "@jest/globals";
import { applyMarker } from "../messages/applyMarker.js";
import { createMessagesStore } from "../messages/createMessagesStore.js";
import { setStatus } from "../messages/messagesReducer.js";
import { createDialogsStore } from "./createDialogsStore.js";
import { applyMessageActivity, upsertDialogs } from "./dialogsReducer.js";
import { followLastMessageStatus } from "./followLastMessageStatus.js";

const D = "65f000000000000000000001";

describe("the list's last-message status follows the message", () => {
  it("pending → failed → pending (retry) → sent → read, and someone else's last message has none", () => {
    const dialogs = createDialogsStore();
    const messages = createMessagesStore();
    dialogs.apply((s) => upsertDialogs(s, [aDialog(D)]));
    const stop = followLastMessageStatus(dialogs, messages);
    const status = () => dialogs.state.get().byId.get(D)!.lastMessageStatus;

    messages.receive([aMessage("m1", D, 5000, { senderId: 1, status: "pending" })]);
    dialogs.apply(
      (s) =>
        applyMessageActivity(s, {
          dialogId: D,
          own: true,
          status: "pending",
          lastMessage: { id: "m1", text: "hi", senderId: 1, dateSent: 5000 },
        }).state,
    );
    expect(status()).toBe("pending");
    messages.apply(D, (w) => setStatus(w, "m1", "failed"));
    expect(status()).toBe("failed");
    messages.apply(D, (w) => setStatus(w, "m1", "pending"));
    expect(status()).toBe("pending");
    messages.apply(D, (w) => setStatus(w, "m1", "sent"));
    expect(status()).toBe("sent");
    messages.apply(D, (w) => applyMarker(w, "m1", 2, "read"));
    expect(status()).toBe("read");
    messages.apply(D, (w) => setStatus(w, "m1", "failed")); // a confirmed message never fails afterwards
    expect(status()).toBe("read");

    messages.receive([aMessage("m2", D, 6000, { senderId: 2 })]);
    dialogs.apply(
      (s) =>
        applyMessageActivity(s, {
          dialogId: D,
          own: false,
          lastMessage: { id: "m2", text: "yo", senderId: 2, dateSent: 6000 },
        }).state,
    );
    expect(status()).toBeNull();
    stop();
  });
});
