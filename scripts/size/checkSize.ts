/**
 * `pnpm size`: the chat-screen bundle of core with each binding (createChatClient + the provider + the dialog list +
 * one dialog's messages; esbuild, minified, the framework external, gzip -9), checked against its budget. Exits 1
 * when one is over. `--breakdown` lists where the bytes come from (esbuild's metafile), `--official` adds the
 * official stack (connectycube + @connectycube/react 6.1.2) for comparison.
 */
import { breakdown, bundleSize, CHAT_SCREEN_ENTRIES } from "./bundleSize.js";

/** gzip -9 budgets in bytes: today's size plus a little headroom, so growth is a decision and not an accident. */
export const BUDGETS = { react: 76_000, vue: 76_000, svelte: 76_000 } as const;

/** The size the issue aims at for the chat screen (docs: README, Benchmarks). */
const GOAL = 45_000;

const args = new Set(process.argv.slice(2));
const keys = [
  ...(Object.keys(BUDGETS) as Array<keyof typeof BUDGETS>),
  ...(args.has("--official") ? ["official" as const] : []),
];
const started = performance.now();
let over = 0;
const rows: string[] = [];
for (const key of keys) {
  const entry = CHAT_SCREEN_ENTRIES[key];
  const size = await bundleSize(entry);
  const budget = key === "official" ? undefined : BUDGETS[key];
  const verdict = budget === undefined ? "" : size.gzip <= budget ? "ok" : "OVER";
  if (verdict === "OVER") over++;
  rows.push(
    `${entry.name.padEnd(48)} ${String(size.minified).padStart(8)} ${String(size.gzip).padStart(8)} ${String(budget ?? "").padStart(8)}  ${verdict}`,
  );
  if (args.has("--breakdown")) {
    for (const { name, bytes } of breakdown(size.metafile).slice(0, 20)) {
      rows.push(`    ${name.padEnd(44)} ${String(bytes).padStart(8)}`);
    }
  }
}
console.log(`${"chat screen".padEnd(48)} ${"min B".padStart(8)} ${"gzip B".padStart(8)} ${"budget".padStart(8)}`);
for (const row of rows) console.log(row);
console.log(`goal: ≤ ${GOAL} B gzip; ${(performance.now() - started).toFixed(0)} ms`);
if (over > 0) {
  console.error(`${over} chat-screen bundle(s) over budget`);
  process.exitCode = 1;
}
