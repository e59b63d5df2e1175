import { ChatError } from "../../errors/ChatError.js";
import { err, ok, type Result } from "../../errors/result.js";
import { isObjectId, normalizeId } from "../../model/ids.js";
import { nullRecord } from "../../model/nullRecord.js";
import { isRecord } from "./readDto.js";

/** Unread message counts: overall and per dialog id. */
export interface UnreadCounts {
  /** Sum over the dialogs asked about. */
  total: number;
  /** dialog id → unread messages. */
  byDialog: Record<string, number>;
}

/** Maps `GET /chat/Message/unread.json` (`{"total": 5, "<dialogId>": 3}`, docs/protocol.md §5). */
export function unreadCountsFromDto(body: unknown): Result<UnreadCounts> {
  if (!isRecord(body))
    return err(new ChatError("protocol", "Malformed unread counts: not an object", { details: { dto: body } }));
  const byDialog = nullRecord<number>();
  const problems: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === "total") continue;
    if (!isObjectId(key)) problems.push(`${key} is not a dialog id`);
    else if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) byDialog[normalizeId(key)] = value;
    else problems.push(`${key} is not a count`);
  }
  const sum = Object.values(byDialog).reduce((all, n) => all + n, 0);
  const given = body.total;
  const total = typeof given === "number" && Number.isSafeInteger(given) && given >= 0 ? given : sum;
  if (problems.length > 0) {
    return err(
      new ChatError("protocol", `Malformed unread counts: ${problems.join("; ")}`, {
        details: { problems, dto: body },
      }),
    );
  }
  return ok({ total, byDialog });
}
