/**
 * `pnpm bench:inprocess`: ingest in process (XML frame → parse → stores, no network between) for chatcube and for the
 * official stack (connectycube 6.1.2 + @connectycube/react 6.1.2), on the same frames, in one headless Chromium
 * page, in interleaved rounds (a fresh page per round, the stacks' order alternating). What each side includes:
 * `inprocess/chatcubeSide.ts` and `inprocess/officialSide.ts`. The frames are copies of a `<message type="chat">` the
 * local server delivered to the official client in that round, spread over INPROCESS_DIALOGS private dialogs (default
 * 100). INPROCESS_COUNTS (default "10000,100000"), INPROCESS_ROUNDS (default 3); INPROCESS_PROFILE=1 adds a CPU
 * profile of each stack's last run (unminified bundle; the timings then include the profiler).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningServer, startServer } from "@chatcube/server";
import { openBenchPage, serveBenchBundle } from "./browserBench.js";
import { type HotFunction, startProfile, stopProfile } from "./compare/profileIngest.js";
import { PASSWORD, rest, user } from "./compare/seedCompare.js";
import type { Peer } from "./inprocess/frames.js";
import type { InprocessPage, Stack } from "./inprocess/inprocessPage.js";
import type { OfficialConfig } from "./inprocess/officialSide.js";
import { xmppLogin } from "./xmppLogin.js";

const DIALOGS = Number(process.env.INPROCESS_DIALOGS ?? 100);
const COUNTS = (process.env.INPROCESS_COUNTS ?? "10000,100000").split(",").map(Number);
const ROUNDS = Number(process.env.INPROCESS_ROUNDS ?? 3);
const WARMUP = 2000;
const PROFILE = process.env.INPROCESS_PROFILE === "1";
const STACKS: Stack[] = ["chatcube", "official"];

type Page = { inprocess: InprocessPage };
const log = (...args: unknown[]) => console.error("[inprocess]", ...args);

interface Seeded {
  alice: { id: number; login: string };
  peers: Peer[];
}

/** Alice and one peer per private dialog, each dialog created by alice over REST. */
async function seed(server: RunningServer): Promise<Seeded> {
  const stamp = Date.now().toString(36);
  const alice = await user(server, `alice_${stamp}`);
  const peers: Peer[] = [];
  for (let i = 0; i < DIALOGS; i++) {
    const peer = await user(server, `peer${i}_${stamp}`);
    const dialog = await rest(server, "chat/Dialog.json", { type: 3, occupants_ids: String(peer.id) }, alice.token);
    peers.push({ userId: peer.id, dialogId: dialog._id });
  }
  return { alice: { id: alice.id, login: alice.login }, peers };
}

/** The first peer sends alice one saved chat message, which the official client's socket reads (and the page keeps). */
async function sendOne(server: RunningServer, seeded: Seeded, id: string): Promise<void> {
  const peer = seeded.peers[0];
  const socket = await xmppLogin(server.chatUrl, `${peer.userId}-${server.appId}`);
  const to = `${seeded.alice.id}-${server.appId}@${server.domain}`;
  socket.send(
    `<message to="${to}" type="chat" id="${id}"><body>captured</body><extraParams xmlns="jabber:client">` +
      `<save_to_history>1</save_to_history><dialog_id>${peer.dialogId}</dialog_id></extraParams></message>`,
  );
  await new Promise((resolve) => setTimeout(resolve, 200));
  socket.close();
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
};
const f = (v: number) => Math.round(v).toLocaleString("en-US");
const cell = (values: number[]) => {
  const s = stats(values);
  return `${f(s.min)} / ${f(s.median)} / ${f(s.max)}`;
};

