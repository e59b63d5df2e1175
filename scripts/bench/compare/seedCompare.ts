/**
 * The compare bench's data on a running @chatcube/server: a user (alice) with `dialogs` dialogs and `messages`
 * stored messages spread over them, written straight into the server's in-memory db (as bench:journal does); dialog A
 * (alice–carol) is what the screen shows, dialog B (alice–bob) is where bob's burst lands.
 */
import type { RunningServer } from "@chatcube/server";
import type { WebSocket } from "ws";
import { xmppLogin } from "../xmppLogin.js";

export const PASSWORD = "password";

export interface Seeded {
  alice: { id: number; login: string };
  bob: { id: number; login: string };
  dialogA: string;
  dialogB: string;
  dialogs: number;
  messages: number;
  seconds: number;
}

/** The parts of the server's answers the seeding reads. */
interface Answer {
  _id: string;
  user: { id: number };
  session: { token: string };
}

export async function rest(server: RunningServer, path: string, body: unknown, token?: string): Promise<Answer> {
  const response = await fetch(`${server.apiUrl}/${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      ...(token ? { "CB-Token": token } : { "CB-AuthKey": server.authKey }),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Answer;
}

export async function user(
  server: RunningServer,
  login: string,
): Promise<{ id: number; login: string; token: string }> {
  const { user: created } = await rest(server, "users.json", { user: { login, password: PASSWORD } });
  const { session } = await rest(server, "session.json", {
    application_id: server.appId,
    auth_key: server.authKey,
    user: { login, password: PASSWORD },
  });
  return { id: created.id, login, token: session.token };
}

/** Seeds the data set; dialog ids and users for the bench. */
export async function seedCompare(server: RunningServer, dialogs: number, messages: number): Promise<Seeded> {
  const started = performance.now();
  const stamp = Date.now().toString(36);
  const alice = await user(server, `alice_${stamp}`);
  const bob = await user(server, `bob_${stamp}`);
  const carol = await user(server, `carol_${stamp}`);
  const ids: string[] = [];
  ids.push((await rest(server, "chat/Dialog.json", { type: 3, occupants_ids: String(carol.id) }, alice.token))._id);
  ids.push((await rest(server, "chat/Dialog.json", { type: 3, occupants_ids: String(bob.id) }, alice.token))._id);
  for (let i = ids.length; i < dialogs; i++) {
    const body = { type: 2, name: `Group ${i}`, occupants_ids: `${bob.id},${carol.id}` };
    ids.push((await rest(server, "chat/Dialog.json", body, alice.token))._id);
  }
  const db = server.context.db;
  const perDialog = Math.floor(messages / dialogs);
  // A long-used account: each dialog's history is older than the sync overlap, the newest a few hours old.
  const base = Math.floor(Date.now() / 1000) - 6 * 3600 - dialogs * (perDialog + 60);
  let n = 0;
  for (const [d, dialogId] of ids.entries()) {
    const dialog = db.dialogs.get(dialogId);
    if (!dialog) throw new Error(`no dialog ${dialogId}`);
    const senders = d === 0 ? [alice.id, carol.id] : [alice.id, bob.id];
    const start = base + d * (perDialog + 60);
    for (let i = 0; i < perDialog; i++, n++) {
      const sender = senders[i % 2];
      const id = `5e${n.toString(16).padStart(22, "0")}`;
      const text = `stored message ${i} of dialog ${d}, with a little ordinary text in it`;
      db.addMessage({
        _id: id,
        seq: 0,
        chat_dialog_id: dialogId,
        message: text,
        date_sent: start + i,
        sender_id: sender,
        recipient_id: dialog.type === 3 ? senders[(i + 1) % 2] : 0,
        read_ids: [alice.id, bob.id, carol.id],
        delivered_ids: [alice.id, bob.id, carol.id],
        views_count: 1,
        attachments: [],
        reactions: {},
        custom: {},
        deleted_for: [],
        created_at: (start + i) * 1000,
        updated_at: (start + i) * 1000,
      });
      dialog.last_message = text;
      dialog.last_message_id = id;
      dialog.last_message_user_id = sender;
      dialog.last_message_date_sent = start + i;
    }
    dialog.created_at = start * 1000;
    dialog.updated_at = (start + perDialog) * 1000;
  }
  return {
    alice: { id: alice.id, login: alice.login },
    bob: { id: bob.id, login: bob.login },
    dialogA: ids[0],
    dialogB: ids[1],
    dialogs: ids.length,
    messages: n,
    seconds: (performance.now() - started) / 1000,
  };
}

/** `count` fresh message ids (24 hex) for a burst; `tag` (hex) keeps rounds apart. */
export function burstIds(count: number, tag: string): string[] {
  return Array.from({ length: count }, (_, i) => `${tag}${i.toString(16).padStart(24 - tag.length, "0")}`);
}

/** Bob, signed in over raw XMPP, sends one chat message per id into dialog B as fast as the socket takes them. */
export async function burst(server: RunningServer, seeded: Seeded, ids: readonly string[]): Promise<WebSocket> {
  const socket = await xmppLogin(server.chatUrl, `${seeded.bob.id}-${server.appId}`);
  const to = `${seeded.alice.id}-${server.appId}@${server.domain}`;
  const extra = `<extraParams xmlns="jabber:client"><save_to_history>1</save_to_history><dialog_id>${seeded.dialogB}</dialog_id></extraParams>`;
  for (const [i, id] of ids.entries()) {
    socket.send(`<message to="${to}" type="chat" id="${id}"><body>burst message ${i}</body>${extra}</message>`);
  }
  return socket;
}
