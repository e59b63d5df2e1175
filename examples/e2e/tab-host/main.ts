// One tab of the tabs soak (examples/e2e/tests/tabsSoak.test.ts): @chatcube/core from source, with the browser's
// IndexedDB, Web Locks and BroadcastChannel, driven from the test through `globalThis.chatcubeTab`. The server's
// URLs are baked in at build time (`__SERVER__`).
import { type ChatClient, createChatClient, createIndexedDbPersistence } from "@chatcube/core";

declare const __SERVER__: { apiUrl: string; chatUrl: string; domain: string; appId: number; authKey: string };
const server = __SERVER__;

const client: ChatClient = createChatClient({
  appId: server.appId,
  authKey: server.authKey,
  apiUrl: server.apiUrl,
  chatUrl: server.chatUrl,
  chatDomain: server.domain,
  persistence: createIndexedDbPersistence(),
});

/** Every error the client reported, as `code: message`. */
const errors: string[] = [];
client.errors.subscribe((error) => errors.push(`${error.code}: ${error.message}`));

/** Waits (bounded) until the client's current value of `read` holds. */
async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

const chatcubeTab = {
  /** Signs in with the password, or resumes the remembered session (another tab's) when `login` is null. */
  async start(login: string | null): Promise<number | null> {
    const user = login ? await client.auth.login({ login, password: "password" }) : await client.auth.resume();
    return user?.id ?? null;
  },
  login: async (login: string) => (await client.auth.login({ login, password: "password" })).id,
  logout: () => client.auth.logout(),
  /** Sends a text; resolves with the message's id once the send is durable (in the shared outbox). */
  send: async (dialogId: string, body: string) => (await client.messages.send(dialogId, { body })).id,
  /** Who is signed in, this tab's role, its connection and the dialogs with their unread counts. */
  state: () => ({
    userId: client.session.get()?.user.id ?? null,
    auth: client.auth.state.get().status,
    token: client.session.get()?.token ?? null,
    tabs: client.tabs.get(),
    connection: client.connection.get().status,
    dialogs: client.dialogs.list.get().map((d) => ({ id: d.id, name: d.name, unread: d.unreadCount })),
    outbox: client.outbox.get().length,
    /** The shared outbox as this tab holds it: `kind messageId state`. */
    entries: client.outbox.get().map((e) => `${e.kind} ${e.messageId} ${e.state}`),
    errors,
  }),
  /** A dialog's messages in the order this tab shows them, after loading all its older history (bounded). */
  async messages(dialogId: string) {
    const window = client.messages.forDialog(dialogId);
    for (let page = 0; page < 50 && window.get().hasOlder; page++) await window.loadOlder();
    return window.get().items.map((m) => ({
      ...{ id: m.id, body: m.body, senderId: m.senderId, status: m.status },
      ...{ dateSent: m.dateSent, position: m.position ?? null },
    }));
  },
  /** Loads one older page of a dialog (REST), and says whether it failed. */
  async loadOlder(dialogId: string) {
    const window = client.messages.forDialog(dialogId);
    await window.loadOlder();
    return window.get().error?.code ?? null;
  },
  markRead: (dialogId: string) => client.messages.markRead(dialogId),
  /** Waits until the chat is online (shown: the leader's connection in a follower). */
  online: (timeoutMs: number) => until(() => client.connection.get().status === "online", timeoutMs),
  databases: async () => (await indexedDB.databases()).map((d) => d.name ?? ""),
};

(globalThis as Record<string, unknown>).chatcubeTab = chatcubeTab;
export type ChatcubeTab = typeof chatcubeTab;
