import type { ServerContext } from "../context.js";
import { dialogNameFor, dialogToWire, isOccupant } from "../domain/dialogs.js";
import { ApiError } from "../domain/errors.js";
import { messageToWire } from "../domain/messages.js";
import { parseTime } from "../domain/time.js";
import { userToWire } from "../domain/users.js";
import type { MessageRecord, UserRecord } from "../model/types.js";
import { coerce } from "./coerce.js";
import { reply } from "./reply.js";
import { requireUser } from "./requireSession.js";
import type { Router } from "./router.js";

/** Search limits (docs/protocol.md §5 "Global search"). */
const SEARCH_LIMITS = {
  minTextLength: 5,
  maxDialogs: 10,
  maxLimit: 100,
  maxRangeMs: 92 * 24 * 60 * 60 * 1000,
} as const;

/**
 * `GET /chat/search.json`: a case-sensitive substring search over message bodies and dialog names, in the
 * user's own dialogs. `start_date` is the later bound and `end_date` the earlier one in the docs; this
 * server takes the two as a range whatever their order. Bad parameters answer 422 naming each field.
 */
export function searchRoutes(router: Router, ctx: ServerContext): void {
  router.get("/chat/search", (request) => {
    const { user } = requireUser(ctx, request);
    const query = request.query;
    const errors: Record<string, string[]> = {};
    const fail = (field: string, message: string) => (errors[field] ??= []).push(message);

    const text = typeof query.search_text === "string" ? query.search_text : "";
    if (text.length < SEARCH_LIMITS.minTextLength)
      fail("search_text", `must be longer than ${SEARCH_LIMITS.minTextLength - 1} characters`);
    const dialogIds = coerce.list(query.chat_dialog_ids).map((id) => id.toLowerCase());
    if (dialogIds.length > SEARCH_LIMITS.maxDialogs)
      fail("chat_dialog_ids", `at most ${SEARCH_LIMITS.maxDialogs} dialogs`);
    const dates: number[] = [];
    for (const field of ["start_date", "end_date"] as const) {
      if (query[field] === undefined || query[field] === "") continue;
      const ms = parseTime(query[field]);
      if (ms === null) fail(field, "must be an ISO-8601 date or a unix timestamp");
      else dates.push(ms);
    }
    if (dates.length === 2 && Math.abs(dates[0] - dates[1]) > SEARCH_LIMITS.maxRangeMs)
      fail("end_date", "must be at most 3 months from start_date");
    let limit: number = SEARCH_LIMITS.maxLimit;
    try {
      limit = coerce.int(query.limit, "limit") ?? SEARCH_LIMITS.maxLimit;
      if (limit < 1 || limit > SEARCH_LIMITS.maxLimit) fail("limit", `must be between 1 and ${SEARCH_LIMITS.maxLimit}`);
    } catch {
      fail("limit", "must be an integer");
    }
    if (Object.keys(errors).length) throw new ApiError(422, errors);

    const from = dates.length ? Math.min(...dates) / 1000 : -Infinity;
    const to = dates.length ? Math.max(...dates) / 1000 : Infinity;
    const dialogs = [...ctx.db.dialogs.values()].filter(
      (dialog) =>
        isOccupant(dialog, user.id) &&
        !dialog.hidden_for.includes(user.id) &&
        (dialogIds.length === 0 || dialogIds.includes(dialog._id)),
    );
    const matchedDialogs = dialogs
      .filter((dialog) => dialogNameFor(ctx, dialog, user.id)?.includes(text))
      .slice(0, limit);
    const matchedMessages: MessageRecord[] = [];
    for (const dialog of dialogs) {
      for (const message of ctx.db.messagesByDialog.get(dialog._id) ?? []) {
        if (message.deleted_for.includes(user.id) || message.date_sent < from || message.date_sent > to) continue;
        if (message.message?.includes(text)) matchedMessages.push(message);
      }
    }
    matchedMessages.sort((a, b) => b.date_sent - a.date_sent || b.seq - a.seq);
    const messages = matchedMessages.slice(0, limit);

    const userIds = new Set<number>([
      ...messages.map((m) => m.sender_id),
      ...matchedDialogs.flatMap((d) => d.occupants_ids),
    ]);
    const users = [...userIds].map((id) => ctx.db.users.get(id)).filter((u): u is UserRecord => Boolean(u));
    return reply.ok({
      results: {
        dialogs: matchedDialogs.map((dialog) => dialogToWire(ctx, dialog, user.id)),
        messages: messages.map((message) => messageToWire(message, user.id)),
        users: users.map(userToWire),
      },
    });
  });
}
