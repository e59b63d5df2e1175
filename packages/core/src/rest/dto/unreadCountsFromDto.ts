import { ChatError } from "../../errors/ChatError.js";
import { err, ok, type Result } from "../../errors/result.js";
import { isRecord } from "./readDto.js";

/** Unread message counts: overall and per dialog id. */
export interface UnreadCounts {
  /** Sum over the dialogs asked about. */
  total: number;
  /** dialog id → unread messages. */
  byDialog: Record<string, number>;
}

/** Maps `GET /chat/Message/unread.json` (`{"total": 5, "<dialogId>": 3}`, PROTOCOL.md §5). */
export function unreadCountsFromDto(body: unknown): Result<UnreadCounts> {
  if (!isRecord(body)) return err(new ChatError("protocol", "Malformed unread counts: not an object", { details: { dto: body } }));
  const byDialog: Record<string, number> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === "total") continue;
    if (typeof value === "number" && Number.isInteger(value) && value >= 0) byDialog[key] = value;
    else problems.push(`${key} is not a count`);
  }
  const total = typeof body.total === "number" ? body.total : Object.values(byDialog).reduce((sum, n) => sum + n, 0);
  if (problems.length > 0) {
    return err(new ChatError("protocol", `Malformed unread counts: ${problems.join("; ")}`, { details: { problems, dto: body } }));
  }
  return ok({ total, byDialog });
}
