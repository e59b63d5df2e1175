import { createFakeXmppSocket } from "@chatcube/test-utils/core/createFakeXmppSocket.js";
import {
  createRandom,
  hostileFrame,
  hostileList,
  hostileResponse,
  messageId,
  type Random,
  WORLD,
} from "@chatcube/test-utils/core/hostileInput.js";
import { wireDialog, wireMessage } from "@chatcube/test-utils/core/wireFixtures.js";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { CHAT_ERROR_CODES, ChatError, isChatError } from "../errors/ChatError.js";
import { isObjectId } from "../model/ids.js";
import { createMemoryPersistence } from "../persistence/memory/createMemoryPersistence.js";
import { MAX_WIRE_TIME_MS } from "../time/wireTime.js";
import type { ChatClient } from "./ChatClient.js";
import { createChatClient } from "./createChatClient.js";

/** The Node process, typed here only as far as used (src compiles without Node's types). */
const nodeProcess = (globalThis as unknown as { process: NodeProcess }).process;
interface NodeProcess {
  env: Record<string, string | undefined>;
  on(event: string, listener: (error: unknown) => void): void;
  off(event: string, listener: (error: unknown) => void): void;
}

/** Replay a failure with FUZZ_SEED=<seed>; the inputs repeat exactly (their timing against reconnects may not). */
const SEED = Number(nodeProcess.env.FUZZ_SEED ?? 20261202);
/** At most this many hostile frames, and at most this long for all of them. */
const FRAMES = 400;
const FUZZ_MS = 4000;

const faults: unknown[] = [];
const onFault = (error: unknown) => faults.push(error);
beforeAll(() => {
  nodeProcess.on("uncaughtException", onFault);
  nodeProcess.on("unhandledRejection", onFault);
});
afterAll(() => {
  nodeProcess.off("uncaughtException", onFault);
  nodeProcess.off("unhandledRejection", onFault);
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const me = {
  id: WORLD.self,
  login: "me",
  full_name: "Me",
  created_at: "2023-11-14T22:13:20.000Z",
  updated_at: "2023-11-14T22:13:20.000Z",
};
const lastMessage = {
  last_message: "hi",
  last_message_id: "65f0a1b2c3d4e5f601020304",
  last_message_user_id: WORLD.peer,
  last_message_date_sent: 1_700_000_100,
};
const goodDialogs = () => [
  wireDialog(WORLD.privateDialog, {
    type: 3,
    user_id: WORLD.self,
    occupants_ids: [WORLD.self, WORLD.peer],
    unread_messages_count: 1,
    ...lastMessage,
  }),
  wireDialog(WORLD.groupDialog, {
    type: 2,
    user_id: WORLD.self,
    occupants_ids: [WORLD.self, WORLD.peer, 7],
    ...lastMessage,
  }),
];
const goodMessages = (dialogId: string) =>
  ["65f0a1b2c3d4e5f601020303", "65f0a1b2c3d4e5f601020304"].map((id, i) =>
    wireMessage(id, dialogId, {
      sender_id: WORLD.peer,
      recipient_id: WORLD.self,
      date_sent: 1_700_000_050 + 50 * i,
      read_ids: [WORLD.peer],
    }),
  );

/** A REST server that answers well while `hostile()` is false, and with hostile bodies now and then otherwise. */
function fuzzFetch(random: Random, hostile: () => boolean): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (request.body) await request.text();
    const path = new URL(request.url).pathname;
    const query = new URL(request.url).searchParams;
    if (path === "/session.json") return json(201, { session: { token: "token-1", user_id: WORLD.self, user: me } });
    const bad = hostile() && random.chance(0.6);
    if (bad && random.chance(0.25)) {
      const answer = hostileResponse(random);
      return new Response(answer.status === 204 ? null : answer.text, {
        status: answer.status,
        headers: { "content-type": answer.type },
      });
    }
    if (path === "/chat/Dialog.json" && request.method === "GET") {
      const good = goodDialogs();
      if (query.get("limit") === "1")
        return json(
          200,
          bad ? hostileList(random, good) : { items: good.slice(0, 1), limit: 1, skip: 0, total_entries: good.length },
        );
      return json(
        200,
        bad ? hostileList(random, good) : { items: good, limit: 100, skip: 0, total_entries: good.length },
      );
    }
    if (path === "/chat/Message.json" && request.method === "GET") {
      const good = goodMessages(query.get("chat_dialog_id") ?? WORLD.privateDialog);
      return json(200, bad ? hostileList(random, good) : { items: good, limit: 100, skip: 0 });
    }
    if (path.startsWith("/users/")) return json(200, { user: me });
    return json(200, bad ? hostileList(random, []) : {});
  };
}

/** Polls until `condition()` holds or `timeoutMs` passes; true when it holds. */
async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
  return condition();
}

