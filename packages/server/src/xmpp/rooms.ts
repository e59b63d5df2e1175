import type { Element } from "ltx";
import type { ServerContext } from "../context.js";
import { roomJid } from "../domain/jid.js";
import type { DialogRecord } from "../model/types.js";
import type { XmppSession } from "./session.js";
import { el, NS } from "./stanzas.js";

/**
 * MUC occupancy: which sessions joined which dialog's room (joining is optional for messaging, docs/protocol.md §17).
 */
export class Rooms {
  private readonly joined = new Map<string, Map<number, Set<XmppSession>>>();

  constructor(private readonly ctx: ServerContext) {}

  /** User ids with at least one session in the room. */
  occupants(dialogId: string): number[] {
    return [...(this.joined.get(dialogId)?.keys() ?? [])];
  }

  /** True when the user has a session in the room. */
  hasJoined(dialogId: string, userId: number): boolean {
    return (this.joined.get(dialogId)?.get(userId)?.size ?? 0) > 0;
  }

  /** Adds a session; sends it the other occupants' presences then its own with status 110, and tells the others. */
  join(session: XmppSession, dialog: DialogRecord, joinPresence: Element): void {
    let room = this.joined.get(dialog._id);
    if (!room) this.joined.set(dialog._id, (room = new Map()));
    const firstOfUser = !room.get(session.userId)?.size;
    for (const [userId, sessions] of room) {
      if (userId !== session.userId && sessions.size) session.send(this.presence(dialog, userId, false));
    }
    let mine = room.get(session.userId);
    if (!mine) room.set(session.userId, (mine = new Set()));
    mine.add(session);
    session.rooms.add(dialog._id);
    const self = this.presence(dialog, session.userId, true);
    if (joinPresence.attrs.id) self.attrs.id = joinPresence.attrs.id;
    session.send(self);
    if (firstOfUser) this.broadcast(dialog, session.userId, this.presence(dialog, session.userId, false));
  }

  /** Removes a session; answers it with an unavailable self-presence and tells the others when the user left. */
  leave(
    session: XmppSession,
    dialog: DialogRecord | undefined,
    dialogId: string,
    options: { notifySelf?: boolean; id?: string } = {},
  ): void {
    const room = this.joined.get(dialogId);
    const mine = room?.get(session.userId);
    session.rooms.delete(dialogId);
    if (!room || !mine?.delete(session)) return;
    if (options.notifySelf !== false && dialog) {
      const self = this.presence(dialog, session.userId, true, "unavailable");
      if (options.id) self.attrs.id = options.id;
      session.send(self);
    }
    if (mine.size === 0) {
      room.delete(session.userId);
      if (dialog) this.broadcast(dialog, session.userId, this.presence(dialog, session.userId, false, "unavailable"));
    }
    if (room.size === 0) this.joined.delete(dialogId);
  }

  /** Removes a session from every room it joined (its socket is gone). */
  leaveAll(session: XmppSession): void {
    for (const dialogId of [...session.rooms]) {
      this.leave(session, this.ctx.db.dialogs.get(dialogId), dialogId, { notifySelf: false });
    }
  }

  private broadcast(dialog: DialogRecord, aboutUserId: number, stanza: Element): void {
    for (const [userId, sessions] of this.joined.get(dialog._id) ?? []) {
      if (userId === aboutUserId) continue;
      for (const other of sessions) other.send(stanza);
    }
  }

  /** An occupant presence from `{room}/{userId}`; `self` adds status 110. */
  private presence(dialog: DialogRecord, userId: number, self: boolean, type?: string): Element {
    const affiliation = dialog.user_id === userId ? "owner" : dialog.admins_ids.includes(userId) ? "admin" : "member";
    const x = el(
      "x",
      { xmlns: NS.mucUser },
      el("item", {
        affiliation: type === "unavailable" ? affiliation : affiliation,
        role: type === "unavailable" ? "none" : "participant",
      }),
    );
    if (self) x.cnode(el("status", { code: 110 }));
    return el("presence", { xmlns: NS.client, from: `${roomJid(this.ctx, dialog._id)}/${userId}`, type }, x);
  }
}
