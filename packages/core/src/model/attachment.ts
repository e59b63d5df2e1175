import { nullRecord } from "./nullRecord.js";

/**
 * A file attached to a message. On the wire (XMPP `<attachment …/>` attributes and REST `attachments[]`) every value
 * is a flat string (or number); the domain names them in camelCase and keeps unknown keys in `extra`.
 */
export interface Attachment {
  /** `image`, `video`, `audio`, `file`… (free text on the wire). */
  type?: string;
  /** Blob id. */
  id?: string;
  /** Blob uid, the usual way to build a download URL. */
  uid?: string;
  /** Direct URL. */
  url?: string;
  /** File name. */
  name?: string;
  /** MIME type (`content-type` on the wire). */
  contentType?: string;
  /** Size in bytes. */
  size?: number;
  /** Pixel width. */
  width?: number;
  /** Pixel height. */
  height?: number;
  /** Duration in seconds. */
  duration?: number;
  /** Inline data (e.g. a thumbnail), as sent. */
  data?: string;
  /** Any other wire attribute, as a string. */
  extra?: Record<string, string>;
}

const TEXT_FIELDS = ["type", "id", "uid", "url", "name", "data"] as const;
const NUMBER_FIELDS = ["size", "width", "height", "duration"] as const;
const CONTENT_TYPE_KEYS = ["content-type", "content_type", "contentType"];

/** Reads a wire attachment (XMPP attributes or REST JSON object) into the domain shape. */
export function attachmentFromWire(wire: Readonly<Record<string, unknown>>): Attachment {
  const attachment: Attachment = {};
  const extra = nullRecord<string>();
  for (const [key, raw] of Object.entries(wire)) {
    if (raw === null || raw === undefined || key === "xmlns") continue;
    const text =
      typeof raw === "string" ? raw : typeof raw === "number" || typeof raw === "boolean" ? String(raw) : null;
    if (text === null) continue;
    if ((TEXT_FIELDS as readonly string[]).includes(key)) attachment[key as (typeof TEXT_FIELDS)[number]] = text;
    else if ((NUMBER_FIELDS as readonly string[]).includes(key)) {
      const value = Number(text);
      if (text.trim() !== "" && Number.isFinite(value)) attachment[key as (typeof NUMBER_FIELDS)[number]] = value;
      else extra[key] = text;
    } else if (CONTENT_TYPE_KEYS.includes(key)) attachment.contentType = text;
    else extra[key] = text;
  }
  if (Object.keys(extra).length > 0) attachment.extra = extra;
  return attachment;
}

/** Writes an attachment as wire attributes (all strings; `contentType` as `content-type`). */
export function attachmentToWire(attachment: Attachment): Record<string, string> {
  const wire: Record<string, string> = { ...attachment.extra };
  for (const key of TEXT_FIELDS) if (attachment[key] !== undefined) wire[key] = attachment[key];
  for (const key of NUMBER_FIELDS) if (attachment[key] !== undefined) wire[key] = String(attachment[key]);
  if (attachment.contentType !== undefined) wire["content-type"] = attachment.contentType;
  return wire;
}
