import { aMessage } from "@chatcube/test-utils/core/testData.js";
import { describe, expect, it } from "@jest/globals";
import { applyMarker } from "./applyMarker.js";
import {
  applyReaction,
  detachWindow,
  EMPTY_WINDOW,
  editMessage,
  type MessageWindow,
  prependOlder,
  receiveMessages,
  removeMessages,
  setStatus,
} from "./messagesReducer.js";

const ids = (window: MessageWindow) => window.items.map((m) => m.id);

describe("messagesReducer (one dialog's window)", () => {
  it("keeps the window in time order without duplicates, whatever order messages arrive in", () => {
    let w = receiveMessages(EMPTY_WINDOW, [aMessage("m2", "d", 2000), aMessage("m1", "d", 1000)]);
    w = receiveMessages(w, [aMessage("m3", "d", 3000), aMessage("m2", "d", 2000), aMessage("m0", "d", 500)]);
    expect(ids(w)).toEqual(["m0", "m1", "m2", "m3"]);
  });

  it("keeps untouched messages' identity and freezes the window and its messages", () => {
    const w = receiveMessages(EMPTY_WINDOW, [aMessage("m1", "d", 1)]);
    const next = receiveMessages(w, [aMessage("m2", "d", 2)]);
    expect(next.items[0]).toBe(w.items[0]);
    expect(Object.isFrozen(next) && Object.isFrozen(next.items[1])).toBe(true);
  });

  it("finds a long-pending local copy however old it is", () => {
    let w = receiveMessages(EMPTY_WINDOW, [aMessage("mine", "d", 1_000, { senderId: 1, status: "pending" })]);
    w = receiveMessages(w, [aMessage("later", "d", 10_000_000)]);
    w = receiveMessages(w, [aMessage("mine", "d", 1_000, { senderId: 1, status: "sent" })]);
    expect(ids(w)).toEqual(["mine", "later"]);
    expect(w.items[0].status).toBe("sent");
  });

  it("caps a window growing by live messages and says older history exists", () => {
    let w = prependOlder(EMPTY_WINDOW, [aMessage("m1", "d", 1)], false);
    expect(w.hasOlder).toBe(false);
    w = receiveMessages(w, [aMessage("m2", "d", 2), aMessage("m3", "d", 3), aMessage("m4", "d", 4)], { cap: 3 });
    expect(ids(w)).toEqual(["m2", "m3", "m4"]);
    expect(w.hasOlder).toBe(true);
  });

  it("moves statuses forward only; a pending message may fail and be retried", () => {
    let w = receiveMessages(EMPTY_WINDOW, [aMessage("m", "d", 1, { senderId: 1, status: "pending" })]);
    w = setStatus(w, "m", "sent");
    w = setStatus(w, "m", "pending");
    expect(w.items[0].status).toBe("sent");
    w = receiveMessages(EMPTY_WINDOW, [aMessage("m", "d", 1, { senderId: 1, status: "pending" })]);
    w = setStatus(w, "m", "failed");
    expect(w.items[0].status).toBe("failed");
    w = setStatus(w, "m", "pending");
    expect(w.items[0].status).toBe("pending");
  });

  it("a copy from the server never moves a message's status back", () => {
    let w = receiveMessages(EMPTY_WINDOW, [aMessage("m", "d", 1, { senderId: 1, status: "read", readIds: [1, 2] })]);
    w = receiveMessages(w, [aMessage("m", "d", 1, { senderId: 1, status: "sent", readIds: [1] })]);
    expect(w.items[0]).toMatchObject({ status: "read", readIds: [1, 2] });
  });

  it("a read marker marks that message and the earlier own ones read, per user", () => {
    let w = receiveMessages(EMPTY_WINDOW, [
      aMessage("m1", "d", 1, { senderId: 1, readIds: [1], deliveredIds: [1] }),
      aMessage("x", "d", 2, { senderId: 3 }),
      aMessage("m2", "d", 3, { senderId: 1, readIds: [1], deliveredIds: [1] }),
    ]);
    w = applyMarker(w, "m2", 2, "read");
    const [m1, x, m2] = w.items;
    expect(m2).toMatchObject({ status: "read", readIds: [1, 2], deliveredIds: [1, 2] });
    expect(m1).toMatchObject({ status: "read", readIds: [1, 2] });
    expect(x.readIds).toEqual([2]);
    expect(applyMarker(w, "m2", 2, "read")).toBe(w); // nothing new
  });

  it("a marker about a message still pending (its ack not back yet) moves it on; older pending ones stay", () => {
    let w = receiveMessages(EMPTY_WINDOW, [
      aMessage("a", "d", 1, { senderId: 1, status: "pending", readIds: [1], deliveredIds: [1] }),
      aMessage("b", "d", 2, { senderId: 1, status: "pending", readIds: [1], deliveredIds: [1] }),
    ]);
    w = applyMarker(w, "b", 2, "delivered");
    // Confirmed by the server, it goes before what the server has not confirmed yet.
    expect(w.items.map((m) => [m.id, m.status])).toEqual([
      ["b", "delivered"],
      ["a", "pending"],
    ]);
    w = setStatus(w, "b", "sent"); // the late ack does not move it back
    expect(w.items[0].status).toBe("delivered");
  });

  it("applies edits, removals and reactions", () => {
    let w = receiveMessages(EMPTY_WINDOW, [aMessage("m1", "d", 1), aMessage("m2", "d", 2)]);
    w = editMessage(w, "m1", "fixed", 99);
    expect(w.items[0]).toMatchObject({ body: "fixed", editedAt: 99 });
    w = applyReaction(w, "m2", { add: "👍", remove: null, own: true });
    w = applyReaction(w, "m2", { add: "👍", remove: null, own: false });
    w = applyReaction(w, "m2", { add: "🎉", remove: "👍", own: true });
    expect(w.items[1].reactions).toEqual({ own: ["🎉"], total: { "👍": 1, "🎉": 1 } });
    w = removeMessages(w, ["m1"]);
    expect(ids(w)).toEqual(["m2"]);
  });

  it("counts the current user's reaction once: an optimistic change and its push are idempotent, one type per user", () => {
    let w = receiveMessages(EMPTY_WINDOW, [aMessage("m", "d", 1, { reactions: { own: [], total: { "👍": 2 } } })]);
    w = applyReaction(w, "m", { add: "❤️", remove: null, own: true }); // optimistic
    const before = w;
    w = applyReaction(w, "m", { add: "❤️", remove: null, own: true }); // the server's push of the same change
    expect(w).toBe(before);
    w = applyReaction(w, "m", { add: "🎉", remove: null, own: true }); // replaces ❤️ even without an explicit remove
    expect(w.items[0].reactions).toEqual({ own: ["🎉"], total: { "👍": 2, "🎉": 1 } });
    w = applyReaction(w, "m", { add: "🎉", remove: "❤️", own: true }); // push: ❤️ was already dropped
    expect(w.items[0].reactions).toEqual({ own: ["🎉"], total: { "👍": 2, "🎉": 1 } });
    w = applyReaction(w, "m", { add: null, remove: "🎉", own: true });
    w = applyReaction(w, "m", { add: null, remove: "🎉", own: true });
    expect(w.items[0].reactions).toEqual({ own: [], total: { "👍": 2 } });
  });

  it("a detached window holds the newest page plus what is still pending", () => {
    let w = receiveMessages(EMPTY_WINDOW, [
      aMessage("old", "d", 1),
      aMessage("mine", "d", 2, { status: "pending", senderId: 1 }),
    ]);
    w = detachWindow(w, [aMessage("n1", "d", 100), aMessage("n2", "d", 101)], true);
    expect(ids(w)).toEqual(["n1", "n2", "mine"]); // what is still pending stays after what the server has
    expect(w).toMatchObject({ detached: true, hasOlder: true });
  });
});
