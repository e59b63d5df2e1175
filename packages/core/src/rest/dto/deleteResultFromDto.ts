import { ChatError } from "../../errors/ChatError.js";
import { err, ok, type Result } from "../../errors/result.js";
import { isRecord } from "./readDto.js";

/** What a multi-id DELETE did, id by id. */
export interface DeleteResult {
  /** Deleted. */
  deleted: string[];
  /** Not there (already gone: treat as deleted). */
  notFound: string[];
  /** Not allowed for this user. */
  forbidden: string[];
}

/**
 * Maps a DELETE response (`{SuccessfullyDeleted: {ids}, NotFound: {ids}, WrongPermissions: {ids}}`, docs/protocol.md
 * §4–5). An empty body (a single-id dialog DELETE answers 200 with nothing) means every requested id was deleted.
 */
export function deleteResultFromDto(body: unknown, requestedIds: readonly string[]): Result<DeleteResult> {
  if (body === undefined || body === null || body === "")
    return ok({ deleted: [...requestedIds], notFound: [], forbidden: [] });
  if (!isRecord(body))
    return err(new ChatError("protocol", "Malformed delete result: not an object", { details: { dto: body } }));
  const ids = (key: string): string[] | null => {
    const group = body[key];
    if (group === undefined || group === null) return [];
    if (!isRecord(group) || !Array.isArray(group.ids)) return null;
    return group.ids.map(String);
  };
  const deleted = ids("SuccessfullyDeleted");
  const notFound = ids("NotFound");
  const forbidden = ids("WrongPermissions");
  if (deleted === null || notFound === null || forbidden === null) {
    return err(
      new ChatError("protocol", "Malformed delete result: a group has no ids list", { details: { dto: body } }),
    );
  }
  return ok({ deleted, notFound, forbidden });
}
