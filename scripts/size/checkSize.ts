/**
 * `pnpm size`: the chat-screen bundle of core with each binding (createChatClient + the provider + the dialog list +
 * one dialog's messages; esbuild, minified, split into chunks, the framework external, gzip -9). The initial chunk
 * set (what loads before the screen shows) is checked against its budget; the total of all chunks (with those loaded
 * on first use) is shown beside it. Exits 1 when one is over. `--breakdown` lists the chunks and where the initial
 * set's bytes come from (esbuild's metafile), `--official` adds the official stack (connectycube +
 * @connectycube/react 6.1.2), measured the same way, for comparison.
 */
import { breakdown, bundleSize, CHAT_SCREEN_ENTRIES } from "./bundleSize.js";

/** gzip -9 budgets in bytes of the initial chunk set: the goal for the chat screen (docs/decisions.md, "A small bundle"). */
export const BUDGETS = { react: 45_000, vue: 45_000, svelte: 45_000 } as const;

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
  const cells = [size.minified, size.gzip, size.total.minified, size.total.gzip, budget ?? ""];
  rows.push(`${entry.name.padEnd(44)} ${cells.map((cell) => String(cell).padStart(8)).join(" ")}  ${verdict}`);
  if (args.has("--breakdown")) {
    for (const chunk of size.chunks) {
      const kind = chunk.initial ? "initial" : "on use";
      rows.push(
        `  ${kind} ${chunk.file.padEnd(34)} ${String(chunk.minified).padStart(8)} ${String(chunk.gzip).padStart(8)}`,
      );
    }
    const initial = size.chunks.filter((chunk) => chunk.initial).map((chunk) => chunk.file);
    rows.push("  initial set, minified bytes by package:");
    for (const { name, bytes } of breakdown(size.metafile, initial).slice(0, 20)) {
      rows.push(`    ${name.padEnd(40)} ${String(bytes).padStart(8)}`);
    }
  }
}
const head = ["min B", "gzip B", "all min", "all gzip", "budget"];
console.log(`${"chat screen (initial chunks; all chunks)".padEnd(44)} ${head.map((h) => h.padStart(8)).join(" ")}`);
for (const row of rows) console.log(row);
console.log(`goal: initial ≤ ${GOAL} B gzip; ${(performance.now() - started).toFixed(0)} ms`);
if (over > 0) {
  console.error(`${over} chat-screen bundle(s) over budget`);
  process.exitCode = 1;
}
