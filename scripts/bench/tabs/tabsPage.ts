/** The browser side of the tabs bench: one tab of a user, with IndexedDB and the browser's Web Locks and channels. */
import { type ChatClient, createChatClient, createIndexedDbPersistence } from "@chatcube/core";

const scriptStart = performance.now();

/** Where the server is and who signs in. */
export interface TabsPageConfig {
  appId: number;
  authKey: string;
  apiUrl: string;
  chatUrl: string;
  domain: string;
  /** Signs in with the password (the first tab); the others resume the remembered session. */
  login: string | null;
  dialogId: string;
}

interface TabBench {
  client: ChatClient;
  /** Message id → when it first showed in this tab's window (ms since the epoch, sub-millisecond). */
  seen: Map<string, number>;
  /** From this script's start to the dialog list shown (the cache published). */
  listMs: number;
  /** How many times a message left this tab's window and came back (a flicker: shown, gone, shown again). */
  flickers: () => number;
}

const now = () => performance.timeOrigin + performance.now();

/** Starts this tab's client and records when each message of the dialog shows in it. */
async function startTab(config: TabsPageConfig): Promise<{ listMs: number; role: string }> {
  const client = createChatClient({
    appId: config.appId,
    authKey: config.authKey,
    apiUrl: config.apiUrl,
    chatUrl: config.chatUrl,
    chatDomain: config.domain,
    persistence: createIndexedDbPersistence(),
    unreadRefreshMs: 0,
  });
  const listShown = new Promise<number>((resolve) => {
    const stop = client.dialogs.list.subscribe((list) => {
      if (list.length === 0) return;
      queueMicrotask(() => stop());
      resolve(performance.now() - scriptStart);
    });
  });
  if (config.login) await client.auth.login({ login: config.login, password: "password" });
  else await client.auth.resume();
  const listMs = await listShown;
  const seen = new Map<string, number>();
  let shown = new Set<string>();
  const gone = new Set<string>();
  let flickers = 0;
  client.messages.forDialog(config.dialogId).subscribe((window) => {
    const at = now();
    for (let i = window.items.length - 1; i >= 0 && i >= window.items.length - 50; i--) {
      const id = window.items[i].id;
      if (!seen.has(id)) seen.set(id, at);
    }
    const next = new Set(window.items.map((m) => m.id));
    for (const id of shown) if (!next.has(id)) gone.add(id);
    for (const id of next) if (gone.delete(id)) flickers++;
    shown = next;
  });
  (globalThis as { chatcubeTab?: TabBench }).chatcubeTab = { client, seen, listMs, flickers: () => flickers };
  return { listMs, role: client.tabs.get().role };
}

/** What this tab saw: message id → time. */
function seenTimes(): Record<string, number> {
  return Object.fromEntries((globalThis as { chatcubeTab?: TabBench }).chatcubeTab?.seen ?? []);
}

/** How many times a message left this tab's window and came back. */
function flickers(): number {
  return (globalThis as { chatcubeTab?: TabBench }).chatcubeTab?.flickers() ?? 0;
}

/** This tab's role now. */
function role(): string {
  return (globalThis as { chatcubeTab?: TabBench }).chatcubeTab?.client.tabs.get().role ?? "none";
}

(globalThis as Record<string, unknown>).chatcubeTabsBench = { startTab, seenTimes, flickers, role };
