import { describe, expect, it } from "@jest/globals";
import { createMemoryPersistence, DialogType } from "../../src/index.js";
import type { Persistence, PersistenceSession } from "../../src/persistence/Persistence.js";
import { createTestUser } from "../helpers/chatTestUsers.js";
import { onlineClient, valueOf } from "../helpers/clients.js";
import { serverPerFile } from "../helpers/serverPerFile.js";

/** The outbox pipelines messages: many stanzas on the wire at once, each dialog's order kept, nothing twice. */

const fx = serverPerFile();

describe("outbox pipeline", () => {
  it("a burst queued offline goes out in order; a drop in the middle resends the unacknowledged once", async () => {
    const [aliceUser, bobUser, carolUser] = [
      await createTestUser(fx.server, "alice"),
      await createTestUser(fx.server, "bob"),
      await createTestUser(fx.server, "carol"),
    ];
    const alice = await onlineClient(fx.server, aliceUser);
    fx.clients.push(alice);
    const toBob = await alice.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobUser.id] });
    const group = await alice.dialogs.create({
      type: DialogType.GROUP,
      name: "g",
      occupantIds: [bobUser.id, carolUser.id],
    });
    await alice.connection.disconnect();
    const sent: Record<string, string[]> = { [toBob.id]: [], [group.id]: [] };
    for (let i = 0; i < 600; i++) {
      const dialogId = i % 3 === 0 ? group.id : toBob.id;
      sent[dialogId].push((await alice.messages.send(dialogId, { body: `m${i}` })).id);
    }
    await alice.connection.connect();
    // Cut the stream once a part of the burst is acknowledged.
    await valueOf(alice.outbox, (o) => o.length < 450, "part of the burst acknowledged", 10_000);
    expect(alice.outbox.get().length).toBeGreaterThan(0);
    fx.server.dropConnections(aliceUser.id);
    await valueOf(alice.outbox, (o) => o.length === 0, "the rest after the reconnect", 20_000);
    for (const dialogId of [toBob.id, group.id]) {
      const stored = (fx.server.context.db.messagesByDialog.get(dialogId) ?? []).map((m) => m._id);
      expect(stored).toEqual(sent[dialogId]); // each once, in send order
    }
    const thread = alice.messages.forDialog(toBob.id).get().items;
    expect(thread.filter((m) => m.status === "pending")).toEqual([]);
  });

  it("a message goes on the wire only once its outbox entry is durable, even behind a send in flight", async () => {
    const [aliceUser, bobUser] = [await createTestUser(fx.server, "alice"), await createTestUser(fx.server, "bob")];
    let hold: ((release: () => void) => void) | null = null; // the next outbox write waits for its release
    const held = (session: PersistenceSession): PersistenceSession =>
      new Proxy(session, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (key !== "putOutbox" || typeof value !== "function") return value;
          return async (entry: unknown) => {
            const take = hold;
            hold = null;
            if (take) await new Promise<void>((release) => take(release));
            return value.call(target, entry);
          };
        },
      });
    const memory = createMemoryPersistence();
    const persistence: Persistence = Object.assign(Object.create(memory) as Persistence, {
      open: async (scope: Parameters<Persistence["open"]>[0]) => held(await memory.open(scope)),
    });
    const alice = await onlineClient(fx.server, aliceUser, { persistence });
    fx.clients.push(alice);
    const dialog = await alice.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobUser.id] });
    const first = await alice.messages.send(dialog.id, { body: "first" }); // on the wire, its ack on its way
    let release: () => void = () => {};
    hold = (r) => (release = r);
    const second = alice.messages.send(dialog.id, { body: "second" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const pending = alice.messages
      .forDialog(dialog.id)
      .get()
      .items.find((m) => m.body === "second");
    expect(pending?.status).toBe("pending"); // shown at once
    expect(fx.server.context.db.messages.has(pending?.id ?? "")).toBe(false); // but not sent: not durable yet
    release();
    const sent = await second;
    await Promise.all([first.settled, sent.settled]);
    const stored = (fx.server.context.db.messagesByDialog.get(dialog.id) ?? []).map((m) => m.message);
    expect(stored).toEqual(["first", "second"]);
  });
});
