/** What the runner hands a compare page in its URL hash, and what every page exposes as `globalThis.compare`. */
export interface PageConfig {
  /**
   * `login`: sign in and sync (fills the cache); `list`: a reload until the dialog list is complete; `live`: online;
   * `raw` (chatcube): the floor of `list`, the same page opening the cache database and reading every dialog record.
   */
  mode: "login" | "list" | "live" | "raw";
  appId: number;
  authKey: string;
  apiUrl: string;
  chatUrl: string;
  domain: string;
  userId: number;
  login: string;
  password: string;
  dialogs: number;
  dialogA: string;
  dialogB: string;
}

/** The page side of the bench, the same for both stacks. */
export interface ComparePage {
  /** Set once the mode's work is done: `listMs` is the time since navigation start when the list was complete. */
  result: { done: boolean; listMs?: number; error?: string };
  /** `live` only: counts from now until a message with `lastId` is in dialog B's store. */
  arm(lastId: string): void;
  /** `live` only: ms since `arm` until it was there, and renders of the dialog-A component meanwhile. */
  ingested(): Promise<{ ms: number; renders: number; storedInB: number }>;
  /** `live` only: resolves once the chat has dropped and is back (and, for chatcube, synced). */
  reconnected(): Promise<{ ms: number }>;
}

export function readConfig(): PageConfig {
  return JSON.parse(decodeURIComponent(location.hash.slice(1))) as PageConfig;
}

/** Resolves when `ready()` is true, checked after each call of the returned `check`. */
export function waiter(ready: () => boolean): { promise: Promise<void>; check(): void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  let done = false;
  const check = () => {
    if (done || !ready()) return;
    done = true;
    resolve();
  };
  return { promise, check };
}

/** Waits (up to 10 s, checking every 5 ms) until `ready()`; then lets the page settle for 100 ms. */
export async function settle(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !ready(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  await new Promise((resolve) => setTimeout(resolve, 100));
}
