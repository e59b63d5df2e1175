import { ChatError } from "../../errors/ChatError.js";
import { err, ok, type Result } from "../../errors/result.js";
import { isRecord } from "./readDto.js";

/** Who reacted with what: emoji → user ids. */
export type ReactionUsers = Record<string, number[]>;

/**
 * Maps `GET /chat/Message/{id}/reactions.json` (`{"👍": [101, 202]}`, docs/protocol.md §5); ids may be numeric strings.
 */
export function reactionUsersFromDto(body: unknown): Result<ReactionUsers> {
  if (!isRecord(body))
    return err(new ChatError("protocol", "Malformed reactions: not an object", { details: { dto: body } }));
  const reactions: ReactionUsers = {};
  for (const [emoji, users] of Object.entries(body)) {
    const ids = Array.isArray(users)
      ? users.map((id) => (typeof id === "string" && id.trim() !== "" ? Number(id) : id))
      : null;
    if (ids === null || !ids.every((id): id is number => typeof id === "number" && Number.isInteger(id))) {
      return err(
        new ChatError("protocol", `Malformed reactions: ${emoji} is not a list of user ids`, {
          details: { dto: body },
        }),
      );
    }
    if (ids.length > 0) reactions[emoji] = ids;
  }
  return ok(reactions);
}
