/**
 * The offline-first benchmarks that need IndexedDB: they run in headless Chromium (real IndexedDB, bundled by
 * offline.ts) or, when no browser is there, in Node over fake-indexeddb. Every function returns plain numbers.
 */
import {
  createChatClient,
  createIndexedDbPersistence,
  type Dialog,
  DialogType,
  type Message,
  systemClock,
  type User,
} from "@chatcube/core";
import {
  applyMessageActivity,
  createDialogsStore,
  createMessagesStore,
  createWriteBehind,
  upsertDialogs,
} from "@chatcube/core/internals";

const APP = 1;
const USER = 7;
const CAPS = { messagesPerDialog: 1000, totalMessages: 1_000_000 };
const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");
const dialogId = (d: number) => `65f0${hex(d, 20)}`;
const messageId = (d: number, i: number) => `66${hex(d, 6)}${hex(i, 16)}`;
const user = {
  id: USER,
  login: "bench",
  email: null,
  fullName: "Bench",
  phone: null,
  website: null,
  avatar: null,
  customData: null,
  tags: [],
  externalId: null,
  timezone: null,
  isGuest: false,
  createdAt: null,
  updatedAt: null,
  lastRequestAt: null,
} as User;

function aDialog(d: number): Dialog {
  return {
    id: dialogId(d),
    type: DialogType.GROUP,
    name: `Dialog ${d}`,
    photo: null,
    description: null,
    ownerId: USER,
    occupantIds: [USER, 8, 9],
    occupantsCount: 3,
    adminIds: [],
    pinnedMessageIds: [],
    lastMessage: { id: messageId(d, 99), text: "last", senderId: 8, dateSent: 1_700_000_000_000 + d * 1000 },
    lastMessageStatus: null,
    unreadCount: d % 3,
    roomJid: `${APP}_${dialogId(d)}@muc.localhost`,
    createdAt: 1_600_000_000_000,
    updatedAt: 1_700_000_000_000 + d * 1000,
    extensions: {},
    permissions: { allowPreview: false },
  };
}

