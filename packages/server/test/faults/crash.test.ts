import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "@jest/globals";
import { RawXmpp } from "../helpers/rawXmpp.js";
import { type ServerProcess, startServerProcess } from "../helpers/serverProcess.js";

const dirs: string[] = [];
const processes: ServerProcess[] = [];
afterAll(async () => {
  for (const p of processes) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function session(apiUrl: string, login: string): Promise<{ token: string; userId: number }> {
  const response = await fetch(`${apiUrl}/session.json`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ application_id: 1, auth_key: "dev-auth-key", user: { login, password: "password" } }),
  });
  const body = (await response.json()) as { session: { token: string; user_id: number } };
  return { token: body.session.token, userId: body.session.user_id };
}

describe("--data: durable state", () => {
  it("loses nothing it acknowledged when killed with SIGKILL, and reloads it on start", async () => {
    const dir = await mkdtemp(join(tmpdir(), "chatcube-data-"));
    dirs.push(dir);
    const file = join(dir, "state.json");
    const first = await startServerProcess(["--data", file, "--seed", "demo"]);
    processes.push(first);
    const alice = await session(first.apiUrl, "alice");
    const bob = await session(first.apiUrl, "bob");
    const a = await RawXmpp.login(first.chatUrl, `${alice.userId}-1`, "password", { sm: true });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const id = `65000000abcdefabcdef${i.toString(16).padStart(4, "0")}`;
      ids.push(id);
      a.send(
        `<message to="${bob.userId}-1@localhost" type="chat" id="${id}"><body>m${i}</body><extraParams xmlns="jabber:client"><save_to_history>1</save_to_history></extraParams></message>`,
      );
    }
    a.send(`<r xmlns="urn:xmpp:sm:3"/>`);
    expect((await a.next("a", 10_000)).attrs.h).toBe("20");
    // acknowledged: now kill without any chance to flush
    first.child.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");
    JSON.parse(await readFile(file, "utf8")); // the file is whole, never torn

    const second = await startServerProcess(["--data", file, "--seed", "demo"]);
    processes.push(second);
    const b = await RawXmpp.login(second.chatUrl, `${bob.userId}-1`, "password");
    b.send(`<presence/>`);
    const got: string[] = [];
    for (let i = 0; i < ids.length; i++) got.push((await b.next("message", 5000)).attrs.id);
    expect(got).toEqual(ids);
    // and the history survived too
    const { token } = await session(second.apiUrl, "alice");
    const dialogs = (await (
      await fetch(`${second.apiUrl}/chat/Dialog.json`, { headers: { "CB-Token": token } })
    ).json()) as { items: Array<{ _id: string; occupants_ids: number[] }> };
    const direct = dialogs.items.find((d) => d.occupants_ids.includes(bob.userId) && d.occupants_ids.length === 2)!;
    const history = (await (
      await fetch(`${second.apiUrl}/chat/Message.json?chat_dialog_id=${direct._id}&limit=100&mark_as_read=0`, {
        headers: { "CB-Token": token },
      })
    ).json()) as { items: Array<{ _id: string }> };
    const stored = history.items.map((m) => m._id);
    for (const id of ids) expect(stored).toContain(id);
    await b.close();
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 60_000);
});
