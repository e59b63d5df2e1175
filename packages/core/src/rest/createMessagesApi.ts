import { ChatError } from "../errors/ChatError.js";
import { type Attachment, attachmentToWire } from "../model/attachment.js";
import { objectId } from "../model/ids.js";
import type { CustomParams, Message } from "../model/message.js";
import { createReactionsApi, type ReactionsApi } from "./createReactionsApi.js";
import { type DeleteResult, deleteResultFromDto } from "./dto/deleteResultFromDto.js";
import { deleteForm } from "./dto/dialogRequests.js";
import { MESSAGE_FIELDS, messageFromDto } from "./dto/messageFromDto.js";
import {
  messageHistoryQuery,
  type UpdateMessageInput,
  unreadCountQuery,
  updateMessageBody,
} from "./dto/messageRequests.js";
import { messageStatusFor } from "./dto/messageStatusFor.js";
import { pageFromDto } from "./dto/pageFromDto.js";
import { type UnreadCounts, unreadCountsFromDto } from "./dto/unreadCountsFromDto.js";
import { checkId, idPath, type RestContext, unwrap } from "./restContext.js";

/** What `messages.list` asks for. Times are milliseconds; the wire gets unix seconds. */
interface MessageListOptions {
  /** Only messages sent strictly before this time (`date_sent[lt]`): the next older page. */
  before?: number;
  /** Only messages sent strictly after this time (`date_sent[gt]`): what is new since. */
  after?: number;
  /** Page size (default 50). */
  limit?: number;
  /** Offset. */
  skip?: number;
  /** Let the server mark the returned messages read (default false: `mark_as_read=0`). */
  markAsRead?: boolean;
  /** `desc` (default): newest first; `asc`: oldest first. */
  sort?: "desc" | "asc";
}

/** A message to store with `POST /chat/Message.json`. */
interface CreateMessageInput {
  /** 24-hex id; generated when omitted. The server keeps it, which makes a resend idempotent (docs/protocol.md §17). */
  id?: string;
  dialogId: string;
  /** Text; null/omitted for an attachment-only message. */
  body?: string | null;
  attachments?: readonly Attachment[];
  /** Custom parameters, sent as top-level string keys. */
  custom?: Readonly<CustomParams>;
  /** Also deliver it over XMPP (`send_to_chat=1`). */
  sendToChat?: boolean;
}

/** `/chat/Message` (docs/protocol.md §5). */
export interface MessagesApi {
  /** A page of a dialog's history, statuses relative to the current user. */
  list(dialogId: string, options?: MessageListOptions): Promise<Message[]>;
  /** Stores a message (and delivers it with `sendToChat`). Retried: the id makes it idempotent. */
  create(input: CreateMessageInput): Promise<Message>;
  /** Marks messages read/delivered, or persists an edit (`body`, own messages only). */
  update(ids: string | readonly string[], input: UpdateMessageInput): Promise<void>;
  /** Marks every message of a dialog read (`PUT /chat/Message.json` with `{read: 1, chat_dialog_id}`). */
  markAllRead(dialogId: string): Promise<void>;
  /** Deletes messages for the current user, or for everyone with `force`; outcome per id. */
  remove(ids: string | readonly string[], options?: { force?: boolean }): Promise<DeleteResult>;
  /** Unread counts of some dialogs (all of the user's when omitted). */
  unread(dialogIds?: readonly string[]): Promise<UnreadCounts>;
  /** Reactions (`/chat/Message/{id}/reactions`). */
  reactions: ReactionsApi;
}

/** Creates the messages resource group. */
export function createMessagesApi(ctx: RestContext): MessagesApi {
  const { http } = ctx;

  /** Re-derives `status` for the current user (the mapper alone only knows the sender's point of view). */
  const forMe = (message: Message): Message => {
    const me = ctx.currentUserId();
    if (me === null) return message;
    const status = messageStatusFor(message, me);
    return status === message.status ? message : { ...message, status };
  };

  return {
    async list(dialogId, options = {}) {
      const query = messageHistoryQuery({
        dialogId: checkId(dialogId),
        dateSent:
          options.before === undefined && options.after === undefined
            ? undefined
            : { lt: options.before, gt: options.after },
        limit: options.limit,
        skip: options.skip,
        order: options.sort,
        markAsRead: options.markAsRead,
      });
      const page = unwrap(
        pageFromDto(await http.request({ method: "GET", path: "chat/Message", params: query }), messageFromDto),
      );
      if (page.rejected.length > 0) ctx.reportRejected(page.rejected);
      // In the order asked for, whatever order the server used: callers place pages by their ends.
      return sortedPage(page.items.map(forMe), options.sort ?? "desc");
    },

    async create(input) {
      const body: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(input.custom ?? {})) {
        if (MESSAGE_FIELDS.has(key) || key === "recipient_id")
          throw new ChatError("validation", `Custom parameter ${key} clashes with a message field`);
        body[key] = value;
      }
      body._id = input.id ?? objectId();
      body.chat_dialog_id = checkId(input.dialogId);
      if (input.body !== undefined && input.body !== null) body.message = input.body;
      if (input.attachments && input.attachments.length > 0) body.attachments = input.attachments.map(attachmentToWire);
      if (input.sendToChat) body.send_to_chat = 1;
      const answer = await http.request({ method: "POST", path: "chat/Message", body, idempotent: true });
      return forMe(unwrap(messageFromDto(answer)));
    },

    async update(ids, input) {
      const list = idList(ids);
      await http.request({
        method: "PUT",
        path: `chat/Message/${idPath(list)}`,
        body: updateMessageBody(input),
        expect: "none",
      });
    },

    async markAllRead(dialogId) {
      await http.request({
        method: "PUT",
        path: "chat/Message",
        body: { read: 1, chat_dialog_id: checkId(dialogId) },
        expect: "none",
      });
    },

    async remove(ids, options = {}) {
      const list = idList(ids);
      const body = await http.request({
        method: "DELETE",
        path: `chat/Message/${idPath(list)}`,
        params: deleteForm(options.force === true),
      });
      return unwrap(deleteResultFromDto(body, list));
    },

    async unread(dialogIds = []) {
      dialogIds.forEach(checkId);
      const body = await http.request({
        method: "GET",
        path: "chat/Message/unread",
        params: unreadCountQuery(dialogIds),
      });
      return unwrap(unreadCountsFromDto(body));
    },

    reactions: createReactionsApi(ctx),
  };
}

function idList(ids: string | readonly string[]): string[] {
  const list = typeof ids === "string" ? [ids] : [...ids];
  if (list.length === 0) throw new ChatError("validation", "No message ids given");
  return list.map(checkId);
}

/** Messages by `dateSent`, ties by id: newest first for `desc`. */
function sortedPage(items: Message[], order: "asc" | "desc"): Message[] {
  const sign = order === "asc" ? 1 : -1;
  // By time only, and stable: within one second the server's order (arrival) stands; ids are random there.
  return items.sort((a, b) => sign * (a.dateSent - b.dateSent));
}
