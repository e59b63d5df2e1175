import { clone, type Element } from "ltx";
import type { ServerContext } from "../context.js";
import { type DialogRecord, DialogType } from "../model/types.js";

/**
 * Sends a stanza to the occupants of a dialog over XMPP.
 * - Private dialogs: to the other occupant, stored for later while they are offline (as a 1-1 message is),
 *   and to the actor's own sessions only when `includeActor` is set.
 * - Group and public dialogs: to every occupant, the actor included, as a MUC room echoes (docs/protocol.md §8);
 *   nothing is stored for offline occupants: a room does not queue, they read the history when they return.
 * A copy for the actor is never stored: they made the change through REST and know it.
 */
export function deliverToDialog(
  ctx: ServerContext,
  dialog: DialogRecord,
  stanza: Element,
  actorId: number,
  options: { includeActor?: boolean } = {},
): void {
  const isPrivate = dialog.type === DialogType.PRIVATE;
  const includeActor = options.includeActor ?? !isPrivate;
  for (const userId of dialog.occupants_ids) {
    if (userId === actorId) {
      if (includeActor) ctx.chat.deliverToUser(userId, clone(stanza), { offline: "drop" });
      continue;
    }
    ctx.chat.deliverToUser(userId, clone(stanza), { offline: isPrivate ? "store" : "drop" });
  }
}
