import type { ServerContext } from "../context.js";
import {
  addOccupants,
  createDialog,
  dialogNameFor,
  dialogToWire,
  getDialog,
  isOccupant,
  removeOccupants,
  requireOccupant,
} from "../domain/dialogs.js";
import { ApiError, forbidden } from "../domain/errors.js";
import { deleteMessageForAll, deleteMessageForUser } from "../domain/messages.js";
import { userToWire } from "../domain/users.js";
import { type DialogRecord, DialogType, type UserRecord } from "../model/types.js";
import { coerce } from "./coerce.js";
import { type DeleteOutcome, deleteOutcome } from "./deleteOutcome.js";
import { dialogListSpec } from "./dialogListSpec.js";
import { listQuery, paging } from "./listQuery.js";
import { reply } from "./reply.js";
import { requireUser } from "./requireSession.js";
import type { Router } from "./router.js";

/**
 * `/chat/Dialog` (docs/protocol.md §4) except updates: list, create, delete, clear history, subscribe, occupants,
 * notification settings. A dialog that exists but is closed to the user answers 403 (see `requireOccupant`).
 */
export function dialogRoutes(router: Router, ctx: ServerContext): void {
  router.get("/chat/Dialog", (request) => {
    const { user } = requireUser(ctx, request);
    // Public dialogs the user has not joined are found only by id (e.g. to open one from a link).
    const byId = request.query._id !== undefined;
    const visible = [...ctx.db.dialogs.values()].filter(
      (dialog) =>
        (isOccupant(dialog, user.id) && !dialog.hidden_for.includes(user.id)) ||
        (byId && dialog.type === DialogType.PUBLIC),
    );
    // A private dialog is filtered and sorted by the name this user sees: the other occupant's.
    const named = (dialog: DialogRecord, field: string) =>
      field === "name" ? dialogNameFor(ctx, dialog, user.id) : undefined;
    const spec = {
      ...dialogListSpec,
      get: (dialog: DialogRecord, field: string) => named(dialog, field) ?? dialogListSpec.get(dialog, field),
      sortValue: (dialog: DialogRecord, field: string) =>
        named(dialog, field) ?? dialogListSpec.sortValue!(dialog, field),
    };
    const page = listQuery(visible, request.query, spec);
    if (page.countOnly) return reply.ok({ items_count: page.total });
    return reply.ok({
      total_entries: page.total,
      skip: page.skip,
      limit: page.limit,
      items: page.items.map((dialog) => dialogToWire(ctx, dialog, user.id)),
    });
  });

  router.post("/chat/Dialog", (request) => {
    const { user } = requireUser(ctx, request);
    const { dialog, created } = createDialog(ctx, user, request.body);
    // An existing private dialog of the pair is returned as is (200) rather than duplicated.
    return reply.json(created ? 201 : 200, dialogToWire(ctx, dialog, user.id));
  });

  router.delete("/chat/Dialog/clearHistory/:id", (request) => {
    const { user } = requireUser(ctx, request);
    const dialog = getDialog(ctx, request.params.id);
    const force = coerce.flag(request.input.force);
    if (force && dialog.user_id !== user.id) throw forbidden("Only the owner can clear the history for everyone");
    if (!force) requireOccupant(dialog, user.id);
    for (const message of [...(ctx.db.messagesByDialog.get(dialog._id) ?? [])]) {
      if (force) deleteMessageForAll(ctx, message);
      else deleteMessageForUser(ctx, message, user.id);
    }
    return reply.empty();
  });

  router.delete("/chat/Dialog/:ids", (request) => {
    const { user } = requireUser(ctx, request);
    const ids = coerce.list(request.params.ids);
    const force = coerce.flag(request.input.force);
    const outcome = deleteOutcome();
    for (const id of ids) outcome[deleteOne(ctx, id, user, force)].ids.push(id);
    if (ids.length !== 1) return reply.ok(outcome);
    if (outcome.NotFound.ids.length) throw new ApiError(404, "Dialog not found");
    if (outcome.WrongPermissions.ids.length) throw forbidden("Only the owner can delete a dialog for everyone");
    return reply.empty();
  });

  router.post("/chat/Dialog/:id/subscribe", (request) => {
    const { user } = requireUser(ctx, request);
    const dialog = publicDialog(ctx, request.params.id);
    addOccupants(ctx, dialog, [user.id]);
    return reply.ok(dialogToWire(ctx, dialog, user.id));
  });

  router.delete("/chat/Dialog/:id/subscribe", (request) => {
    const { user } = requireUser(ctx, request);
    const dialog = publicDialog(ctx, request.params.id);
    removeOccupants(ctx, dialog, [user.id]);
    return reply.empty();
  });

  router.get("/chat/Dialog/:id/occupants", (request) => {
    const { user } = requireUser(ctx, request);
    const dialog = getDialog(ctx, request.params.id);
    if (dialog.type !== DialogType.PUBLIC) requireOccupant(dialog, user.id);
    const { limit, skip } = paging(request.query);
    const users = dialog.occupants_ids
      .slice(skip, skip + limit)
      .map((id) => ctx.db.users.get(id))
      .filter((u): u is UserRecord => Boolean(u));
    return reply.ok({ items: users.map(userToWire) });
  });

  router.get("/chat/Dialog/:id/notifications", (request) => {
    const { user } = requireUser(ctx, request);
    const dialog = getDialog(ctx, request.params.id);
    requireOccupant(dialog, user.id);
    return reply.ok({ notifications: { enabled: dialog.notifications_off.includes(user.id) ? 0 : 1 } });
  });

  router.put("/chat/Dialog/:id/notifications", (request) => {
    const { user } = requireUser(ctx, request);
    const dialog = getDialog(ctx, request.params.id);
    requireOccupant(dialog, user.id);
    const enabled = coerce.notOff(request.body.enabled ?? coerce.object(request.body.notifications)?.enabled);
    const muted = dialog.notifications_off.includes(user.id);
    if (enabled === muted) {
      // A per-user setting: it does not move the dialog's `updated_at`, which every occupant syncs on.
      dialog.notifications_off = enabled
        ? dialog.notifications_off.filter((id) => id !== user.id)
        : [...dialog.notifications_off, user.id];
      ctx.db.changed("dialog", dialog._id);
    }
    return reply.ok({ notifications: { enabled: enabled ? 1 : 0 } });
  });
}

/**
 * Deletes one dialog for `user`. Without force: a private dialog is hidden for them (it comes back with the
 * next message), a group or public one loses them as occupant (and admin). With force the owner deletes it
 * for everyone; anyone else gets WrongPermissions.
 */
function deleteOne(ctx: ServerContext, id: string, user: UserRecord, force: boolean): keyof DeleteOutcome {
  const dialog = ctx.db.dialogs.get(id.toLowerCase());
  if (!dialog || (!isOccupant(dialog, user.id) && dialog.user_id !== user.id)) return "NotFound";
  if (force) {
    if (dialog.user_id !== user.id) return "WrongPermissions";
    ctx.db.removeDialog(dialog._id);
  } else if (dialog.type === DialogType.PRIVATE) {
    if (!dialog.hidden_for.includes(user.id)) dialog.hidden_for.push(user.id);
    ctx.db.changed("dialog", dialog._id);
  } else {
    removeOccupants(ctx, dialog, [user.id]);
  }
  return "SuccessfullyDeleted";
}

function publicDialog(ctx: ServerContext, id: string): DialogRecord {
  const dialog = getDialog(ctx, id);
  if (dialog.type !== DialogType.PUBLIC) throw forbidden("Only public dialogs can be subscribed to");
  return dialog;
}
