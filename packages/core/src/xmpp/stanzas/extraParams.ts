import type { Element } from "@xmpp/xml";
import { ChatError } from "../../errors/ChatError.js";
import { type Attachment, attachmentFromWire, attachmentToWire } from "../../model/attachment.js";
import type { CustomParams } from "../../model/message.js";
import { nullRecord } from "../../model/nullRecord.js";
import { xml } from "./xml.js";

/** The custom parameters of a message that has none (frozen, shared). */
const NO_CUSTOM_PARAMS: Record<string, string> = Object.freeze(nullRecord<string>());

import { msToSeconds, wireTimeToMs } from "../../time/wireTime.js";
import { NS } from "./namespaces.js";

/** extraParams children that are protocol fields, never custom parameters. */
const RESERVED_PARAMS: ReadonlySet<string> = new Set([
  "save_to_history",
  "dialog_id",
  "date_sent",
  "attachment",
  "silent",
  "moduleIdentifier",
  "markable",
]);

/** What goes into `<extraParams xmlns="jabber:client">` (docs/protocol.md §8). */
export interface ExtraParamsInput {
  dialogId?: string | null;
  saveToHistory?: boolean;
  /** Send time in ms; written as unix seconds. */
  dateSent?: number;
  /** Suppress offline push. */
  silent?: boolean;
  /** System messages: `SystemNotifications`. */
  moduleIdentifier?: string;
  attachments?: readonly Attachment[];
  /** Custom keys; each becomes a text child. Names must be XML names and not reserved. */
  customParams?: Readonly<Record<string, string | number | boolean>>;
}

/** What an incoming `<extraParams>` held. */
export interface ExtraParams {
  dialogId: string | null;
  saveToHistory: boolean;
  /** `date_sent` in ms (seconds on the wire; milliseconds tolerated), or null. */
  dateSent: number | null;
  silent: boolean;
  moduleIdentifier: string | null;
  attachments: Attachment[];
  customParams: CustomParams;
}

const XML_NAME = /^[A-Za-z_][\w.-]*$/;

/**
 * Builds `<extraParams xmlns="jabber:client">`: `save_to_history`, `dialog_id`, `date_sent`, `silent`,
 * `moduleIdentifier`, one `<attachment …/>` per attachment (string attributes) and a text child per custom key.
 * Throws `ChatError("validation")` for a custom key that is reserved or not an XML name.
 */
export function buildExtraParams(input: ExtraParamsInput): Element {
  const children: Element[] = [];
  const text = (name: string, value: string) => children.push(xml(name, {}, value));
  if (input.saveToHistory) text("save_to_history", "1");
  if (input.dialogId) text("dialog_id", input.dialogId);
  if (input.dateSent !== undefined) text("date_sent", String(msToSeconds(input.dateSent)));
  if (input.silent) text("silent", "1");
  if (input.moduleIdentifier) text("moduleIdentifier", input.moduleIdentifier);
  for (const attachment of input.attachments ?? []) children.push(xml("attachment", attachmentToWire(attachment)));
  for (const [key, value] of Object.entries(input.customParams ?? {})) {
    if (!XML_NAME.test(key) || RESERVED_PARAMS.has(key)) {
      throw new ChatError("validation", `Custom parameter name "${key}" is reserved or not an XML name`, {
        details: { fields: { [key]: ["invalid name"] } },
      });
    }
    text(key, String(value));
  }
  return xml("extraParams", { xmlns: NS.client }, ...children);
}

/** Reads `<extraParams>` of a message (absent → empty values). Values arrive as strings; nested elements are skipped. */
export function readExtraParams(message: Element): ExtraParams {
  const params = message.getChild("extraParams");
  const result: ExtraParams = {
    dialogId: null,
    saveToHistory: false,
    dateSent: null,
    silent: false,
    moduleIdentifier: null,
    attachments: [],
    customParams: NO_CUSTOM_PARAMS, // most messages have none: one shared empty record, not one each
  };
  if (!params) return result;
  for (const child of params.getChildElements()) {
    const value = child.getText().trim();
    switch (child.name) {
      case "attachment":
        result.attachments.push(attachmentFromWire(child.attrs as Record<string, unknown>));
        break;
      case "dialog_id":
        result.dialogId = value || null;
        break;
      case "save_to_history":
        result.saveToHistory = value === "1" || value === "true";
        break;
      case "date_sent":
        result.dateSent = wireTimeToMs(value);
        break;
      case "silent":
        result.silent = value === "1" || value === "true";
        break;
      case "moduleIdentifier":
        result.moduleIdentifier = value || null;
        break;
      case "markable":
        break;
      default:
        if (child.getChildElements().length > 0) break;
        if (result.customParams === NO_CUSTOM_PARAMS) result.customParams = nullRecord();
        result.customParams[child.name] = child.getText();
    }
  }
  return result;
}
