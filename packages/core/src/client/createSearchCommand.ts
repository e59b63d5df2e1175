import { ChatError } from "../errors/ChatError.js";
import type { RestClient } from "../rest/createRestClient.js";
import type { SearchOptions, SearchResult } from "../rest/createSearch.js";

/** The documented limits of global search (docs/protocol.md §5). */
const SEARCH_LIMITS = {
  minTextLength: 5,
  maxDialogIds: 10,
  maxRangeMs: 92 * 24 * 60 * 60 * 1000,
  maxLimit: 100,
} as const;

/** `client.search(text, options)`: dialogs, messages and users matching a text. */
export type SearchCommand = (text: string, options?: SearchOptions) => Promise<SearchResult>;

/**
 * Creates `client.search`: checks the documented rules before any request (text longer than 4 characters, at most
 * 10 dialog ids, a date range of at most 3 months, limit 1–100), rejecting with `validation` and per-field
 * `details.fields` as the server's 422 would, then asks `GET /chat/search.json`.
 */
export function createSearchCommand(rest: Pick<RestClient, "search">): SearchCommand {
  return async (text, options = {}) => {
    const fields: Record<string, string[]> = {};
    if (typeof text !== "string" || text.length < SEARCH_LIMITS.minTextLength)
      fields.search_text = ["must be longer than 4 characters"];
    if ((options.dialogIds?.length ?? 0) > SEARCH_LIMITS.maxDialogIds)
      fields.chat_dialog_ids = ["at most 10 dialog ids"];
    const { startDate, endDate } = options;
    if (startDate !== undefined && endDate !== undefined) {
      if (Math.abs(startDate - endDate) > SEARCH_LIMITS.maxRangeMs)
        fields.end_date = ["must be at most 3 months from start_date"];
    }
    if (
      options.limit !== undefined &&
      (!Number.isInteger(options.limit) || options.limit < 1 || options.limit > SEARCH_LIMITS.maxLimit)
    )
      fields.limit = ["must be between 1 and 100"];
    const problems = Object.keys(fields);
    if (problems.length > 0) {
      throw new ChatError("validation", `Bad search: ${problems.map((key) => `${key} ${fields[key][0]}`).join("; ")}`, {
        details: { fields },
      });
    }
    return rest.search(text, options);
  };
}