function aMessage(d: number, i: number, at: number): Message {
  return {
    id: messageId(d, i),
    dialogId: dialogId(d),
    senderId: 8 + (i % 2),
    recipientId: null,
    body: `message ${i} of dialog ${d}, with some ordinary text in it`,
    dateSent: at,
    attachments: [],
    reactions: { own: [], total: {} },
    customParams: {},
    readIds: [8],
    deliveredIds: [8, USER],
    editedAt: null,
    status: "sent",
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (ms: number) => Math.round(ms * 10) / 10;

/** Stores `dialogs` dialogs with `perDialog` messages each in the bench user's database (as a long-used app would have). */
export async function seedCache(dialogs = 1000, perDialog = 100): Promise<{ seconds: number; messages: number }> {
  const started = performance.now();
  const db = await createIndexedDbPersistence({ caps: CAPS }).open({ appId: APP, userId: USER });
  await db.putDialogs(Array.from({ length: dialogs }, (_, d) => aDialog(d)));
  for (let d = 0; d < dialogs; d += 50) {
    const batch: Array<Promise<void>> = [];
    for (let k = d; k < Math.min(dialogs, d + 50); k++) {
      const items = Array.from({ length: perDialog }, (_, i) =>
        aMessage(k, i, 1_700_000_000_000 + k * 1000 - (perDialog - i) * 1000),
      );
      batch.push(db.putWindow({ dialogId: dialogId(k), items, hasOlder: true, viewedAt: k }));
    }
    await Promise.all(batch);
  }
  await db.close();
  return { seconds: (performance.now() - started) / 1000, messages: dialogs * perDialog };
}

/**
 * A reload: `createChatClient` + `auth.resume()` (sign-in from the cache, no network) until the dialog list is
 * published; then `forDialog(id)` of a dialog not restored yet until its newest 50 messages are there.
 */
export async function benchHydrate(
  runs = 5,
  dialogs = 1000,
): Promise<{ listMs: number[]; windowMs: number[]; windowAfterEagerMs: number[] }> {
  const listMs: number[] = [];
  const windowMs: number[] = [];
  const windowAfterEagerMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const client = createChatClient({
      appId: APP,
      authKey: "bench",
      apiUrl: "http://127.0.0.1:9",
      chatUrl: "ws://127.0.0.1:9/ws",
      chatDomain: "localhost",
      network: null,
      reconnect: { initialMs: 60_000, maxMs: 60_000 },
      pingIntervalMs: 0,
      persistence: createIndexedDbPersistence({ caps: CAPS }),
    });
    const listed = new Promise<number>((resolve) =>
      client.dialogs.list.subscribe((list) => list.length === dialogs && resolve(performance.now())),
    );
    const resumed = client.auth.resume({ user, token: "cached-token" });
    listMs.push((await listed) - started);
    const open = async (d: number) => {
      const t0 = performance.now();
      const thread = client.messages.forDialog(dialogId(d));
      await new Promise<void>((resolve) => thread.subscribe((w) => w.items.length >= 50 && resolve()));
      return performance.now() - t0;
    };
    windowMs.push(await open(run)); // among the least recently viewed: not restored eagerly
    await resumed;
    windowAfterEagerMs.push(await open(100 + run));
    await client.dispose();
  }
  return {
    listMs: listMs.map(round),
    windowMs: windowMs.map(round),
    windowAfterEagerMs: windowAfterEagerMs.map(round),
  };
}

/** 10,000 incoming messages over 100 dialogs, 100 per tick, through the stores and the write-behind, until durable. */
export async function benchWriteBehind(
  total = 10_000,
  dialogCount = 100,
): Promise<{ ms: number; persisted: number; transactions: number }> {
  const name = `chatcube-bench-writebehind-${Date.now()}`;
  const persistence = createIndexedDbPersistence({ caps: CAPS, dbName: () => name });
  const db = await persistence.open({ appId: APP, userId: USER });
  // Count the readwrite transactions the batches commit (one per tick, not one per message).
  let transactions = 0;
  const proto = IDBDatabase.prototype;
  const original = proto.transaction;
  proto.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase["transaction"]>) {
    if (args[1] === "readwrite") transactions++;
    return original.apply(this, args);
  } as IDBDatabase["transaction"];
  const dialogs = createDialogsStore();
  dialogs.apply((s) =>
    upsertDialogs(
      s,
      Array.from({ length: dialogCount }, (_, d) => aDialog(d)),
    ),
  );
  const messages = createMessagesStore();
  const writeBehind = createWriteBehind({
    dialogs,
    messages,
    session: () => db,
    clock: systemClock,
    reportError: (e) => {
      throw e;
    },
  });
  writeBehind.adopt();
  // A macrotask between chunks (as socket frames arrive), without the 4 ms clamp of nested setTimeout in browsers.
  const channel = typeof MessageChannel === "function" ? new MessageChannel() : null;
  const yieldTick = () =>
    new Promise<void>((resolve) => {
      if (!channel) return void setTimeout(resolve, 0);
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
  const started = performance.now();
  for (let i = 0; i < total; i += 100) {
    for (let k = i; k < i + 100; k++) {
      const d = k % dialogCount;
      const message = aMessage(d, 1000 + k, 1_800_000_000_000 + k * 10);
      messages.receive([message], { cap: 500 });
      dialogs.apply(
        (s) =>
          applyMessageActivity(s, {
            dialogId: message.dialogId,
            own: false,
            lastMessage: { id: message.id, text: message.body, senderId: message.senderId, dateSent: message.dateSent },
          }).state,
      );
    }
    await yieldTick();
  }
  await writeBehind.flush();
  const ms = performance.now() - started;
  channel?.port1.close();
  proto.transaction = original;
  writeBehind.dispose();
  await db.close();
  const reopened = await persistence.open({ appId: APP, userId: USER });
  const persisted = (await reopened.load()).windows.reduce((n, w) => n + w.count, 0);
  await reopened.close({ deleteData: true });
  return { ms: round(ms), persisted, transactions };
}

/** Where the hydrate time goes: opening the database, reading it, publishing the list. */
export async function profileHydrate(runs = 3): Promise<Array<Record<string, number>>> {
  const out = [];
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const db = await createIndexedDbPersistence({ caps: CAPS }).open({ appId: APP, userId: USER });
    const t1 = performance.now();
    const snapshot = await db.load();
    const t2 = performance.now();
    const dialogs = createDialogsStore();
    dialogs.apply((s) => upsertDialogs(s, snapshot.dialogs));
    dialogs.list.get();
    const t3 = performance.now();
    await db.close();
    const stores: Record<string, number> = {};
    const raw = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open(`chatcube:${APP}:${USER}`);
      request.onsuccess = () => resolve(request.result);
    });
    for (const name of ["dialogs", "windows", "outbox", "cursors", "users", "privacy"]) {
      const s0 = performance.now();
      await new Promise((resolve) => (raw.transaction(name).objectStore(name).getAll().onsuccess = resolve));
      stores[name] = round(performance.now() - s0);
    }
    raw.close();
    out.push({ openMs: round(t1 - t0), loadMs: round(t2 - t1), publishMs: round(t3 - t2), ...stores });
  }
  return out;
}

/** Everything above, in order, with a summary of each. */
export async function runAll(): Promise<Record<string, unknown>> {
  const seeded = await seedCache();
  const profile = await profileHydrate();
  const hydrate = await benchHydrate();
  const writeBehind = await benchWriteBehind();
  return {
    seeded,
    profile,
    hydrate: {
      ...hydrate,
      listMedianMs: median(hydrate.listMs),
      windowMedianMs: median(hydrate.windowMs),
      windowAfterEagerMedianMs: median(hydrate.windowAfterEagerMs),
    },
    writeBehind,
  };
}
