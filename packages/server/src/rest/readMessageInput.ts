import { invalid } from "../domain/errors.js";
import type { NewMessage } from "../domain/messages.js";
import type { Attachment } from "../model/types.js";
import { coerce } from "./coerce.js";

/** Body keys of `POST /chat/Message.json` with a meaning of their own; any other scalar key is a custom parameter. */
const KNOWN_KEYS = new Set([
  "_id",
  "chat_dialog_id",
  "recipient_id",
  "message",
  "attachments",
  "send_to_chat",
  "markable",
  "date_sent",
  "silent",
  "save_to_history",
  "dialog_id",
  "sender_id",
  "read_ids",
  "delivered_ids",
  "created_at",
  "updated_at",
  "read",
  "delivered",
  "views_count",
  "reactions",
]);
const NUMERIC_ATTACHMENT_KEYS = new Set(["size", "width", "height", "duration"]);

/** The content of a `POST /chat/Message.json` body: text, attachments, custom parameters, `date_sent`, `silent`. */
export function readMessageInput(
  body: Record<string, unknown>,
): Pick<NewMessage, "body" | "attachments" | "custom" | "dateSent" | "silent"> {
  return {
    body: readText(body.message),
    attachments: readAttachments(body.attachments),
    custom: readCustomParams(body),
    dateSent: body.date_sent,
    silent: coerce.flag(body.silent),
  };
}

/** The message text: a string (numbers are accepted and stringified), or null; 422 for anything else. */
function readText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "number") return String(value);
  throw invalid("message", "must be a string");
}

/** Reads `attachments`: an array (or an indexed object, from a form body) of flat objects. */
function readAttachments(value: unknown): Attachment[] {
  if (value === undefined || value === null || value === "") return [];
  if (typeof value !== "object") throw invalid("attachments", "must be an array of objects");
  const items = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
  return items.map((item) => {
    if (item === null || typeof item !== "object" || Array.isArray(item))
      throw invalid("attachments", "must be an array of objects");
    const attachment: Attachment = {};
    for (const [key, raw] of Object.entries(item as Record<string, unknown>)) {
      if (raw === undefined || raw === null) continue;
      if (typeof raw === "number" && NUMERIC_ATTACHMENT_KEYS.has(key)) attachment[key] = raw;
      else attachment[key] = typeof raw === "object" ? JSON.stringify(raw) : String(raw);
    }
    return attachment;
  });
}

/** The custom parameters of a message body: every other top-level scalar, as a string (docs/protocol.md §5). */
function readCustomParams(body: Record<string, unknown>): Record<string, string> {
  const custom: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    if (KNOWN_KEYS.has(key)) continue;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      custom[key] = String(value);
  }
  return custom;
}