export async function benchInprocess(): Promise<void> {
  const started = performance.now();
  const server = await startServer({ port: 0 });
  const entry = fileURLToPath(new URL("./inprocess/inprocessPage.ts", import.meta.url));
  const served = await serveBenchBundle(entry, { minify: !PROFILE });
  const rates: Record<string, Record<Stack, number[]>> = {};
  const hot: Partial<Record<Stack, HotFunction[]>> = {};
  let frame = "";
  let version = "";
  try {
    const seeded = await seed(server);
    const config: OfficialConfig = {
      appId: server.appId,
      domain: server.domain,
      userId: seeded.alice.id,
      peers: seeded.peers,
      authKey: server.authKey,
      apiUrl: server.apiUrl,
      chatUrl: server.chatUrl,
      login: seeded.alice.login,
      password: PASSWORD,
    };
    let sent = 0;
    for (const count of COUNTS) {
      rates[count] = { chatcube: [], official: [] };
      for (let r = 1; r <= ROUNDS; r++) {
        const profile = await mkdtemp(join(tmpdir(), "chatcube-inprocess-"));
        const opened = await openBenchPage(profile, served.url, "inprocess");
        version = opened.version;
        try {
          const { page, context } = opened;
          await page.evaluate((c) => (globalThis as unknown as Page).inprocess.setup(c), config);
          await sendOne(server, seeded, `5c${(sent++).toString(16).padStart(22, "0")}`);
          frame = await page.evaluate(([n, w]) => (globalThis as unknown as Page).inprocess.prepare(n, w), [
            count,
            WARMUP,
          ] as const);
          await page.evaluate(() => (globalThis as unknown as Page).inprocess.warm());
          const cdp = await context.newCDPSession(page);
          const order = r % 2 === 1 ? STACKS : [...STACKS].reverse();
          for (const stack of order) {
            await cdp.send("HeapProfiler.collectGarbage");
            const profiling = PROFILE && r === ROUNDS;
            if (profiling) await startProfile(cdp);
            const result = await page.evaluate((s) => (globalThis as unknown as Page).inprocess.run(s), stack);
            if (profiling) hot[stack] = await stopProfile(cdp, served.code, 20);
            const expected = stack === "chatcube" ? Math.min(count + WARMUP, DIALOGS * 500) : count + WARMUP + 1;
            if (!result.found || result.markers !== count + WARMUP || result.stored < expected)
              throw new Error(`${stack}: not all in the store: ${JSON.stringify(result)}, expected ${expected}`);
            const rate = count / (result.ms / 1000);
            rates[count][stack].push(rate);
            log(`${count} messages, round ${r}, ${stack}: ${result.ms.toFixed(0)} ms = ${f(rate)} messages/s`);
          }
          await cdp.detach();
        } finally {
          await opened.context.close();
          await rm(profile, { recursive: true, force: true });
        }
      }
    }
  } finally {
    served.close();
    await server.close();
  }
  const cpu = cpus();
  console.log(
    `bench:inprocess — XML frame → parse → stores, no network; ${DIALOGS} private dialogs, ${ROUNDS} interleaved ` +
      `rounds, messages/s min / median / max; headless Chromium ${version}; ${cpu.length} × ${cpu[0]?.model.trim()}`,
  );
  console.log(`frame (as the local server delivered it): ${frame}`);
  console.log("| messages | chatcube | official stack | chatcube ÷ official (medians) |");
  console.log("|---:|---:|---:|---:|");
  for (const count of COUNTS) {
    const c = stats(rates[count].chatcube).median;
    const o = stats(rates[count].official).median;
    console.log(
      `| ${f(count)} | ${cell(rates[count].chatcube)} | ${cell(rates[count].official)} | ${(c / o).toFixed(1)}× |`,
    );
  }
  console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
  for (const [stack, functions] of Object.entries(hot)) {
    console.log(`\nCPU profile of the last ${stack} run (self time; timings include the profiler):`);
    for (const h of functions ?? []) {
      console.log(
        `  ${h.selfMs.toFixed(1).padStart(7)} ms ${(h.share * 100).toFixed(1).padStart(5)} %  ${h.name}  ${h.module}`,
      );
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchInprocess();
