/**
 * The compare bench's official page: `connectycube` 6.1.2 + `@connectycube/react` 6.1.2 as their guide uses them
 * (init, a session, `useChat()`: connect, fetchDialogs / fetchNextDialogs), against the same local server.
 */
import { ConnectyCube, useChat } from "@connectycube/react";
import { createElement } from "react";
import { createRoot } from "react-dom/client";
import { type ComparePage, type PageConfig, readConfig, waiter } from "./pageConfig.js";

type Chat = ReturnType<typeof useChat>;
const config: PageConfig = readConfig();
const result: ComparePage["result"] = { done: false };
let chat: Chat | null = null;
let renders = 0;
/** Conditions waited on, checked after every commit of the probe (the hooks are the official stack's only API). */
const watchers = new Set<() => void>();

function until(ready: (state: Chat) => boolean): Promise<void> {
  const w = waiter(() => chat !== null && ready(chat));
  watchers.add(w.check);
  w.check();
  return w.promise.finally(() => watchers.delete(w.check));
}

/** Holds the latest `useChat()` for the bench and checks the waiters once React has committed. */
function Probe() {
  chat = useChat();
  queueMicrotask(() => {
    for (const check of [...watchers]) check();
  });
  return null;
}

/** What the screen shows: dialog A's messages, read the way the official hooks give them. */
function DialogA({ dialogId }: { dialogId: string }) {
  const { messages } = useChat();
  renders++;
  return createElement("p", null, `${(messages[dialogId] ?? []).length} messages in A`);
}

ConnectyCube.init({ appId: config.appId, authKey: config.authKey }, {
  endpoints: { api_url: config.apiUrl, chat: config.domain, chat_url: config.chatUrl },
  debug: { mode: 0 },
} as never);

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
    await until((c) => (c.messages[config.dialogB] ?? []).some((m) => m._id === lastId));
    return { ms: performance.now() - armedAt, renders, storedInB: (chat?.messages[config.dialogB] ?? []).length };
  },
  async reconnected() {
    const t0 = performance.now();
    await until((c) => c.chatStatus !== "connected");
    await until((c) => c.chatStatus === "connected");
    return { ms: performance.now() - t0 };
  },
};
(globalThis as { compare?: ComparePage }).compare = page;

async function run(): Promise<void> {
  await ConnectyCube.createSession({ login: config.login, password: config.password });
  const root = document.body.appendChild(document.createElement("div"));
  const children = [createElement(Probe, { key: "probe" })];
  if (config.mode === "live") children.push(createElement(DialogA, { key: "a", dialogId: config.dialogA }));
  createRoot(root).render(children);
  await until(() => true);
  const current = () => chat as Chat;
  await current().fetchDialogs();
  for (let page = 0; page < 1000 && !current().totalDialogsReached; page++) await current().fetchNextDialogs();
  await until((c) => c.dialogs.length >= config.dialogs);
  result.listMs = performance.now();
  if (config.mode !== "live") return;
  await current().connect({ userId: config.userId, password: config.password });
  await until((c) => c.chatStatus === "connected");
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
