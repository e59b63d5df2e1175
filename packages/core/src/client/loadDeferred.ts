import { ChatError } from "../errors/ChatError.js";

/** The module of what loads after the first screen (`deferred.ts`). */
export type DeferredModule = typeof import("./deferred.js");

/**
 * Makes the loader of `deferred.ts`, its own chunk (docs/decisions.md, "A small bundle"): one `import()` shared by
 * every caller; one that failed (the chunk did not arrive) rejects with `network` and the next call tries again.
 */
export function createDeferredLoader(): () => Promise<DeferredModule> {
  let loading: Promise<DeferredModule> | null = null;
  return () => {
    loading ??= import("./deferred.js").catch((error: unknown) => {
      loading = null;
      throw new ChatError("network", "Could not load the chat connection", { cause: error });
    });
    return loading;
  };
}
