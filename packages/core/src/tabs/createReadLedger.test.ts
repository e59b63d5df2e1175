import { describe, expect, it } from "@jest/globals";
import type { OutboxEntry } from "../model/outboxEntry.js";
import { createStore } from "../reactive/createStore.js";
import { createReadLedger } from "./createReadLedger.js";

const read = (id: string, messageId: string): OutboxEntry => ({
  id,
  kind: "read",
  dialogId: "d1",
  messageId,
  senderId: 2,
  dateSent: 1000,
  createdAt: 1000,
  state: "queued",
  attempts: 0,
  nextAttemptAt: null,
  lastError: null,
});

describe("createReadLedger", () => {
  it("knows a read queued by another entry, even after it left the outbox; forgets on reset", () => {
    const entries = createStore<readonly OutboxEntry[]>([]);
    const ledger = createReadLedger(entries, 2);
    expect(ledger.has("d1", "m1")).toBe(false);
    entries.set([read("e1", "m1")]);
    entries.set([]); // sent, gone
    expect(ledger.has("d1", "m1")).toBe(true);
    expect(ledger.has("d1", "m1", "e1")).toBe(false); // the same entry is no duplicate of itself
    expect(ledger.has("d1", "m1", "e2")).toBe(true);
    entries.set([read("e2", "m2"), read("e3", "m3")]); // bounded: m1 goes
    expect(ledger.has("d1", "m1")).toBe(false);
    ledger.reset();
    expect(ledger.has("d1", "m3")).toBe(false);
    ledger.dispose();
  });
});
