import { describe, expect, it } from "@jest/globals";
import { DialogType } from "../../src/index.js";
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
});
