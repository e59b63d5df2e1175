import { describe, expect, it } from "@jest/globals";
import "fake-indexeddb/auto";
import { aDialog, aMessage } from "@chatcube/test-utils/core/testData.js";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { createIndexedDbPersistence } from "./createIndexedDbPersistence.js";
import { DB_VERSION, MIGRATIONS } from "./migrations.js";
import { openDatabase } from "./openDatabase.js";

const D = "65f000000000000000000001";

describe("schema migrations", () => {
  it("are numbered 1…N without gaps, one step per version", () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(DB_VERSION).toBe(MIGRATIONS.length);
  });

  it("a version 1 database with data (windows with their messages inline) is upgraded in place", async () => {
    const indexedDB = new IDBFactory();
    // Given a database written by version 1 of the schema…
    const v1 = await openDatabase(indexedDB, "chatcube:1:10", { version: 1, blockedTimeoutMs: 50 });
    const tx = v1.transaction(["dialogs", "windows", "outbox", "cursors"] as never, "readwrite");
    const store = (name: string) =>
      tx.objectStore(name as never) as unknown as { put(value: unknown): Promise<unknown> };
    await store("dialogs").put(aDialog(D, { name: "Old" }));
    await store("windows").put({
      dialogId: D,
      items: [aMessage("65f0000000000000000000a1", D, 1000), aMessage("65f0000000000000000000a2", D, 2000)],
      hasOlder: false,
      viewedAt: 7,
    });
    await store("cursors").put({ key: "dialogs", value: 42_000 });
    await tx.done;
    v1.close();

    // …the current code opens it: the messages move to their own store, the window keeps its facts.
    const persistence = createIndexedDbPersistence({ indexedDB, IDBKeyRange });
    const session = await persistence.open({ appId: 1, userId: 10 });
    expect(persistence.status.get().status).toBe("ok");
    const snapshot = await session.load();
    expect(snapshot.dialogs.map((d) => d.name)).toEqual(["Old"]);
    expect(snapshot.windows).toEqual([{ dialogId: D, hasOlder: false, viewedAt: 7, count: 2 }]);
    expect(snapshot.cursors).toEqual({ dialogs: 42_000 });
    expect(snapshot.users).toEqual([]);
    const window = await session.loadWindow(D);
    expect(window?.items.map((m) => m.dateSent)).toEqual([1000, 2000]);
    await session.close();
    expect((await indexedDB.databases())[0].version).toBe(DB_VERSION);
  });

  it("a failing step aborts the whole upgrade: the database stays at its old version", async () => {
    const indexedDB = new IDBFactory();
    const v1 = await openDatabase(indexedDB, "chatcube:1:10", { version: 1, blockedTimeoutMs: 50 });
    v1.close();
    const broken = [
      ...MIGRATIONS.slice(0, 1),
      { version: 2, description: "fails", migrate: () => Promise.reject(new Error("bad step")) },
    ];
    await expect(
      openDatabase(indexedDB, "chatcube:1:10", { version: 2, blockedTimeoutMs: 50, migrations: broken }),
    ).rejects.toThrow("bad step");
    expect((await indexedDB.databases())[0].version).toBe(1);
  });
});
