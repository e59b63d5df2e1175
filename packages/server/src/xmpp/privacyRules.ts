import type { ServerContext } from "../context.js";
import { parseJid, userIdOfJid } from "../domain/jid.js";
import type { PrivacyItem } from "../model/types.js";
import type { SessionRegistry } from "./sessionRegistry.js";

/** The kinds of traffic a privacy list item can cover (XEP-0016 §2.1). */
export type PrivacyKind = "message" | "presence-in" | "presence-out" | "iq";

/**
 * Decides whether a user's privacy list blocks traffic with another user. The list in force is the one a
 * session of the owner made active, else the owner's default list. Items are tried by `order`; the first that
 * matches decides. An item with no children covers everything, in both directions (the "mutual block").
 */
export class PrivacyRules {
  constructor(
    private readonly ctx: ServerContext,
    private readonly registry: SessionRegistry,
  ) {}

  /** The items in force for a user, or null. */
  listInForce(ownerId: number): PrivacyItem[] | null {
    const record = this.ctx.db.privacy.get(ownerId);
    if (!record) return null;
    for (const session of this.registry.sessionsOf(ownerId)) {
      const active = session.activePrivacyList;
      if (active && record.lists[active]) return record.lists[active];
    }
    return record.defaultName ? (record.lists[record.defaultName] ?? null) : null;
  }

  /** True when `ownerId`'s list denies `kind` traffic with `otherId` (incoming for message/iq/presence-in). */
  blocks(ownerId: number, otherId: number, kind: PrivacyKind, options: { viaRoom?: boolean } = {}): boolean {
    const items = this.listInForce(ownerId);
    if (!items || items.length === 0) return false;
    for (const item of [...items].sort((a, b) => a.order - b.order)) {
      if (!this.matches(ownerId, item, otherId, options.viaRoom ?? false)) continue;
      if (item.kinds.length > 0 && !item.kinds.includes(kind)) continue;
      return item.action === "deny";
    }
    return false;
  }

  /** True when `ownerId` blocked everything with `otherId` (an item with no children): their own sends are stopped too. */
  blocksOutgoing(ownerId: number, otherId: number): boolean {
    const items = this.listInForce(ownerId);
    if (!items) return false;
    for (const item of [...items].sort((a, b) => a.order - b.order)) {
      // Items with children cover only the kinds they name, none of which is an outgoing message.
      if (item.kinds.length > 0 || !this.matches(ownerId, item, otherId, false)) continue;
      return item.action === "deny";
    }
    return false;
  }

  private matches(ownerId: number, item: PrivacyItem, otherId: number, viaRoom: boolean): boolean {
    if (item.type === null) return true;
    if (item.type === "jid") {
      const value = item.value ?? "";
      // `muc.{domain}/{userId}` stands for the user's messages in group dialogs (docs/protocol.md §11).
      if (value === `${this.ctx.mucDomain}/${otherId}`) return viaRoom;
      const jid = parseJid(value);
      return userIdOfJid(this.ctx, jid) === otherId;
    }
    if (item.type === "subscription") {
      const entry = this.ctx.db.roster.get(ownerId)?.get(otherId);
      const subscription = entry?.subscription ?? "none";
      return subscription === item.value;
    }
    return false; // roster groups are not kept
  }
}
