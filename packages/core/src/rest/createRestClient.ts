import type { ChatError } from "../errors/ChatError.js";
import { toChatError } from "../errors/toChatError.js";
import type { BlobsApi } from "./createBlobsApi.js";
import { createDialogsApi, type DialogsApi } from "./createDialogsApi.js";
import { createHttp, type HttpOptions } from "./createHttp.js";
import { createMessagesApi, type MessagesApi } from "./createMessagesApi.js";
import type { Search } from "./createSearch.js";
import { createSessionApi, type SessionApi } from "./createSessionApi.js";
import type { SystemMessagesApi } from "./createSystemMessagesApi.js";
import { createUsersApi, type UsersApi } from "./createUsersApi.js";

/** What `createRestClient` needs; only `apiUrl`, `appId`, `authKey` and `getToken` are required. */
export interface RestClientOptions extends HttpOptions {
  /** The application id (`application_id` of a session request). */
  appId: number;
  /** The signed-in user's id: message statuses are derived relative to it, `users.update` edits it. */
  getUserId?: () => number | null | undefined;
  /** Told about list items that did not map (they are left out of results rather than failing the whole call). */
  onRejected?: (errors: readonly ChatError[]) => void;
  /**
   * Loads the rarely used groups (search, blobs, system messages) on their first call: `() =>
   * import(".../rarelyUsedRestApis.js")`, or a module that has them too (the chat client passes its deferred chunk:
   * one chunk, not two; a default `import()` here would make a chunk of its own in every bundle).
   */
  loadRarelyUsed: () => Promise<RarelyUsedRestApis>;
}

/** The factories of the REST groups loaded on first use. */
type RarelyUsedRestApis = Pick<
  typeof import("./rarelyUsedRestApis.js"),
  "createBlobsApi" | "createSearch" | "createSystemMessagesApi"
>;

/**
 * The REST API of ConnectyCube chat, one group per resource (docs/protocol.md §2–5). Every method rejects with a
 * ChatError.
 */
export interface RestClient {
  /** `/session`: open, read and close sessions. */
  session: SessionApi;
  /** `/users`: signup, lookups, profile. */
  users: UsersApi;
  /** `/chat/Dialog`: list, create, update, remove, membership, notifications. */
  dialogs: DialogsApi;
  /** `/chat/Message`: history, create, read/delivered/edit, delete, unread counts, reactions. */
  messages: MessagesApi;
  /** `/chat/search`: messages, dialogs and users matching a text. */
  search: Search;
  /** `/blobs`: file storage. */
  blobs: BlobsApi;
  /** `/chat/Message/system`: system messages through REST. */
  systemMessages: SystemMessagesApi;
  /** The REST base URL (download URLs are built from it). */
  apiUrl: string;
}

/**
 * Creates the REST client: one ky-backed transport (`createHttp`: headers, retries, error mapping, session-expiry
 * renewal) shared by the resource groups, which map every answer through the DTO mappers in `rest/dto`. Search,
 * blobs and system messages are loaded on their first call (`loadRarelyUsed`; docs/decisions.md, "A small bundle").
 */
export function createRestClient(options: RestClientOptions): RestClient {
  const ctx = {
    http: createHttp(options),
    currentUserId: () => options.getUserId?.() ?? null,
    reportRejected: (errors: readonly ChatError[]) => options.onRejected?.(errors),
  };
  const load = options.loadRarelyUsed;
  let rarelyUsed: Promise<{ search: Search; blobs: BlobsApi; systemMessages: SystemMessagesApi }> | null = null;
  const later = () => {
    rarelyUsed ??= load().then(
      (apis) => ({
        search: apis.createSearch(ctx),
        blobs: apis.createBlobsApi(ctx),
        systemMessages: apis.createSystemMessagesApi(ctx),
      }),
      (error: unknown) => {
        rarelyUsed = null;
        throw toChatError(error);
      },
    );
    return rarelyUsed;
  };
  return {
    session: createSessionApi(ctx, { appId: options.appId, authKey: options.authKey }),
    users: createUsersApi(ctx),
    dialogs: createDialogsApi(ctx),
    messages: createMessagesApi(ctx),
    search: async (text, searchOptions) => (await later()).search(text, searchOptions),
    blobs: {
      create: async (input) => (await later()).blobs.create(input),
      complete: async (id, size) => (await later()).blobs.complete(id, size),
      get: async (id) => (await later()).blobs.get(id),
      remove: async (id) => (await later()).blobs.remove(id),
    },
    systemMessages: { send: async (userId, params) => (await later()).systemMessages.send(userId, params) },
    apiUrl: options.apiUrl.replace(/\/+$/, ""),
  };
}
