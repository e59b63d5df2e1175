/**
 * Routing throughput of @chatcube/server: 1-1 messages per second between two connected clients on loopback.
 * Both clients speak raw XMPP over WebSocket (no SDK overhead); the sender streams messages and the clock stops
 * when the recipient has received the last one. Run: pnpm --filter @chatcube/scripts bench:routing
 */
import { startServer } from "@chatcube/server";
import { xmppLogin } from "./xmppLogin.js";

async function run(label: string, count: number, saveToHistory: boolean): Promise<number> {
  const server = await startServer({ port: 0, seed: "demo" });
  const dialog = server.context.db.privateDialogOf(1, 2)!;
  const alice = await xmppLogin(server.chatUrl, "1-1");
  const bob = await xmppLogin(server.chatUrl, "2-1");
  let received = 0;
  const done = new Promise<void>((resolve) =>
    bob.on("message", (data: Buffer) => {
      if (data.toString().startsWith("<message")) received++;
      if (received === count) resolve();
    }),
  );
  const extra = saveToHistory
    ? `<extraParams xmlns="jabber:client"><save_to_history>1</save_to_history><dialog_id>${dialog._id}</dialog_id></extraParams>`
    : "";
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const id = `6600000000000000${i.toString(16).padStart(8, "0")}`;
    alice.send(`<message to="2-1@localhost" type="chat" id="${id}"><body>message ${i}</body>${extra}</message>`);
    if (i % 500 === 499) await new Promise((r) => setImmediate(r)); // let the socket drain
  }
  await done;
  const seconds = (performance.now() - started) / 1000;
  const rate = count / seconds;
  console.log(
    `${label.padEnd(34)} ${count} messages in ${seconds.toFixed(2)} s = ${Math.round(rate).toLocaleString("en")} messages/s`,
  );
  alice.close();
  bob.close();
  await server.close();
  return rate;
}

export async function benchRouting(): Promise<void> {
  console.log("routing: 1-1 messages between two connected clients over loopback WebSocket");
  await run("warm-up", 2_000, true);
  await run("relay only (no save_to_history)", 20_000, false);
  await run("save_to_history (stored + routed)", 20_000, true);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchRouting();
