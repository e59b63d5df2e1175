import type { Element } from "@xmpp/xml";
import type { ChatError } from "../../errors/ChatError.js";
import { chatErrorFromStanza } from "../../errors/chatErrorFromStanza.js";
import { dialogIdFromRoomJid, type JidContext, parseJid, roomOccupantJid } from "./jid.js";
import { NS } from "./namespaces.js";
import { xml } from "./xml.js";

/**
 * `<presence id to="{room}/{myUserId}"><x xmlns="http://jabber.org/protocol/muc"><history maxstanzas="0"/></x>
 * </presence>` (docs/protocol.md §10). Joining is optional for messaging; it tells who is in the room.
 */
export function buildMucJoin(
  ctx: JidContext,
  dialogId: string,
  selfUserId: number,
  options: { id?: string } = {},
): Element {
  return xml(
    "presence",
    { id: options.id, to: roomOccupantJid(ctx, dialogId, selfUserId) },
    xml("x", { xmlns: NS.muc }, xml("history", { maxstanzas: "0" })),
  );
}

/** `<presence type="unavailable" to="{room}/{myUserId}"/>` (docs/protocol.md §10). */
export function buildMucLeave(ctx: JidContext, dialogId: string, selfUserId: number): Element {
  return xml("presence", { type: "unavailable", to: roomOccupantJid(ctx, dialogId, selfUserId) });
}

/** A room presence, read. */
export type MucPresence =
  | {
      kind: "occupant";
      dialogId: string;
      userId: number;
      /** False for `type="unavailable"` (left, kicked or banned). */
      available: boolean;
      /** Status 110: this presence is about the current user (a join or leave has completed). */
      self: boolean;
      /** MUC status codes (110 self, 301 banned, 307 kicked, …). */
      statusCodes: number[];
    }
  | { kind: "error"; dialogId: string | null; id: string | null; error: ChatError }
  | { kind: "not-muc" };

/**
 * Reads a presence from a room: occupant joins/leaves (status 110 marks the current user's own, which is how a join
 * is known to have completed; docs/protocol.md §10) and join errors. Anything that is not a room presence is `not-muc`.
 */
export function parseMucPresence(presence: Element): MucPresence {
  const from = String(presence.attrs.from ?? "");
  const dialogId = dialogIdFromRoomJid(from);
  if (presence.attrs.type === "error") {
    return {
      kind: "error",
      dialogId,
      id: presence.attrs.id ?? null,
      error: chatErrorFromStanza(presence, { oneToOne: false }),
    };
  }
  const x = presence.getChild("x", NS.mucUser);
  const nick = parseJid(from)?.resource ?? "";
  if (dialogId === null || !/^\d+$/.test(nick)) return { kind: "not-muc" };
  const statusCodes = (x?.getChildren("status") ?? [])
    .map((status) => Number.parseInt(String(status.attrs.code ?? ""), 10))
    .filter((code) => Number.isFinite(code));
  return {
    kind: "occupant",
    dialogId,
    userId: Number(nick),
    available: presence.attrs.type !== "unavailable",
    self: statusCodes.includes(110),
    statusCodes,
  };
}