/** The invariants the stores keep whatever arrives; returns the broken ones. */
function brokenInvariants(client: ChatClient): string[] {
  const broken: string[] = [];
  const dialogs = client.dialogs.list.get();
  const ids = dialogs.map((dialog) => dialog.id);
  if (!ids.every(isObjectId)) broken.push(`dialog ids ${JSON.stringify(ids)}`);
  if (new Set(ids).size !== ids.length) broken.push("duplicate dialog ids");
  for (const dialog of dialogs) {
    if (!Number.isSafeInteger(dialog.unreadCount) || dialog.unreadCount < 0)
      broken.push(`unread ${dialog.unreadCount} in ${dialog.id}`);
    if (!dialog.occupantIds.every((id) => Number.isSafeInteger(id) && id > 0)) broken.push(`occupants of ${dialog.id}`);
  }
  const unread = client.unread.get();
  const sum = dialogs.reduce((total, dialog) => total + dialog.unreadCount, 0);
  if (!Number.isSafeInteger(unread.total) || unread.total !== sum) broken.push(`unread total ${unread.total} ≠ ${sum}`);
  for (const dialogId of new Set([WORLD.privateDialog, WORLD.groupDialog, ...ids])) {
    const items = client.messages.forDialog(dialogId).get().items;
    const messageIds = items.map((message) => message.id);
    if (!messageIds.every(isObjectId)) broken.push(`message ids in ${dialogId}`);
    const repeated = messageIds.filter((id, i) => messageIds.indexOf(id) !== i);
    if (repeated.length > 0) broken.push(`message ids repeated in ${dialogId}: ${repeated.join(", ")}`);
    for (let i = 0; i < items.length; i++) {
      const { dateSent, senderId } = items[i];
      if (!Number.isFinite(dateSent) || dateSent < 0 || dateSent > MAX_WIRE_TIME_MS)
        broken.push(`dateSent ${dateSent} in ${dialogId}`);
      if (!Number.isSafeInteger(senderId) || senderId <= 0) broken.push(`sender ${senderId} in ${dialogId}`);
      // Window order: confirmed messages by second (within a second the server's order), then the unconfirmed ones.
      const previous = items[i - 1];
      const confirmed = (m: { status: string }) => m.status !== "pending" && m.status !== "failed";
      const outOfOrder =
        previous &&
        confirmed(items[i]) &&
        (!confirmed(previous) || Math.floor(previous.dateSent / 1000) > Math.floor(dateSent / 1000));
      if (outOfOrder) {
        broken.push(`window of ${dialogId} not sorted at ${i}: ${items[i - 1].id} before ${items[i].id}`);
      }
    }
  }
  return broken;
}

describe(`createChatClient under hostile frames and REST bodies (seed ${SEED})`, () => {
  it("never throws nor rejects unhandled, keeps its stores whole, and still sends and receives afterwards", async () => {
    const random = createRandom(SEED);
    let hostile = true;
    const server = createFakeXmppSocket();
    const client = createChatClient({
      appId: WORLD.appId,
      authKey: "key",
      apiUrl: "http://127.0.0.1:5280",
      chatUrl: "ws://localhost:5280/ws",
      chatDomain: WORLD.domain,
      persistence: createMemoryPersistence(),
      network: null,
      pingIntervalMs: 0,
      reconnect: { initialMs: 5, maxMs: 40, jitter: 0 },
      WebSocket: server.WebSocket,
      fetch: fuzzFetch(random, () => hostile),
    });
    const errors: unknown[] = [];
    client.errors.subscribe((error) => errors.push(error));
    const rejected: unknown[] = [];
    const command = (promise: Promise<unknown>) => promise.catch((error: unknown) => rejected.push(error));
    try {
      await client.auth.login({ login: "me", password: "secret-password" });
      const threads = [WORLD.privateDialog, WORLD.groupDialog].map((id) =>
        client.messages.forDialog(id).subscribe(() => {}),
      );

      const started = Date.now();
      let delivered = 0;
      for (let i = 0; i < FRAMES && Date.now() - started < FUZZ_MS; i++) {
        await until(() => client.connection.get().status === "online", 200);
        if (client.connection.get().status === "online") delivered += 1;
        server.push(hostileFrame(random));
        if (i % 40 === 0) void command(client.sync.resync());
        if (i % 60 === 30)
          void command(client.messages.forDialog(random.pick([WORLD.privateDialog, WORLD.groupDialog])).loadOlder());
        await new Promise((resolve) => setTimeout(resolve, random.int(3)));
        expect([i, brokenInvariants(client)]).toEqual([i, []]);
      }
      expect(delivered).toBeGreaterThan(50);

      // Calm: a good server again. The client comes back online, resyncs, sends and receives.
      hostile = false;
      expect(await until(() => client.connection.get().status === "online", 5000)).toBe(true);
      await client.sync.resync();
      expect(
        client.dialogs.list
          .get()
          .map((dialog) => dialog.id)
          .sort(),
      ).toEqual([WORLD.privateDialog, WORLD.groupDialog]);
      const sent = await client.messages.send(WORLD.privateDialog, { body: "after the storm" });
      const window = () => client.messages.forDialog(WORLD.privateDialog).get().items;
      expect(await until(() => window().find((message) => message.id === sent.id)?.status === "sent", 5000)).toBe(true);
      const incoming = messageId();
      server.push(
        `<message type="chat" from="${WORLD.peer}-${WORLD.appId}@${WORLD.domain}/r" to="${WORLD.self}-${WORLD.appId}@${WORLD.domain}" id="${incoming}">` +
          `<body>still here</body><extraParams xmlns="jabber:client"><dialog_id>${WORLD.privateDialog}</dialog_id><date_sent>1800000000</date_sent></extraParams></message>`,
      );
      expect(await until(() => window().some((message) => message.id === incoming), 3000)).toBe(true);
      expect(brokenInvariants(client)).toEqual([]);

      // Lists of 2,000 bad items came by the dozen: coalescing keeps the error stream to a readable size.
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.length).toBeLessThan(500);
      for (const error of [...errors, ...rejected]) {
        expect(error).toBeInstanceOf(ChatError);
        expect(CHAT_ERROR_CODES).toContain((error as ChatError).code);
      }
      expect(errors.some((error) => isChatError(error, "protocol"))).toBe(true);
      for (const unsubscribe of threads) unsubscribe();
    } finally {
      await client.dispose();
    }
    expect(faults).toEqual([]);
  }, 30_000);
});
