/**
 * Ingest throughput of @chatcube/core: incoming message stanzas (XML text) → parse (`parseFrame`, what the transport
 * runs on each WebSocket frame) → stores, over 100 dialogs with 100 subscribers (one per dialog window, as 100 mounted
 * components would be). Reports messages/s and heap per
 * message for 10,000 and 100,000 messages. Run: pnpm --filter @chatcube/scripts bench:ingest
 */

import { type Dialog, DialogType, systemClock } from "@chatcube/core";
import {
  createDialogsStore,
  createMessageIngest,
  createMessagesStore,
  createTypingStore,
  parseFrame,
  upsertDialogs,
} from "@chatcube/core/internals";

const DIALOGS = 100;
const WINDOW_CAP = 500;

function dialogId(i: number): string {
  return `65f0${i.toString(16).padStart(20, "0")}`;
}

function setup() {
  const dialogs = createDialogsStore();
  const list: Dialog[] = [];
  for (let i = 0; i < DIALOGS; i++) {
    list.push({
      id: dialogId(i),
      type: DialogType.GROUP,
      name: `Dialog ${i}`,
      photo: null,
      description: null,
      ownerId: 1,
      occupantIds: [1, 2, 3],
      occupantsCount: 3,
      adminIds: [],
      pinnedMessageIds: [],
      lastMessage: null,
      lastMessageStatus: null,
      unreadCount: 0,
      roomJid: `1_${dialogId(i)}@muc.localhost`,
      createdAt: 0,
      updatedAt: 0,
      extensions: {},
      permissions: { allowPreview: false },
    });
  }
  dialogs.apply((d) => upsertDialogs(d, list));
  const messages = createMessagesStore();
  const typing = createTypingStore();
  let notifications = 0;
  const unsubscribers = list.map((d) =>
    messages.window(d.id).subscribe((w) => (notifications += w.items.length > 0 ? 1 : 0)),
  );
  const ingest = createMessageIngest({
    selfUserId: () => 1,
    dialogs,
    messages,
    typing,
    clock: systemClock,
    windowCap: WINDOW_CAP,
    sendDelivered: () => {},
    onUnknownDialog: () => {},
    onSystemMessage: () => {},
    onMessageError: () => {},
    reportError: (e) => {
      throw e;
    },
  });
  return {
    ingest,
    messages,
    dialogs,
    typing,
    notifications: () => notifications,
    dispose: () => unsubscribers.forEach((u) => u()),
  };
}

/** A flat copy of a string (template literals build ropes, which parsing would flatten inside the measurement). */
function flat(text: string): string {
  return Buffer.from(text, "utf8").toString("utf8");
}

function stanzas(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const d = dialogId(i % DIALOGS);
    const id = `66${i.toString(16).padStart(22, "0")}`;
    const sender = 2 + (i % 2);
    out.push(
      flat(
        `<message type="groupchat" from="1_${d}@muc.localhost/${sender}" id="${id}"><body>message number ${i} with some ordinary text</body><extraParams xmlns="jabber:client"><save_to_history>1</save_to_history><dialog_id>${d}</dialog_id><date_sent>${1_700_000_000 + Math.floor(i / 10)}</date_sent></extraParams></message>`,
      ),
    );
  }
  return out;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function run(count: number): { rate: number; seconds: number; heapPerMessage: number } {
  const input = stanzas(count);
  const t = setup();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  for (const xml of input) {
    const parsed = parseFrame(xml);
    if (!parsed.ok || !parsed.value) throw new Error(`a frame did not parse: ${xml}`);
    t.ingest(parsed.value);
  }
  const seconds = (performance.now() - started) / 1000;
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  if (input.length !== count) throw new Error("input lost"); // keeps the input alive through the measurement
  const kept = t.messages.dialogIds().reduce((n, id) => n + t.messages.window(id).get().items.length, 0);
  if (t.notifications() < count) throw new Error(`subscribers heard ${t.notifications()} of ${count} messages`);
  t.dispose();
  t.typing.dispose();
  return { rate: count / seconds, seconds, heapPerMessage: (heapAfter - heapBefore) / Math.max(1, kept) };
}

export async function benchIngest(): Promise<void> {
  console.log(
    `ingest: XML stanza → parse → stores, ${DIALOGS} dialogs, ${DIALOGS} subscribers, window cap ${WINDOW_CAP}`,
  );
  run(5_000); // warm-up (JIT)
  const small = run(10_000);
  const large = run(100_000);
  for (const [label, r] of [
    ["10,000", small],
    ["100,000", large],
  ] as const) {
    console.log(
      `${label.padStart(8)} messages: ${r.seconds.toFixed(2)} s = ${Math.round(r.rate).toLocaleString("en")} messages/s, heap ${Math.round(r.heapPerMessage)} B per message kept`,
    );
  }
  console.log(
    `10× the messages took ${(large.seconds / small.seconds).toFixed(1)}× the time (goal ≤ 12×); goal ≥ 50,000 messages/s`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchIngest();
