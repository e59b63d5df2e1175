import type { Element } from "ltx";
import { canRead, ensurePrivateDialog, isAdmin, isOccupant } from "../domain/dialogs.js";
import { dialogIdOfRoom, parseJid, roomJid, userIdOfJid } from "../domain/jid.js";
import { deleteMessageForAll, editMessage, markDelivered, markRead, saveMessage } from "../domain/messages.js";
import { type DialogRecord, DialogType } from "../model/types.js";
import { messageError } from "./errors.js";
import { hasContent, type MessageFields, readMessageFields } from "./messageFields.js";
import type { XmppServices } from "./services.js";
import type { XmppSession } from "./session.js";
import { cloneElement, el, NS } from "./stanzas.js";

/** Routes message stanzas: 1-1 chat, group chat through rooms, headlines (system messages) and errors. */
export function createMessageRouter({ ctx, registry, rooms, privacy }: XmppServices) {
  const reply = (session: XmppSession, stanza: Element) => session.send(stanza);

  /** Sends a copy to the sender's other resources that enabled carbons (XEP-0280 "sent"). */
  function sentCarbons(session: XmppSession, stanza: Element): void {
    if (stanza.getChild("private", NS.carbons) || stanza.getChild("no-copy", "urn:xmpp:hints")) return;
    for (const other of registry.sessionsOf(session.userId)) {
      if (other === session || !other.carbons) continue;
      other.send(
        el(
          "message",
          { xmlns: NS.client, from: session.bareJid, type: stanza.attrs.type },
          el("sent", { xmlns: NS.carbons }, el("forwarded", { xmlns: NS.forward }, cloneElement(stanza))),
        ),
      );
    }
  }

  /** Makes sure the relayed copy carries `dialog_id` (and `date_sent` when saved), as the service adds them. */
  function stampExtraParams(
    stanza: Element,
    fields: MessageFields,
    dialogId: string | null,
    dateSent: number | null,
  ): void {
    if (!dialogId && dateSent === null) return;
    let extra = fields.extraParams;
    if (!extra) stanza.cnode((extra = el("extraParams", { xmlns: NS.client })));
    if (dialogId && !extra.getChild("dialog_id")) extra.c("dialog_id").t(dialogId);
    if (dateSent !== null && !extra.getChild("date_sent")) extra.c("date_sent").t(String(dateSent));
  }

  /** Applies a marker, correction or removal to history when it refers to a stored message. */
  function applyToHistory(session: XmppSession, fields: MessageFields, dialog: DialogRecord | null): void {
    if (fields.marker) {
      if (fields.marker.kind === "displayed")
        ctx.db.addClientSignal({
          user_id: session.userId,
          kind: "displayed",
          message_id: fields.marker.id.toLowerCase(),
          at: ctx.clock(),
        });
      const message = ctx.db.messages.get(fields.marker.id.toLowerCase());
      const target = message && ctx.db.dialogs.get(message.chat_dialog_id);
      if (message && target && isOccupant(target, session.userId) && message.sender_id !== session.userId) {
        if (fields.marker.kind === "displayed") markRead(ctx, message, session.userId);
        else markDelivered(ctx, message, session.userId);
      }
    }
    if (fields.replace && fields.body !== null) {
      const message = ctx.db.messages.get(fields.replace.id.toLowerCase());
      if (message && message.sender_id === session.userId && (!dialog || message.chat_dialog_id === dialog._id)) {
        editMessage(ctx, message, fields.body);
      }
    }
    if (fields.remove) {
      const message = ctx.db.messages.get(fields.remove.id.toLowerCase());
      const target = message && ctx.db.dialogs.get(message.chat_dialog_id);
      if (message && target && (message.sender_id === session.userId || isAdmin(target, session.userId))) {
        deleteMessageForAll(ctx, message);
      }
    }
  }

  /** True for a message that goes into history: content, `save_to_history`, and not a correction. */
  const isStorable = (fields: MessageFields) => fields.saveToHistory && hasContent(fields) && !fields.replace;

  /**
   * Stores a storable message, or applies a marker/correction/removal to history, and waits until that is on
   * disk, so nobody receives what a crash could lose. `duplicate` means the id was already stored.
   */
  async function record(
    session: XmppSession,
    stanza: Element,
    fields: MessageFields,
    dialog: DialogRecord | null,
  ): Promise<{ duplicate: boolean; dateSent: number | null }> {
    if (isStorable(fields) && dialog) {
      const { message, duplicate } = saveMessage(ctx, {
        id: stanza.attrs.id,
        dialog,
        senderId: session.userId,
        body: fields.body,
        attachments: fields.attachments,
        custom: fields.custom,
        dateSent: fields.dateSent,
        silent: fields.silent,
      });
      await ctx.persistence.durable();
      return { duplicate, dateSent: message.date_sent };
    }
    applyToHistory(session, fields, dialog);
    if (fields.marker || fields.replace || fields.remove) await ctx.persistence.durable();
    return { duplicate: false, dateSent: null };
  }

  async function chat(session: XmppSession, stanza: Element, toUserId: number): Promise<void> {
    if (!ctx.db.users.has(toUserId))
      return reply(session, messageError(stanza, "item-not-found", "cancel", "no such user"));
    if (privacy.blocksOutgoing(session.userId, toUserId)) {
      return reply(session, messageError(stanza, "not-acceptable", "cancel", "you blocked this user"));
    }
    if (privacy.blocks(toUserId, session.userId, "message")) {
      return reply(session, messageError(stanza, "service-unavailable", "cancel", "the recipient blocked you"));
    }
    const fields = readMessageFields(stanza);
    let dialog: DialogRecord | null = null;
    if (fields.dialogId) {
      dialog = ctx.db.dialogs.get(fields.dialogId.toLowerCase()) ?? null;
      const valid =
        dialog &&
        isOccupant(dialog, session.userId) &&
        (dialog.type !== DialogType.PRIVATE || isOccupant(dialog, toUserId));
      if (!valid && (fields.saveToHistory || fields.marker || fields.replace || fields.remove)) {
        return reply(session, messageError(stanza, "item-not-found", "cancel", "no such dialog for these users"));
      }
    }
    if (isStorable(fields)) dialog ??= ensurePrivateDialog(ctx, session.userId, toUserId);
    const outcome = await record(session, stanza, fields, dialog);
    if (outcome.duplicate) return; // acknowledged (the stanza counts for SM) but neither stored nor delivered again
    stampExtraParams(stanza, fields, dialog?._id ?? null, outcome.dateSent);
    const keep = hasContent(fields) || fields.marker || fields.remove ? "store" : "drop";
    sentCarbons(session, stanza);
    registry.deliverToUser(toUserId, stanza, { offline: keep });
  }

  async function groupchat(session: XmppSession, stanza: Element, dialogId: string): Promise<void> {
    const dialog = ctx.db.dialogs.get(dialogId.toLowerCase());
    if (!dialog || dialog.type === DialogType.PRIVATE)
      return reply(session, messageError(stanza, "item-not-found", "cancel", "no such room"));
    const member =
      isOccupant(dialog, session.userId) ||
      (canRead(dialog, session.userId) && rooms.hasJoined(dialog._id, session.userId));
    if (!member)
      return reply(session, messageError(stanza, "forbidden", "auth", "you are not an occupant of this dialog"));
    const fields = readMessageFields(stanza);
    const outcome = await record(session, stanza, fields, dialog);
    if (outcome.duplicate) return;
    stampExtraParams(stanza, fields, dialog._id, outcome.dateSent);
    stanza.attrs.from = `${roomJid(ctx, dialog._id)}/${session.userId}`;
    stanza.attrs.type = "groupchat";
    // Every occupant gets it, joined or not (docs/protocol.md §17); the sender's own sessions get the MUC echo.
    // A chat state is not echoed to the sender. Users who blocked the sender get nothing.
    const recipients = new Set([...dialog.occupants_ids, ...rooms.occupants(dialog._id)]);
    for (const userId of recipients) {
      if (userId === session.userId && fields.chatState && !hasContent(fields)) continue;
      if (userId !== session.userId && privacy.blocks(userId, session.userId, "message", { viaRoom: true })) continue;
      registry.deliverToUser(userId, stanza, { offline: "drop" });
    }
  }

  function headline(session: XmppSession, stanza: Element, toUserId: number): void {
    if (!ctx.db.users.has(toUserId))
      return reply(session, messageError(stanza, "item-not-found", "cancel", "no such user"));
    if (privacy.blocks(toUserId, session.userId, "message")) return;
    registry.deliverToUser(toUserId, stanza, { offline: "store" });
  }

  return {
    /** Routes one message stanza from a bound session. */
    async route(session: XmppSession, stanza: Element): Promise<void> {
      const type = stanza.attrs.type ?? "normal";
      const to = parseJid(stanza.attrs.to);
      const toUserId = userIdOfJid(ctx, to);
      const roomDialogId = dialogIdOfRoom(ctx, to);
      if (type === "error") {
        // Errors are relayed to a user, never answered (RFC 6120 §8.3.1).
        if (toUserId !== null && ctx.db.users.has(toUserId)) registry.deliverToUser(toUserId, stanza);
        return;
      }
      if (roomDialogId !== null) {
        if (type === "headline")
          return reply(
            session,
            messageError(stanza, "feature-not-implemented", "cancel", "system messages go to users"),
          );
        return groupchat(session, stanza, roomDialogId);
      }
      if (toUserId !== null)
        return type === "headline" ? headline(session, stanza, toUserId) : chat(session, stanza, toUserId);
      if (!to || to.domain === ctx.domain || to.domain === ctx.mucDomain) return; // to the server itself: nothing to do
      return reply(session, messageError(stanza, "remote-server-not-found", "cancel", "only local users are served"));
    },
  };
}
