/**
 * Durable throughput of @chatcube/server with `--data`: a data file holding 100,000 messages, then 1-1
 * messages with save_to_history from many senders at once (each one waits for its stored message to be on disk
 * before the next, as the server does for every client), counted when the recipients have them. Also the
 * start-up time with that file. Run: pnpm --filter @chatcube/scripts bench:journal
 */
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, startServer } from "@chatcube/server";
import type { WebSocket } from "ws";
import { xmppLogin } from "./xmppLogin.js";

/** Clients sending at once: each waits for its message to be durable, so a group commit holds up to PAIRS messages. */
const PAIRS = Number(process.env.BENCH_PAIRS ?? 50);
const STORED = 100_000;

async function rest(server: RunningServer, method: string, path: string, body: unknown, token?: string): Promise<any> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (token) headers["CB-Token"] = token;
  const response = await fetch(`${server.apiUrl}${path}`, { method, headers, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function userToken(server: RunningServer, login: string): Promise<{ id: number; token: string }> {
  const { session } = await rest(server, "POST", "/session.json", {
    application_id: server.appId,
    auth_key: server.authKey,
    user: { login, password: "password" },
  });
  return { id: session.user_id, token: session.token };
}

/** Writes a data file with PAIRS private dialogs and STORED messages spread over them. */
async function buildDataFile(file: string): Promise<Array<{ sender: number; recipient: number; dialogId: string }>> {
  const server = await startServer({ port: 0, data: file });
  const pairs: Array<{ sender: number; recipient: number; dialogId: string }> = [];
  for (let i = 0; i < PAIRS; i++) {
    const sender = await userToken(server, `sender${i}`); // an unknown login signs up on the fly
    const recipient = await userToken(server, `recipient${i}`);
    const dialog = await rest(
      server,
      "POST",
      "/chat/Dialog.json",
      { type: 3, occupants_ids: [recipient.id] },
      sender.token,
    );
    pairs.push({ sender: sender.id, recipient: recipient.id, dialogId: dialog._id });
  }
  const db = server.context.db;
  const start = Math.floor(Date.now() / 1000) - STORED;
  for (let i = 0; i < STORED; i++) {
    const pair = pairs[i % PAIRS];
    const dialog = db.dialogs.get(pair.dialogId)!;
    const now = (start + i) * 1000;
    db.addMessage({
      _id: `5f${i.toString(16).padStart(22, "0")}`,
      chat_dialog_id: pair.dialogId,
      message: `stored message number ${i} with a little text to make it realistic`,
      date_sent: start + i,
      sender_id: pair.sender,
      recipient_id: pair.recipient,
      read_ids: [pair.sender, pair.recipient],
      delivered_ids: [pair.sender, pair.recipient],
      views_count: 1,
      attachments: [],
      reactions: {},
      custom: {},
      deleted_for: [],
      created_at: now,
      updated_at: now,
    });
    dialog.last_message_date_sent = start + i;
  }
  await server.close();
  return pairs;
}

async function sizeOf(dir: string): Promise<string> {
  let bytes = 0;
  for (const name of await readdir(dir)) bytes += (await stat(join(dir, name))).size;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Streams `perSender` stored messages from each sender; resolves with messages/s once every recipient has its share. */
async function stream(
  server: RunningServer,
  pairs: Array<{ sender: number; recipient: number; dialogId: string }>,
  perSender: number,
  round: number,
): Promise<number> {
  const sockets: WebSocket[] = [];
  const received: Array<Promise<void>> = [];
  for (const pair of pairs) {
    const recipient = await xmppLogin(server.chatUrl, `${pair.recipient}-${server.appId}`);
    sockets.push(recipient);
    let count = 0;
    received.push(
      new Promise<void>((resolve) =>
        recipient.on("message", (data: Buffer) => {
          if (data.toString().startsWith("<message")) count++;
          if (count === perSender) resolve();
        }),
      ),
    );
  }
  const senders = await Promise.all(pairs.map((pair) => xmppLogin(server.chatUrl, `${pair.sender}-${server.appId}`)));
  sockets.push(...senders);
  const started = performance.now();
  pairs.forEach((pair, p) => {
    const extra = `<extraParams xmlns="jabber:client"><save_to_history>1</save_to_history><dialog_id>${pair.dialogId}</dialog_id></extraParams>`;
    for (let i = 0; i < perSender; i++) {
      const id = `66${round.toString(16).padStart(2, "0")}${p.toString(16).padStart(4, "0")}${i.toString(16).padStart(16, "0")}`;
      senders[p].send(
        `<message to="${pair.recipient}-${server.appId}@localhost" type="chat" id="${id}"><body>durable ${i}</body>${extra}</message>`,
      );
    }
  });
  await Promise.all(received);
  const seconds = (performance.now() - started) / 1000;
  for (const socket of sockets) socket.close();
  return (pairs.length * perSender) / seconds;
}

export async function benchJournal(perSender = Number(process.env.BENCH_PER_SENDER ?? 500)): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "chatcube-bench-journal-"));
  try {
    const file = join(dir, "state.json");
    const pairs = await buildDataFile(file);
    console.log(
      `journal: --data with ${STORED.toLocaleString("en")} stored messages (${await sizeOf(dir)} on disk), ${PAIRS} senders at once`,
    );
    let started = performance.now();
    let server = await startServer({ port: 0, data: file });
    console.log(`${"start-up with the data file".padEnd(40)} ${(performance.now() - started).toFixed(0)} ms`);
    const rate = await stream(server, pairs, perSender, 1);
    console.log(
      `${"stored + routed, durable".padEnd(40)} ${pairs.length * perSender} messages = ${Math.round(rate).toLocaleString("en")} messages/s`,
    );
    await server.close();
    started = performance.now();
    server = await startServer({ port: 0, data: file });
    console.log(
      `${"start-up after that run".padEnd(40)} ${(performance.now() - started).toFixed(0)} ms (${await sizeOf(dir)} on disk)`,
    );
    await server.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchJournal();
