/**
 * A CPU profile of a page over CDP (Profiler domain), summed by function: self time per function of the page's bundle
 * (not minified, so names are the source's), each with the module it comes from (esbuild's `// path` comments).
 */
import type { CDPSession } from "playwright-core";

interface ProfileNode {
  id: number;
  hitCount?: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export interface HotFunction {
  name: string;
  module: string;
  selfMs: number;
  share: number;
}

export async function startProfile(cdp: CDPSession): Promise<void> {
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
}

/** Stops the profile and returns the `top` functions by self time; `code` is the served bundle. */
export async function stopProfile(cdp: CDPSession, code: string, top = 15): Promise<HotFunction[]> {
  const { profile } = (await cdp.send("Profiler.stop")) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const modules = moduleLines(code);
  const byFunction = new Map<string, HotFunction>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    total += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || (url ? "(anonymous)" : "(program, idle or GC)");
    const module = url.endsWith("/bench.js") ? moduleAt(modules, lineNumber) : url || "(native)";
    const key = `${name} ${module}`;
    const entry = byFunction.get(key) ?? { name, module, selfMs: 0, share: 0 };
    entry.selfMs += us / 1000;
    byFunction.set(key, entry);
  }
  return [...byFunction.values()]
    .map((entry) => ({ ...entry, share: total ? (entry.selfMs * 1000) / total : 0 }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top);
}

/** Where each module starts in the bundle: esbuild writes `// path/to/module.ts` before each one. */
function moduleLines(code: string): Array<{ line: number; path: string }> {
  const out: Array<{ line: number; path: string }> = [];
  code.split("\n").forEach((text, line) => {
    const match = /^\/\/ (\S+\.(?:ts|tsx|js|mjs|cjs))$/.exec(text);
    if (match) out.push({ line, path: match[1].replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, "") });
  });
  return out;
}

function moduleAt(modules: Array<{ line: number; path: string }>, line: number): string {
  let found = "(bundle)";
  for (const module of modules) {
    if (module.line > line) break;
    found = module.path;
  }
  return found.replace(/^(\.\.\/)+/, "");
}
