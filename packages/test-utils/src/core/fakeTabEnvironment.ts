import type { ChannelPort } from "../../../core/src/tabs/createTabChannel.js";
import type { LockManagerLike } from "../../../core/src/tabs/createTabCoordinator.js";

// Test-only helper (imported by *.test.ts, never by the library): fakes of the browser's Web Locks and
// BroadcastChannel with the semantics the tabs rely on (exclusive locks granted in request order, ifAvailable, steal,
// abort; messages delivered asynchronously to every other port, structured-cloned).

const abortError = () => Object.assign(new Error("aborted"), { name: "AbortError" });

interface Pending {
  callback: (lock: unknown) => unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** One browser's lock manager, shared by the fake tabs. */
export function createFakeLocks(): LockManagerLike & { holder(name: string): string | null } {
  const held = new Map<string, { id: number; reject(error: unknown): void }>();
  const queues = new Map<string, Pending[]>();
  let ids = 0;

  const grant = (name: string, pending: Pending) => {
    const id = ++ids;
    let settled = false;
    held.set(name, {
      id,
      reject: (error) => {
        settled = true;
        pending.reject(error);
      },
    });
    Promise.resolve()
      .then(() => pending.callback({ name }))
      .then(
        (value) => {
          if (!settled) pending.resolve(value);
        },
        (error) => {
          if (!settled) pending.reject(error);
        },
      )
      .finally(() => {
        if (held.get(name)?.id === id) {
          held.delete(name);
          next(name);
        }
      });
  };
  const next = (name: string) => {
    const queue = queues.get(name) ?? [];
    const first = queue.shift();
    if (first) grant(name, first);
  };

  return {
    holder: (name) => (held.has(name) ? String(held.get(name)?.id) : null),
    request(name, options, callback) {
      return new Promise((resolve, reject) => {
        const pending: Pending = { callback, resolve, reject };
        if (options.steal) {
          const current = held.get(name);
          held.delete(name);
          current?.reject(abortError());
          grant(name, pending);
          return;
        }
        if (held.has(name) || (queues.get(name)?.length ?? 0) > 0) {
          if (options.ifAvailable) {
            Promise.resolve()
              .then(() => callback(null))
              .then(resolve, reject);
            return;
          }
          const queue = queues.get(name) ?? [];
          queues.set(name, queue);
          queue.push(pending);
          options.signal?.addEventListener("abort", () => {
            const at = queue.indexOf(pending);
            if (at >= 0) {
              queue.splice(at, 1);
              reject(abortError());
            }
          });
          return;
        }
        grant(name, pending);
      });
    },
  };
}

/** One browser's channels by name: each port gets what the others post. */
export function createFakeBus(): { port(): ChannelPort; posted: unknown[] } {
  const ports = new Set<{ listeners: Set<(event: { data: unknown }) => void> }>();
  const posted: unknown[] = [];
  return {
    posted,
    port() {
      const self = { listeners: new Set<(event: { data: unknown }) => void>() };
      ports.add(self);
      return {
        postMessage(message) {
          const data = structuredClone(message);
          posted.push(data);
          for (const other of ports)
            if (other !== self) for (const listener of other.listeners) queueMicrotask(() => listener({ data }));
        },
        addEventListener: (_type, listener) => void self.listeners.add(listener),
        removeEventListener: (_type, listener) => void self.listeners.delete(listener),
        close: () => void ports.delete(self),
      };
    },
  };
}
