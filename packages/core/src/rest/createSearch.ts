import { messageStatusFor } from "./dto/messageStatusFor.js";
import { type SearchResults, searchResultsFromDto } from "./dto/searchResultsFromDto.js";
import { checkId, type RestContext, unwrap } from "./restContext.js";

/** Narrows a global search. Times are milliseconds; the wire gets ISO strings (as the SDK sends them). */
export interface SearchOptions {
  /** Only these dialogs (at most 10). */
  dialogIds?: readonly string[];
  /** The newest send time to include (`start_date`: the search runs backwards from it, docs/protocol.md §5). */
  startDate?: number;
  /** The oldest send time to include (`end_date`; at most 3 months before `startDate`). */
  endDate?: number;
  /** At most this many results per kind (≤ 100). */
  limit?: number;
}

/** What `search` resolves with: dialogs, messages (statuses relative to the current user) and users. */
export type SearchResult = Omit<SearchResults, "rejected">;

/** A global search: `(text, options) → {dialogs, messages, users}`. */
export type Search = (text: string, options?: SearchOptions) => Promise<SearchResult>;

/**
 * Creates `search`: `GET /chat/search.json` with `search_text` (a case-sensitive substring of message texts and
 * dialog names, longer than 4 characters), `chat_dialog_ids`, `start_date`, `end_date` and `limit`.
 */
export function createSearch(ctx: RestContext): Search {
  return async (text, options = {}) => {
    const params = {
      search_text: text,
      chat_dialog_ids:
        options.dialogIds && options.dialogIds.length > 0 ? options.dialogIds.map(checkId).join(",") : undefined,
      start_date: options.startDate === undefined ? undefined : new Date(options.startDate).toISOString(),
      end_date: options.endDate === undefined ? undefined : new Date(options.endDate).toISOString(),
      limit: options.limit,
    };
    const found = unwrap(searchResultsFromDto(await ctx.http.request({ method: "GET", path: "chat/search", params })));
    if (found.rejected.length > 0) ctx.reportRejected(found.rejected);
    const me = ctx.currentUserId();
    const messages =
      me === null
        ? found.messages
        : found.messages.map((message) => ({ ...message, status: messageStatusFor(message, me) }));
    return { dialogs: found.dialogs, messages, users: found.users };
  };
}
