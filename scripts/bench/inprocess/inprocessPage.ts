/**
 * The in-process bench page: both stacks in one page, fed the same frames (see `chatcubeSide.ts`, `officialSide.ts`).
 * The runner calls `setup` once per page, then `run` per stack; each run feeds all frames synchronously and then
 * yields one macrotask (so React commits what the official hook's stores scheduled) before it stops the clock.
 */
import { createChatcubeSide, type Side } from "./chatcubeSide.js";
import { makeFrames } from "./frames.js";
import { connectOfficial, type OfficialConfig } from "./officialSide.js";

export type Stack = "chatcube" | "official";

export interface InprocessPage {
  /** Connects the official stack; resolves once it is ready for the runner to send the frame it captures. */
  setup(config: OfficialConfig): Promise<void>;
  /** Waits for the captured frame, builds both sides and `count` frames (plus a warm-up batch) from it. */
  prepare(count: number, warmup: number): Promise<string>;
  /** Feeds the warm-up batch to both stacks (not measured). */
  warm(): Promise<void>;
  run(stack: Stack): Promise<{ ms: number; stored: number; markers: number; found: boolean; commits: number }>;
}

let config: OfficialConfig | null = null;
let official: Awaited<ReturnType<typeof connectOfficial>> | null = null;
const sides: Partial<Record<Stack, Side>> = {};
let frames: string[] = [];
let warmFrames: string[] = [];

const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

const page: InprocessPage = {
  async setup(c) {
    config = c;
    official = await connectOfficial(c);
  },
  async prepare(count, warmup) {
    if (!config || !official) throw new Error("setup first");
    const captured = await official.captured;
    sides.official = official.side;
    sides.chatcube = createChatcubeSide(config);
    warmFrames = makeFrames(captured, config.peers, warmup, "5a");
    frames = makeFrames(captured, config.peers, count, "5b");
    return captured;
  },
  async warm() {
    for (const side of Object.values(sides)) {
      side.feed(warmFrames);
      await macrotask();
    }
  },
  async run(stack) {
    const side = sides[stack];
    if (!side || !official) throw new Error("prepare first");
    const commitsBefore = official.commits();
    const started = performance.now();
    side.feed(frames);
    await macrotask();
    const ms = performance.now() - started;
    const last = frames.length - 1;
    const peers = config?.peers ?? [];
    const checked = side.check(`5b${last.toString(16).padStart(22, "0")}`, peers[last % peers.length].dialogId);
    return { ms, ...checked, commits: official.commits() - commitsBefore };
  },
};
(globalThis as { inprocess?: InprocessPage }).inprocess = page;
