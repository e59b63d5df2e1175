import { ChatError } from "../errors/ChatError.js";
import type { Result } from "../errors/result.js";
import type { Http } from "./restRequest.js";

/** What every resource group is built from. */
export interface RestContext {
  /** The transport. */
  http: Http;
  /** The signed-in user's id, for statuses relative to them and for "my profile" calls; null when unknown. */
  currentUserId(): number | null;
  /** Receives the `protocol` errors of list items that did not map (they are left out of the result). */
  reportRejected(errors: readonly ChatError[]): void;
}

/** The value of a mapping; its `protocol` ChatError is thrown. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw result.error;
  return result.value;
}

/** Path segment(s) for one id or a comma-joined list (`/chat/Message/{id},{id}`), each id URI-encoded. */
export function idPath(ids: string | readonly string[]): string {
  const list = typeof ids === "string" ? [ids] : [...ids];
  return list.map((id) => encodeURIComponent(id.trim())).join(",");
}

/** A trimmed id for a path; rejects (`validation`) an empty one or one with `,` or `/`, which would change the path. */
export function checkId(id: string): string {
  if (typeof id !== "string" || id.trim() === "" || /[,/]/.test(id))
    throw new ChatError("validation", `Not an id: ${String(id)}`);
  return id.trim();
}
