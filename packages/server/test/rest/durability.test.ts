import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, jest, test } from "@jest/globals";
import { loadDb } from "../../src/model/persistence.js";
import { DialogType } from "../../src/model/types.js";
import { type RunningServer, startServer } from "../../src/startServer.js";
import { api, signedIn, tokenOf } from "./helpers.js";

let dir: string;
let server: RunningServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chatcube-rest-"));
  server = await startServer({ port: 0, data: join(dir, "db.json") });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What is on disk: the snapshot and the journal of changes since. */
const onDisk = () => readFileSync(join(dir, "db.json"), "utf8") + readFileSync(join(dir, "db.json.journal"), "utf8");

describe("durability", () => {
  test("a change is on disk before its 2xx answer arrives", async () => {
    const alice = await signedIn(server, "alice");
    const bob = await signedIn(server, "bob");
    expect(onDisk()).toContain(`"login":"${bob.login}"`);
    const dialog = await alice.cc.chat.dialog.create({ type: DialogType.PRIVATE, occupants_ids: [bob.user.id] });
    expect(onDisk()).toContain(dialog._id);
    const message = await alice.cc.chat.message.create({ chat_dialog_id: dialog._id, message: "persist me" });
    expect(onDisk()).toContain("persist me");
    // Reading history marks messages read: that change is durable before the answer too.
    await bob.cc.chat.message.list({ chat_dialog_id: dialog._id });
    expect(loadDb(join(dir, "db.json")).messages.get(message._id)?.read_ids).toContain(bob.user.id);
  });

  test("answers wait for durable() only when the request changed something", async () => {
    const carol = await signedIn(server, "carol");
    const persistence = server.context.persistence;
    const original = persistence.durable;
    let calls = 0;
    persistence.durable = async () => {
      calls++;
      await original.call(persistence);
    };
    try {
      await carol.cc.chat.dialog.list();
      expect(calls).toBe(0);
      await carol.cc.chat.dialog.create({ type: DialogType.GROUP, name: "Counted" });
      expect(calls).toBe(1);
    } finally {
      persistence.durable = original;
    }
  });

  test("an unexpected exception is a logged 500 in the errors shape; the server keeps serving", async () => {
    const dave = await signedIn(server, "dave");
    const hub = server.context.chat;
    const original = hub.isOnline;
    const log = jest.spyOn(console, "error").mockImplementation(() => {});
    hub.isOnline = () => {
      throw new Error("boom");
    };
    try {
      const failed = await api(server, "GET", "/users/online.json", { token: tokenOf(dave.cc) });
      expect(failed).toMatchObject({ status: 500, body: { errors: { base: ["Internal server error"] } } });
      expect(log).toHaveBeenCalled();
    } finally {
      hub.isOnline = original;
      log.mockRestore();
    }
    expect((await api(server, "GET", "/users/online.json", { token: tokenOf(dave.cc) })).status).toBe(200);
  });
});
