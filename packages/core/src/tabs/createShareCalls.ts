import { ChatError, type ChatErrorJson } from "../errors/ChatError.js";
import { toChatError } from "../errors/toChatError.js";
import type { Clock, TimerHandle } from "../time/clock.js";
import type { TabRole } from "./TabsState.js";

/** How a value crosses to another tab. */
export interface WireOptions<T> {
  toWire?(value: T): unknown;
  fromWire?(wire: unknown): T;
}

/** How a routed command's result crosses back, and whether the command may run twice. */
export interface RouteOptions<T> extends WireOptions<T> {
  /**
   * Never sent again: a call the leader did not answer goes to the next leader, unless running it twice would do it
   * twice (a message sent). Such a call waits for its timeout instead.
   */
  once?: boolean;
}

/** A routed call's answer, on the channel. */
export interface Reply {
  id: string;
  to: string;
  value?: unknown;
  error?: ChatErrorJson;
}

/** The commands a follower runs in the leader tab (docs/architecture.md, Tabs: `share:call` / `share:reply`). */
export interface ShareCalls {
  /** Wraps `run`: in a follower it runs in the leader as a request; elsewhere here. */
  route<A extends unknown[], R>(
    name: string,
    run: (...args: A) => Promise<R>,
    result?: RouteOptions<R>,
  ): (...args: A) => Promise<R>;
  /** The leader answers a follower's call, once per id (a call sent again gets the same answer). */
  answer(from: string, id: string, name: string, args: unknown[]): Promise<void>;
  /** A reply to one of this tab's calls. */
  settle(reply: Reply): void;
  /** A new term or a gap: the calls waiting here go to the leader again (same ids), those marked `once` excepted. */
  askAgain(): void;
  /** This tab leads (or is alone) now: what it asked as a follower and still waits for runs here. */
  runPendingHere(): void;
}

interface Pending {
  name: string;
  args: unknown[];
  once: boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  timer: TimerHandle;
}

/**
 * Creates the routed calls of the share: requests with ids (`{tabId}:{n}`), a timeout per call (`timeout`
 * ChatError), replies addressed to the asking tab, and in the leader a bounded memory of the ids it answered, so a
 * call asked again of the same leader runs once.
 */
export function createShareCalls(deps: {
  clock: Clock;
  timeoutMs: number;
  tabId: () => string | null;
  role: () => TabRole;
  signal: (kind: string, payload: unknown) => void;
}): ShareCalls {
  const { clock, timeoutMs } = deps;
  const handlers = new Map<string, { run: (...args: unknown[]) => Promise<unknown>; result: WireOptions<unknown> }>();
  const pending = new Map<string, Pending>();
  const answered = new Map<string, Reply | null>(); // by id; null while it runs. Bounded.
  let calls = 0;

  const runHere = (name: string, args: unknown[]) => {
    const handler = handlers.get(name);
    if (!handler) return Promise.reject(new ChatError("not-found", `Nothing here answers ${name}`));
    return handler.run(...args);
  };
  const ask = (id: string, call: Pending) => deps.signal("share:call", { id, name: call.name, args: call.args });

  return {
    route<A extends unknown[], R>(name: string, run: (...args: A) => Promise<R>, result: RouteOptions<R> = {}) {
      handlers.set(name, {
        run: run as (...args: unknown[]) => Promise<unknown>,
        result: result as WireOptions<unknown>,
      });
      return (...args: A): Promise<R> => {
        const tabId = deps.tabId();
        if (tabId === null || deps.role() !== "follower") return run(...args);
        const id = `${tabId}:${++calls}`;
        return new Promise<R>((resolve, reject) => {
          const timer = clock.setTimeout(() => {
            pending.delete(id);
            reject(new ChatError("timeout", `The tab holding the connection did not answer ${name}`));
          }, timeoutMs);
          const call: Pending = {
            name,
            args,
            once: Boolean(result.once),
            resolve: resolve as (value: unknown) => void,
            reject,
            timer,
          };
          pending.set(id, call);
          ask(id, call);
        });
      };
    },
    async answer(from, id, name, args) {
      if (answered.has(id)) {
        const done = answered.get(id);
        if (done) deps.signal("share:reply", done);
        return;
      }
      answered.set(id, null);
      if (answered.size > 200) answered.delete(answered.keys().next().value as string);
      const reply: Reply = { id, to: from };
      try {
        const value = await runHere(name, args);
        const toWire = handlers.get(name)?.result.toWire;
        reply.value = toWire ? toWire(value) : value;
      } catch (error) {
        reply.error = toChatError(error).toJSON();
      }
      if (answered.has(id)) answered.set(id, reply);
      deps.signal("share:reply", reply);
    },
    settle(reply) {
      const call = pending.get(reply.id);
      if (!call) return;
      pending.delete(reply.id);
      clock.clearTimeout(call.timer);
      if (reply.error) return call.reject(ChatError.fromJSON(reply.error));
      const fromWire = handlers.get(call.name)?.result.fromWire;
      call.resolve(fromWire ? fromWire(reply.value) : reply.value);
    },
    askAgain() {
      for (const [id, call] of pending) if (!call.once) ask(id, call);
    },
    runPendingHere() {
      for (const [id, call] of pending) {
        pending.delete(id);
        clock.clearTimeout(call.timer);
        runHere(call.name, call.args).then(call.resolve, call.reject);
      }
    },
  };
}
