import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "@jest/globals";
import { loadDb } from "../../src/model/persistence.js";
import { DialogType } from "../../src/model/types.js";
import { type RunningServer, type ServerOptions, startServer as start } from "../../src/startServer.js";
import { type ServerProcess, startServerProcess } from "../helpers/serverProcess.js";

const dirs: string[] = [];
const processes: ServerProcess[] = [];
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.close();
  for (const p of processes) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Starts an in-process server that is closed after the tests even when one fails. */
async function startServer(options: ServerOptions): Promise<RunningServer> {
  const server = await start(options);
  servers.push(server);
  return server;
}

function dataFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "chatcube-journal-"));
  dirs.push(dir);
  return join(dir, "state.json");
}

async function call(
  apiUrl: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (token) headers["CB-Token"] = token;
  const response = await fetch(apiUrl + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

async function signIn(apiUrl: string, login: string): Promise<{ token: string; id: number }> {
  const { json } = await call(apiUrl, "POST", "/session.json", {
    application_id: 1,
    auth_key: "dev-auth-key",
    user: { login, password: "password" },
  });
  return { token: json.session.token, id: json.session.user_id };
}

describe("--data: the journal", () => {
  it("appends only what changed and leaves the snapshot alone; a restart replays it", async () => {
    const file = dataFile();
    const server = await startServer({ port: 0, data: file });
    const alice = await signIn(server.apiUrl, "alice");
    const bob = await signIn(server.apiUrl, "bob");
    const dialog = (
      await call(
        server.apiUrl,
        "POST",
        "/chat/Dialog.json",
        { type: DialogType.GROUP, name: "Team", occupants_ids: [bob.id] },
        alice.token,
      )
    ).json;
    const snapshot = readFileSync(file, "utf8");
    const journalBefore = statSync(`${file}.journal`).size;
    for (let i = 0; i < 40; i++) {
      expect(
        (
          await call(
            server.apiUrl,
            "POST",
            "/chat/Message.json",
            { chat_dialog_id: dialog._id, message: `m${i}` },
            alice.token,
          )
        ).status,
      ).toBe(201);
    }
    expect(readFileSync(file, "utf8")).toBe(snapshot);
    const perMessage = (statSync(`${file}.journal`).size - journalBefore) / 40;
    expect(perMessage).toBeLessThan(2500); // the message and its dialog, not the database
    const report = await call(server.apiUrl, "POST", "/data/Report.json", { reason: "spam" }, bob.token);
    await call(server.apiUrl, "DELETE", `/data/Report/${report.json._id}.json`, undefined, bob.token);
    await call(server.apiUrl, "POST", "/data/Report.json", { reason: "kept" }, bob.token);
    await server.close();

    const db = loadDb(file);
    expect(db.messagesByDialog.get(dialog._id)!.map((m) => m.message)).toEqual(
      Array.from({ length: 40 }, (_, i) => `m${i}`),
    );
    expect(db.dialogs.get(dialog._id)!.last_message).toBe("m39");
    expect([...db.customObjects.get("Report")!.values()].map((r) => r.fields.reason)).toEqual(["kept"]);
    expect(db.users.get(bob.id)!.login).toBe("bob");
  });

  it("folds the journal into a new snapshot past its size, atomically, and loses nothing", async () => {
    const file = dataFile();
    const server = await startServer({ port: 0, data: file, compactBytes: 8_000 });
    const alice = await signIn(server.apiUrl, "alice");
    const bob = await signIn(server.apiUrl, "bob");
    const dialog = (
      await call(
        server.apiUrl,
        "POST",
        "/chat/Dialog.json",
        { type: DialogType.PRIVATE, occupants_ids: [bob.id] },
        alice.token,
      )
    ).json;
    const firstGeneration = JSON.parse(readFileSync(file, "utf8")).generation as number;
    for (let i = 0; i < 60; i++)
      await call(
        server.apiUrl,
        "POST",
        "/chat/Message.json",
        { chat_dialog_id: dialog._id, message: `x${i}` },
        alice.token,
      );
    const snapshot = JSON.parse(readFileSync(file, "utf8")) as { generation: number; messages: unknown[] };
    expect(snapshot.generation).toBeGreaterThan(firstGeneration);
    expect(snapshot.messages.length).toBeGreaterThan(0);
    expect(statSync(`${file}.journal`).size).toBeLessThan(Math.max(8_000, statSync(file).size) + 3_000);
    await call(server.apiUrl, "DELETE", `/chat/Dialog/${dialog._id}.json?force=1`, undefined, alice.token);
    const group = (
      await call(
        server.apiUrl,
        "POST",
        "/chat/Dialog.json",
        { type: DialogType.GROUP, name: "After", occupants_ids: [bob.id] },
        alice.token,
      )
    ).json;
    await server.close();

    const db = loadDb(file);
    expect(db.dialogs.has(dialog._id)).toBe(false);
    expect([...db.messages.values()].filter((m) => m.chat_dialog_id === dialog._id)).toEqual([]);
    expect(db.dialogs.get(group._id)!.name).toBe("After");
  });

  it("drops a torn last line, ignores a journal of an older snapshot and refuses a damaged one", async () => {
    const file = dataFile();
    let server = await startServer({ port: 0, data: file });
    const alice = await signIn(server.apiUrl, "alice");
    await server.close();
    appendFileSync(`${file}.journal`, `[{"k":"user","id":"99","v":{"id":99,"lo`);
    server = await startServer({ port: 0, data: file });
    const bob = await signIn(server.apiUrl, "bob"); // appended after the cut tail
    await server.close();
    let db = loadDb(file);
    expect([...db.users.values()].map((u) => u.login).sort()).toEqual(["alice", "bob"]);
    expect(db.users.has(99)).toBe(false);
    expect(bob.id).not.toBe(alice.id);

    const journal = readFileSync(`${file}.journal`, "utf8");
    const [header, ...lines] = journal.trimEnd().split("\n");
    writeFileSync(`${file}.journal`, `${[header, "{not json", ...lines].join("\n")}\n`);
    await expect(startServer({ port: 0, data: file })).rejects.toThrow(/damaged at line 2/);

    const stale = JSON.parse(header) as { generation: number };
    writeFileSync(
      `${file}.journal`,
      `${[JSON.stringify({ ...stale, generation: stale.generation - 1 }), ...lines].join("\n")}\n`,
    );
    db = loadDb(file);
    expect(db.users.size).toBe(0); // only the snapshot (taken when the file was new) counts
  });

  it("keeps every acknowledged change through SIGKILLs at random moments, compactions included", async () => {
    const file = dataFile();
    const acknowledged: string[] = [];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 3; round++) {
      const server = await startServerProcess(["--data", file, "--compact-bytes", "6000"]);
      processes.push(server);
      const alice = await signIn(server.apiUrl, "alice");
      const bob = await signIn(server.apiUrl, "bob");
      const dialog = (
        await call(
          server.apiUrl,
          "POST",
          "/chat/Dialog.json",
          { type: DialogType.PRIVATE, occupants_ids: [bob.id] },
          alice.token,
        )
      ).json;
      const killAt = Date.now() + 150 + random() * 400;
      const writers = [0, 1, 2].map(async (writer) => {
        for (let i = 0; i < 2000 && Date.now() < killAt + 2000; i++) {
          try {
            const sent = await call(
              server.apiUrl,
              "POST",
              "/chat/Message.json",
              { chat_dialog_id: dialog._id, message: `r${round}w${writer}n${i}` },
              alice.token,
            );
            if (sent.status === 201) acknowledged.push(sent.json._id);
          } catch {
            return; // the server is gone
          }
        }
      });
      while (Date.now() < killAt) await new Promise((r) => setTimeout(r, 10));
      server.child.kill("SIGKILL");
      expect(await server.exited).toBe("SIGKILL");
      await Promise.all(writers);
      JSON.parse(readFileSync(file, "utf8")); // the snapshot is whole, never torn
      const db = loadDb(file);
      const missing = acknowledged.filter((id) => !db.messages.has(id));
      expect(missing).toEqual([]);
    }
    expect(acknowledged.length).toBeGreaterThan(30);
  }, 60_000);
});
