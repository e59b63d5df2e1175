import { describe, expect, it } from "@jest/globals";
import type { OutboxEntry } from "../../model/outboxEntry.js";
import { createStore } from "../../reactive/createStore.js";
import { selectOutbox } from "./selectOutbox.js";

const entry = (id: string, dialogId: string): OutboxEntry => ({
  id,
  kind: "read",
  dialogId,
  messageId: id,
  senderId: 2,
  createdAt: 1,
  state: "queued",
  attempts: 0,
  nextAttemptAt: null,
  lastError: null,
});

describe("selectOutbox", () => {
  it("forDialog(id) holds that dialog's entries and keeps its reference while they are the same; no id: all", () => {
    const store = createStore<readonly OutboxEntry[]>([entry("1", "A"), entry("2", "B")]);
    const outbox = selectOutbox(store);
    const ofA = outbox.forDialog("A");
    expect(outbox.forDialog("A")).toBe(ofA);
    expect(ofA.get().map((e) => e.id)).toEqual(["1"]);
    const before = ofA.get();
    let calls = 0;
    const stop = ofA.subscribe(() => calls++);
    store.set([...store.get(), entry("3", "B")]);
    expect(ofA.get()).toBe(before);
    store.set([...store.get(), entry("4", "A")]);
    stop();
    expect(calls).toBe(2);
    expect(outbox.forDialog(null).get()).toBe(store.get());
    expect(outbox.forDialog().get()).toHaveLength(4);
    expect(outbox.get()).toBe(store.get());
  });
});
