import type { RestClient, RestClientOptions } from "../rest/createRestClient.js";

/** What `createLazyRest` needs of the deferred chunk (`deferred.ts`). */
interface RestModule {
  createRestClient(options: RestClientOptions): RestClient;
}

/**
 * The REST client of a chat client, made from the deferred chunk on its first call (docs/decisions.md, "A small
 * bundle"): a chat screen shows its cache without REST (a reload with a remembered session opens no session first),
 * so ky, the resource groups and their DTO readers load after the first screen. Every REST method is async, so the
 * stand-in has the same shape: `rest.dialogs.list(…)` waits for the chunk, makes the real client once and calls it;
 * `apiUrl` is known at once (file URLs are synchronous). A chunk that did not load rejects that call with the loader's
 * `network` error, and the next call tries again.
 */
export function createLazyRest(options: RestClientOptions, load: () => Promise<RestModule>): RestClient {
  let real: Promise<RestClient> | null = null;
  const client = () => {
    real ??= load().then(
      (module) => module.createRestClient(options),
      (error: unknown) => {
        real = null;
        throw error;
      },
    );
    return real;
  };
  /**
   * Stands in for the method (or group) at `path`: a call resolves the path on the real client and calls it. Made
   * once per path, so `rest.dialogs.list` is the same function on every read.
   */
  const made = new Map<string, unknown>();
  const at = (path: readonly string[]): unknown => {
    const key = path.join(".");
    let stand = made.get(key);
    if (stand === undefined) {
      stand = new Proxy(() => {}, {
        get: (_, name) => (typeof name === "string" && name !== "then" ? at([...path, name]) : undefined),
        apply: async (_, __, args: unknown[]) => {
          let owner = (await client()) as unknown as Record<string, never>;
          for (const step of path.slice(0, -1)) owner = owner[step];
          return (owner[path[path.length - 1]] as (...a: unknown[]) => unknown)(...args);
        },
      });
      made.set(key, stand);
    }
    return stand;
  };
  const groups = ["session", "users", "dialogs", "messages", "search", "blobs", "systemMessages"] as const;
  return {
    ...(Object.fromEntries(groups.map((name) => [name, at([name])])) as Omit<RestClient, "apiUrl">),
    apiUrl: options.apiUrl.replace(/\/+$/, ""),
  };
}
