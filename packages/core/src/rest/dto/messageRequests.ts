import { ChatError } from "../../errors/ChatError.js";
import { encodeQuery } from "./encodeQuery.js";

/** Bounds on `date_sent`, in milliseconds; converted to the wire's unix seconds without losing messages. */
export interface DateSentRange {
  /** Strictly before. */
  lt?: number;
  /** At or before. */
  lte?: number;
  /** Strictly after. */
  gt?: number;
  /** At or after. */
  gte?: number;
}

/** What to fetch with `GET /chat/Message.json`. */
export interface MessageHistoryParams {
  /** The dialog. */
  dialogId: string;
  /** Bounds on the send time (ms). */
  dateSent?: DateSentRange;
  /** Page size (default 50). */
  limit?: number;
  /** Offset (default: not sent). */
  skip?: number;
  /** Newest first (`desc`, default) or oldest first. */
  order?: "asc" | "desc";
  /** Let the server mark the returned messages read (default false: `mark_as_read=0` is always sent). */
  markAsRead?: boolean;
  /** Read a public dialog with `allow_preview` as a non-member. */
  preview?: boolean;
}

/**
 * The query string of a history page (docs/protocol.md §5, §16.6), e.g.
 * `chat_dialog_id=D&date_sent[lt]=1700000000&limit=50&mark_as_read=0&sort_desc=date_sent`. Fetching history marks
 * messages read unless told not to, so `mark_as_read=0` is sent unless `markAsRead` is true.
 */
export function messageHistoryQuery(params: MessageHistoryParams): string {
  if (!params.dialogId) throw new ChatError("validation", "A history query needs a dialog id");
  return encodeQuery({
    chat_dialog_id: params.dialogId,
    date_sent: params.dateSent ? dateSentToSeconds(params.dateSent) : undefined,
    limit: params.limit ?? 50,
    skip: params.skip,
    mark_as_read: params.markAsRead ? undefined : 0,
    preview: params.preview ? 1 : undefined,
    [(params.order ?? "desc") === "asc" ? "sort_asc" : "sort_desc"]: "date_sent",
  });
}

/**
 * Converts millisecond bounds to second bounds that select exactly the messages whose whole-second `date_sent`
 * satisfies the millisecond bound (`lt`/`gte` round up, `lte`/`gt` round down).
 */
export function dateSentToSeconds(range: DateSentRange): Record<string, number> {
  const out: Record<string, number> = {};
  if (range.lt !== undefined) out.lt = Math.ceil(range.lt / 1000);
  if (range.lte !== undefined) out.lte = Math.floor(range.lte / 1000);
  if (range.gt !== undefined) out.gt = Math.floor(range.gt / 1000);
  if (range.gte !== undefined) out.gte = Math.ceil(range.gte / 1000);
  return out;
}

/** What `PUT /chat/Message/{ids}.json` (or `/chat/Message.json` for the whole dialog) changes. */
export interface UpdateMessageInput {
  /** The dialog (always required by the server). */
  dialogId: string;
  /** Mark read. */
  read?: boolean;
  /** Mark delivered. */
  delivered?: boolean;
  /** New text (persists an edit). */
  body?: string;
}

/** The JSON body of a message update (docs/protocol.md §5, §16.4, §16.8). */
export function updateMessageBody(input: UpdateMessageInput): Record<string, unknown> {
  const body: Record<string, unknown> = { chat_dialog_id: input.dialogId };
  if (input.read) body.read = 1;
  if (input.delivered) body.delivered = 1;
  if (input.body !== undefined) body.message = input.body;
  return body;
}

/** The JSON body of `PUT /chat/Message/{id}/reactions.json`. */
export function reactionsBody(change: { add?: string | null; remove?: string | null }): Record<string, string> {
  if (!change.add && !change.remove) throw new ChatError("validation", "A reaction change adds or removes an emoji");
  const body: Record<string, string> = {};
  if (change.add) body.add = change.add;
  if (change.remove) body.remove = change.remove;
  return body;
}

/** The query string of `GET /chat/Message/unread.json` for some dialogs (all when empty). */
export function unreadCountQuery(dialogIds: readonly string[] = []): string {
  return dialogIds.length === 0 ? "" : encodeQuery({ chat_dialog_ids: dialogIds.join(",") });
}
