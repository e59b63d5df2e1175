/** The compare bench's chatcube page: @chatcube/core + @chatcube/react, IndexedDB persistence, as an app uses them. */
import { type ChatClient, createChatClient, createIndexedDbPersistence } from "@chatcube/core";
import { ChatProvider, useMessages } from "@chatcube/react";
import { createElement } from "react";
import { createRoot } from "react-dom/client";
import { type ComparePage, type PageConfig, readConfig, settle } from "./pageConfig.js";

const config: PageConfig = readConfig();
const result: ComparePage["result"] = { done: false };
let renders = 0;

function until<T>(source: { subscribe(listener: (value: T) => void): () => void }, ready: (value: T) => boolean) {
  return new Promise<void>((resolve) => {
    let done = false;
    const stop = source.subscribe((value) => {
      if (done || !ready(value)) return;
      done = true;
      queueMicrotask(() => stop());
      resolve();
    });
  });
}

/** What the screen shows: dialog A's messages; it must not render again while dialog B gets messages. */
function DialogA({ dialogId }: { dialogId: string }) {
  const view = useMessages(dialogId);
  renders++;
  return createElement("p", null, `${view.items.length} messages in A`);
}

/** No client at all in `raw` mode: nothing but the database read is measured. */
const client: ChatClient =
  config.mode === "raw"
    ? (null as unknown as ChatClient)
    : createChatClient({
        appId: config.appId,
        authKey: config.authKey,
        apiUrl: config.apiUrl,
        chatUrl: config.chatUrl,
        chatDomain: config.domain,
        persistence: createIndexedDbPersistence(),
        unreadRefreshMs: 0,
      });

let armedAt = 0;
let lastId = "";
const page: ComparePage = {
  result,
  arm(id) {
    lastId = id;
    armedAt = performance.now();
    renders = 0;
  },
  async ingested() {
    const b = client.messages.forDialog(config.dialogB);
    await until(b, (w) => w.items.some((m) => m.id === lastId));
    return { ms: performance.now() - armedAt, renders, storedInB: b.get().items.length };
  },
  async reconnected() {
    const t0 = performance.now();
    await until(client.connection, (s) => s.status !== "online");
    await until(client.connection, (s) => s.status === "online");
    await until(client.sync, (s) => s.state === "synced");
    return { ms: performance.now() - t0 };
  },
};
(globalThis as { compare?: ComparePage }).compare = page;

/** Raw IndexedDB: open the user's database and read every dialog record (what `list` cannot beat). */
async function raw(): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(`chatcube:${config.appId}:${config.userId}`);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const all = await new Promise<unknown[]>((resolve, reject) => {
    const request = db.transaction("dialogs").objectStore("dialogs").getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  if (all.length < config.dialogs) throw new Error(`only ${all.length} dialogs cached`);
  result.listMs = performance.now();
  db.close();
}

async function run(): Promise<void> {
  if (config.mode === "raw") return raw();
  const full = (list: readonly unknown[]) => list.length >= config.dialogs;
  if (config.mode === "login") {
    await client.auth.login({ login: config.login, password: config.password });
    await until(client.sync, (s) => s.state === "synced");
    await until(client.dialogs.list, full);
    result.listMs = performance.now();
    return;
  }
  const resumed = client.auth.resume();
  await until(client.dialogs.list, full);
  result.listMs = performance.now();
  await resumed;
  if (config.mode !== "live") return;
  await until(client.connection, (s) => s.status === "online");
  await until(client.sync, (s) => s.state === "synced");
  client.messages.forDialog(config.dialogB).subscribe(() => {});
  const root = document.body.appendChild(document.createElement("div"));
  createRoot(root).render(
    createElement(ChatProvider, { client }, createElement(DialogA, { dialogId: config.dialogA })),
  );
  await settle(() => renders > 0);
}

run().then(
  () => {
    result.done = true;
  },
  (error: unknown) => {
    result.error = String(error);
    result.done = true;
  },
);
