import { ChatError } from "../../errors/ChatError.js";
import { encodeQuery } from "./encodeQuery.js";

/**
 * The query string of `GET /users/v2.json` for some ids: `id[in][]=202&id[in][]=303&limit=…` (users v2 repeats
 * array items instead of comma-joining them, docs/protocol.md §2).
 */
export function usersByIdsQuery(ids: readonly number[], options: { limit?: number } = {}): string {
  if (ids.length === 0) throw new ChatError("validation", "usersByIdsQuery needs at least one id");
  return encodeQuery({ id: { in: ids }, limit: options.limit ?? Math.min(100, ids.length) }, { arrays: "brackets" });
}
