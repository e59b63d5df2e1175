/**
 * Delta sync after a reconnect (issue 4): a user with 1,000 cached dialogs (20 of them with a loaded window), of which
 * 10 changed while the app was closed (5 renamed, 5 with a new message). REST requests and bytes received by a client
 * restarting from its cache, against a client with no cache fetching the same (every dialog and the 20 windows).
 * Runs in Node against the real @chatcube/server on loopback, with fake-indexeddb as the cache (the requests and
 * bytes do not depend on the browser). Run: pnpm --filter @chatcube/scripts bench:delta
 */
import "fake-indexeddb/auto";
import {
  type ChatClient,
  type ChatClientOptions,
  createChatClient,
  createIndexedDbPersistence,
  createMemoryPersistence,
} from "@chatcube/core";
import { type RunningServer, startServer } from "@chatcube/server";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { WebSocket } from "ws";

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const DIALOGS = 1000;
const WINDOWS = 20;

async function rest(
  server: RunningServer,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.apiUrl}/${path}`, {
    method,
    headers: {
      "Content-Type": "application/json",
      ...(token ? { "CB-Token": token } : { "CB-AuthKey": server.authKey }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

async function userWithToken(
  server: RunningServer,
  login: string,
): Promise<{ id: number; login: string; password: string; token: string }> {
  const password = "bench-password";
  const created = (await rest(server, "POST", "users.json", null, { user: { login, password } })).user as {
    id: number;
  };
  const session = (
    await rest(server, "POST", "session.json", null, {
      application_id: server.appId,
      auth_key: server.authKey,
      user: { login, password },
    })
  ).session as { token: string };
  return { id: created.id, login, password, token: session.token };
}

/** A fetch that counts requests and the bytes of their bodies. */
function meter() {
  const totals = { requests: 0, bytes: 0, byPath: {} as Record<string, number> };
  const fetchImpl: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const body = await response.clone().arrayBuffer();
    const path = new URL(input instanceof Request ? input.url : String(input)).pathname.replace(/[0-9a-f]{24}/g, ":id");
    totals.requests++;
    totals.bytes += body.byteLength;
    totals.byPath[path] = (totals.byPath[path] ?? 0) + 1;
    return response;
  };
  return { totals, fetch: fetchImpl };
}

function until<T>(
  readable: { get(): T; subscribe(listener: (value: T) => void): () => void },
  predicate: (value: T) => boolean,
): Promise<void> {
  return new Promise((resolve) => {
    const stop = readable.subscribe((value) => {
      if (!predicate(value)) return;
      queueMicrotask(() => stop());
      resolve();
    });
  });
}

/** Runs the scenario and prints requests and bytes of the delta against a full refetch. */
export async function benchDeltaSync(): Promise<Record<string, unknown>> {
  let skew = -(DIALOGS + 10) * 120_000; // dialogs were made over the last days, two minutes apart
  const server = await startServer({ port: 0, clock: () => Date.now() + skew, sessionTtlMs: 10 * 365 * 86_400_000 });
  const base = (overrides: Partial<ChatClientOptions>): ChatClient =>
    createChatClient({
      appId: server.appId,
      authKey: server.authKey,
      apiUrl: server.apiUrl,
      chatUrl: server.chatUrl,
      chatDomain: server.domain,
      network: null,
      pingIntervalMs: 0,
      ...overrides,
    });
  try {
    const alice = await userWithToken(server, `alice_${Date.now()}`);
    const bob = await userWithToken(server, `bob_${Date.now()}`);
    const ids: string[] = [];
    for (let i = 0; i < DIALOGS; i++) {
      skew += 120_000;
      ids.push(
        (
          (await rest(server, "POST", "chat/Dialog.json", alice.token, {
            type: 2,
            name: `Group ${i}`,
            occupants_ids: String(bob.id),
          })) as { _id: string }
        )._id,
      );
      if (i >= DIALOGS - WINDOWS)
        await rest(server, "POST", "chat/Message.json", bob.token, {
          chat_dialog_id: ids[i],
          message: `first words in ${i}`,
        });
    }
    const opened = ids.slice(DIALOGS - WINDOWS);

    // The app, used before: every dialog synced, 20 dialogs opened, all of it cached.
    const indexedDB = new IDBFactory();
    const persistence = () => createIndexedDbPersistence({ indexedDB, IDBKeyRange });
    const before = base({ persistence: persistence() });
    await before.auth.login({ login: alice.login, password: alice.password });
    await until(before.sync, (s) => s.state === "synced");
    for (const id of opened) before.messages.forDialog(id).subscribe(() => {});
    await Promise.all(
      opened.map((id) => until(before.messages.forDialog(id), (w) => w.items.length > 0 && !w.loadingOlder)),
    );
    await before.dispose();

    // While it was closed: 5 dialogs renamed, 5 opened ones got a message.
    skew = 0;
    for (const id of ids.slice(100, 105))
      await rest(server, "PUT", `chat/Dialog/${id}.json`, alice.token, { name: "Renamed" });
    for (const id of opened.slice(0, 5))
      await rest(server, "POST", "chat/Message.json", bob.token, {
        chat_dialog_id: id,
        message: "while you were away",
      });

    const delta = meter();
    const reopened = base({ persistence: persistence(), fetch: delta.fetch });
    const t0 = performance.now();
    await reopened.auth.resume();
    for (const id of opened) reopened.messages.forDialog(id).subscribe(() => {});
    await until(reopened.sync, (s) => s.state === "synced");
    const deltaMs = performance.now() - t0;
    const renamed = reopened.dialogs.list.get().filter((d) => d.name === "Renamed").length;
    const caughtUp = opened.slice(0, 5).filter((id) =>
      reopened.messages
        .forDialog(id)
        .get()
        .items.some((m) => m.body === "while you were away"),
    ).length;
    await reopened.dispose();

    const full = meter();
    const fresh = base({ persistence: createMemoryPersistence(), fetch: full.fetch });
    const t1 = performance.now();
    await fresh.auth.login({ login: alice.login, password: alice.password });
    await until(fresh.sync, (s) => s.state === "synced");
    for (const id of opened) fresh.messages.forDialog(id).subscribe(() => {});
    await Promise.all(
      opened.map((id) => until(fresh.messages.forDialog(id), (w) => w.items.length > 0 && !w.loadingOlder)),
    );
    const fullMs = performance.now() - t1;
    await fresh.dispose();

    const results = {
      delta: { ...delta.totals, ms: Math.round(deltaMs), renamed, caughtUp },
      full: { ...full.totals, ms: Math.round(fullMs) },
    };
    console.log(
      `delta sync — Node, real server on loopback, fake-indexeddb cache: ${DIALOGS} cached dialogs (${WINDOWS} opened), 10 changed`,
    );
    console.log(
      `  from the cache: ${delta.totals.requests} REST requests, ${(delta.totals.bytes / 1024).toFixed(1)} KiB (${JSON.stringify(delta.totals.byPath)}); saw ${renamed}/5 renames, ${caughtUp}/5 new messages`,
    );
    console.log(
      `  full refetch:   ${full.totals.requests} REST requests, ${(full.totals.bytes / 1024).toFixed(1)} KiB (${JSON.stringify(full.totals.byPath)})`,
    );
    return results;
  } finally {
    await server.close();
  }
}

if (process.argv[1]?.endsWith("deltaSync.ts")) await benchDeltaSync();
