import { reactionsBody } from "./dto/messageRequests.js";
import { type ReactionUsers, reactionUsersFromDto } from "./dto/reactionUsersFromDto.js";
import { checkId, idPath, type RestContext, unwrap } from "./restContext.js";

/** `/chat/Message/{id}/reactions` (docs/protocol.md §5); the server then sends a `<reactions>` stanza. */
export interface ReactionsApi {
  /** Who reacted with what. */
  list(messageId: string): Promise<ReactionUsers>;
  /** Adds the current user's reaction. */
  add(messageId: string, emoji: string): Promise<void>;
  /** Removes the current user's reaction. */
  remove(messageId: string, emoji: string): Promise<void>;
  /** Adds and/or removes in one request (e.g. switching from 👍 to ❤️). */
  update(messageId: string, change: { add?: string | null; remove?: string | null }): Promise<void>;
}

/** Creates the reactions resource group. */
export function createReactionsApi(ctx: RestContext): ReactionsApi {
  const path = (messageId: string) => `chat/Message/${idPath(checkId(messageId))}/reactions`;
  const update = async (messageId: string, change: { add?: string | null; remove?: string | null }): Promise<void> => {
    await ctx.http.request({ method: "PUT", path: path(messageId), body: reactionsBody(change), expect: "none" });
  };
  return {
    async list(messageId) {
      return unwrap(reactionUsersFromDto(await ctx.http.request({ method: "GET", path: path(messageId) })));
    },
    add: (messageId, emoji) => update(messageId, { add: emoji }),
    remove: (messageId, emoji) => update(messageId, { remove: emoji }),
    update,
  };
}
