import type { Element } from "ltx";
import type { Attachment } from "../model/types.js";
import { NS } from "./stanzas.js";

/** Keys of extraParams that are protocol fields rather than custom parameters. */
const RESERVED = new Set([
  "save_to_history",
  "dialog_id",
  "date_sent",
  "attachment",
  "silent",
  "moduleIdentifier",
  "markable",
]);

/** What a chat message stanza carries, read once (pure; no I/O). */
export interface MessageFields {
  body: string | null;
  dialogId: string | null;
  saveToHistory: boolean;
  dateSent: string | null;
  silent: boolean;
  attachments: Attachment[];
  custom: Record<string, string>;
  /** `<received id>` / `<displayed id>` marker, if any. */
  marker: { kind: "received" | "displayed"; id: string } | null;
  chatState: string | null;
  replace: { id: string; last: boolean } | null;
  remove: { id: string } | null;
  extraParams: Element | undefined;
}

const CHAT_STATES = ["active", "composing", "paused", "inactive", "gone"];

/** Reads the fields of a message stanza. */
export function readMessageFields(stanza: Element): MessageFields {
  const extra = stanza.getChild("extraParams", NS.client) ?? stanza.getChild("extraParams");
  const custom: Record<string, string> = {};
  const attachments: Attachment[] = [];
  for (const child of extra?.getChildElements() ?? []) {
    if (child.name === "attachment") {
      const attachment: Attachment = {};
      for (const [key, value] of Object.entries(child.attrs))
        if (key !== "xmlns") attachment[key] = key === "size" && /^\d+$/.test(value) ? Number(value) : value;
      attachments.push(attachment);
    } else if (!RESERVED.has(child.name) && child.getChildElements().length === 0) {
      custom[child.name] = child.getText();
    }
  }
  const marker = stanza.getChild("received", NS.markers) ?? stanza.getChild("displayed", NS.markers);
  const chatState = stanza.children.find(
    (child): child is Element =>
      typeof child !== "string" && CHAT_STATES.includes(child.name) && child.attrs.xmlns === NS.chatStates,
  );
  const replace = stanza.getChild("replace", NS.correct);
  const remove = stanza.getChild("remove", NS.remove);
  const bodyEl = stanza.getChild("body");
  return {
    body: bodyEl ? bodyEl.getText() : null,
    dialogId: extra?.getChildText("dialog_id")?.trim() || null,
    saveToHistory: ["1", "true"].includes(extra?.getChildText("save_to_history")?.trim() ?? ""),
    dateSent: extra?.getChildText("date_sent")?.trim() || null,
    silent: ["1", "true"].includes(extra?.getChildText("silent")?.trim() ?? ""),
    attachments,
    custom,
    marker: marker?.attrs.id ? { kind: marker.name as "received" | "displayed", id: marker.attrs.id } : null,
    chatState: chatState ? chatState.name : null,
    replace: replace?.attrs.id ? { id: replace.attrs.id, last: replace.attrs.last !== "false" } : null,
    remove: remove?.attrs.id ? { id: remove.attrs.id } : null,
    extraParams: extra,
  };
}

/** True when the message carries content worth storing or keeping offline (a body or attachments). */
export function hasContent(fields: MessageFields): boolean {
  return fields.body !== null || fields.attachments.length > 0;
}
