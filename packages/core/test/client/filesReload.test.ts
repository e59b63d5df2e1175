import { describe, expect, it } from "@jest/globals";
import { serverPerFile } from "../helpers/serverPerFile.js";
import "fake-indexeddb/auto";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { createIndexedDbPersistence, DialogType } from "../../src/index.js";
import { createTestUser } from "../helpers/chatTestUsers.js";
import { newClient, onlineClient, valueOf } from "../helpers/clients.js";

const fixture = serverPerFile();
const { clients } = fixture;

describe("a message with files is resumable from the outbox", () => {
  it("written offline, kept in IndexedDB with its bytes across a reload, uploaded and sent once online", async () => {
    const indexedDB = new IDBFactory();
    const persistence = () => createIndexedDbPersistence({ indexedDB, IDBKeyRange });
    const [aliceUser, bobUser] = [
      await createTestUser(fixture.server, "alice"),
      await createTestUser(fixture.server, "bob"),
    ];
    const alice = await onlineClient(fixture.server, aliceUser, { persistence: persistence() });
    const bob = await onlineClient(fixture.server, bobUser);
    clients.push(bob);
    const dialog = await alice.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobUser.id] });
    await alice.connection.disconnect();
    const message = await alice.messages.send(dialog.id, {
      body: "see attached",
      files: [{ file: Buffer.from("persisted bytes"), name: "p.txt", contentType: "text/plain" }],
    });
    await alice.dispose(); // the tab is reloaded before the file went up

    const reloaded = newClient(fixture.server, { persistence: persistence() });
    clients.push(reloaded);
    await reloaded.auth.resume();
    await valueOf(reloaded.outbox, (o) => o.length === 0, "the outbox to drain", 10_000);
    const atBob = await valueOf(
      bob.messages.forDialog(dialog.id),
      (w) => w.items.some((m) => m.id === message.id),
      "bob receives it",
    );
    const attachment = atBob.items.find((m) => m.id === message.id)!.attachments[0];
    expect(attachment).toMatchObject({ type: "file", name: "p.txt", contentType: "text/plain", size: 15 });
    expect(await (await fetch(bob.files.url(attachment))).text()).toBe("persisted bytes");
    expect(fixture.server.context.db.messages.get(message.id)?.attachments).toHaveLength(1);
  });
});
