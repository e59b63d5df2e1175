import { aMessage } from "@chatcube/test-utils/core/testData.js";
import { describe, expect, it } from "@jest/globals";
import { applyMarker } from "./applyMarker.js";
import { EMPTY_WINDOW, type MessageWindow, prependOlder, receiveMessages, setStatus } from "./messagesReducer.js";
import { sortForWindow } from "./windowOrder.js";

const ids = (window: MessageWindow) => window.items.map((m) => m.id);
// Ids whose order says nothing: random low bits, as the official SDK makes them within one second.
const at = (id: string, second: number, overrides = {}) => aMessage(id, "d", second * 1000, overrides);

describe("window order: the server's, ties of date_sent in arrival order", () => {
  it("live messages of one second stay in arrival order, whatever their ids", () => {
    let w = EMPTY_WINDOW;
    for (const id of ["f3", "a1", "c9", "b2", "e0"]) w = receiveMessages(w, [at(id, 10)]);
    expect(ids(w)).toEqual(["f3", "a1", "c9", "b2", "e0"]);
    w = receiveMessages(w, [at("00", 9)]); // a late message of an earlier second goes before that second
    expect(ids(w)).toEqual(["00", "f3", "a1", "c9", "b2", "e0"]);
  });

  it("a page keeps the server's order: newer pages after their known neighbours, older ones before", () => {
    let w = receiveMessages(EMPTY_WINDOW, [at("x", 10), at("y", 10)]);
    w = receiveMessages(w, [at("y", 10), at("b", 10), at("a", 11)]); // newer page, overlapping at y
    expect(ids(w)).toEqual(["x", "y", "b", "a"]);
    w = prependOlder(w, [at("q", 9), at("p", 10), at("o", 10), at("x", 10)], false); // older page, overlapping at x
    expect(ids(w)).toEqual(["q", "p", "o", "x", "y", "b", "a"]);
  });

  it("a page whose first messages are new goes before the known message that follows them in the page", () => {
    let w = receiveMessages(EMPTY_WINDOW, [at("three", 10)]); // live, before the page that has the two before it
    w = receiveMessages(w, [at("one", 10), at("two", 10), at("three", 10)]);
    expect(ids(w)).toEqual(["one", "two", "three"]);
    let o = receiveMessages(EMPTY_WINDOW, [at("x", 10), at("y", 11)]);
    o = prependOlder(o, [at("w", 9), at("x", 10), at("x2", 10)], true); // x2 follows x in the page: after x
    expect(ids(o)).toEqual(["w", "x", "x2", "y"]);
  });

  it("a page's order wins over arrival (a message kept offline can arrive after a later live one)", () => {
    let w = EMPTY_WINDOW;
    for (const id of ["two", "one", "three"]) w = receiveMessages(w, [at(id, 10)]); // arrival order differs
    w = receiveMessages(w, [at("mine", 10, { status: "pending", senderId: 1 })]);
    w = receiveMessages(w, [at("one", 10), at("two", 10), at("three", 10)]); // history says otherwise
    expect(ids(w)).toEqual(["one", "two", "three", "mine"]);
    const shuffled = [...w.items].sort((a, b) => (a.id < b.id ? 1 : -1));
    expect(sortForWindow(shuffled).map((m) => m.id)).toEqual(ids(w)); // positions follow
  });

  it("a copy of a message with another time moves it to that time's place (the window stays in order)", () => {
    let w = receiveMessages(EMPTY_WINDOW, [at("a", 10), at("b", 11), at("c", 12)]);
    w = receiveMessages(w, [at("a", 13)]);
    expect(ids(w)).toEqual(["b", "c", "a"]);
    expect(w.items.map((m) => m.dateSent)).toEqual([11_000, 12_000, 13_000]);
  });

  it("the user's pending messages stay last until confirmed, then take their place after what came before", () => {
    let w = receiveMessages(EMPTY_WINDOW, [
      at("p1", 10, { status: "pending", senderId: 1 }),
      at("p2", 10, { status: "pending", senderId: 1 }),
    ]);
    w = receiveMessages(w, [at("peer", 10)]);
    expect(ids(w)).toEqual(["peer", "p1", "p2"]);
    w = setStatus(w, "p2", "sent");
    expect(ids(w)).toEqual(["peer", "p2", "p1"]);
    w = receiveMessages(w, [at("peer2", 11)]);
    w = applyMarker(w, "p1", 2, "delivered");
    // Confirmed, it goes where the server's history has it: its date_sent second comes before peer2's.
    expect(ids(w)).toEqual(["peer", "p2", "p1", "peer2"]);
  });

  it("positions restore the exact order from a cache, pending ones last", () => {
    let w = EMPTY_WINDOW;
    for (const id of ["f3", "a1", "c9"]) w = receiveMessages(w, [at(id, 10)]);
    w = receiveMessages(w, [at("mine", 10, { status: "pending", senderId: 1 })]);
    w = prependOlder(w, [at("z0", 10)], false);
    w = receiveMessages(w, [at("b2", 10)]);
    const shuffled = [...w.items].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(sortForWindow(shuffled).map((m) => m.id)).toEqual(ids(w));
    expect(ids(w)).toEqual(["z0", "f3", "a1", "c9", "b2", "mine"]);
  });

  it("the cap drops the oldest, never the newest arrival of a full second", () => {
    let w = EMPTY_WINDOW;
    const burst = ["e", "d", "c", "b", "a", "9", "8"];
    for (const id of burst) w = receiveMessages(w, [at(id, 10)], { cap: 4 });
    expect(ids(w)).toEqual(burst.slice(-4));
    expect(w.hasOlder).toBe(true);
  });

  // The soak (examples/e2e/tests/tabsSoak.test.ts) once showed two messages a tab sent in one second swapped in every
  // tab after its leader was crashed: the later one came back from the server's history while the earlier one was
  // still pending, and the earlier one, acknowledged after, went after everything confirmed in its second.
  it("ours, confirmed after a later one of ours of the same second came from the server, goes before it", () => {
    const tab = "6b1046cecaac56b73681"; // one tab's ids: time and process bytes, then a counter
    const own = (counter: string, ms: number, status: "pending" | "sent") =>
      aMessage(`${tab}${counter}`, "d", ms, { senderId: 1, status });
    let w = receiveMessages(EMPTY_WINDOW, [at("peer", 9, { senderId: 2 })]);
    w = receiveMessages(w, [own("0130", 10_369, "pending"), own("0131", 10_369, "pending")]);
    w = receiveMessages(w, [own("0131", 10_000, "sent")]); // the server's copy of the later one (a history page)
    w = receiveMessages(w, [at("other", 10, { senderId: 3 })]); // someone else's, live, in that second
    w = setStatus(w, `${tab}0130`, "sent"); // the earlier one acknowledged
    expect(ids(w)).toEqual(["peer", `${tab}0130`, `${tab}0131`, "other"]);
    expect(ids({ ...w, items: sortForWindow([...w.items]) })).toEqual(ids(w)); // the cache restores it so
    // Someone else's live messages keep their arrival order whatever their ids say (the official SDK's low bits are
    // random), and so do ours that were never pending here.
    let u = receiveMessages(EMPTY_WINDOW, [aMessage(`${tab}0009`, "d", 10_000, { senderId: 2 })]);
    u = receiveMessages(u, [aMessage(`${tab}0005`, "d", 10_000, { senderId: 2 })]);
    expect(ids(u)).toEqual([`${tab}0009`, `${tab}0005`]);
    // Another tab's ids (other process bytes) say nothing of the order: the live rule holds.
    let v = receiveMessages(EMPTY_WINDOW, [aMessage("aaaaaaaaaaaaaaaaaaaa0131", "d", 10_000, { senderId: 1 })]);
    v = receiveMessages(v, [aMessage(`${tab}0130`, "d", 10_369, { senderId: 1, status: "pending" })]);
    v = setStatus(v, `${tab}0130`, "sent");
    expect(ids(v)).toEqual(["aaaaaaaaaaaaaaaaaaaa0131", `${tab}0130`]);
  });
});
