import type { ServerContext } from "../context.js";
import { type DialogRecord, DialogType, type UserRecord } from "../model/types.js";
import {
  addOccupants,
  extensions,
  idList,
  isAdmin,
  isOccupant,
  MAX_ADMINS,
  permissions,
  removeOccupants,
  stringIdList,
  touchDialog,
} from "./dialogs.js";
import { forbidden, invalid } from "./errors.js";

/** The body of `PUT /chat/Dialog/{id}.json` (docs/protocol.md §4). */
export interface DialogUpdateInput {
  name?: unknown;
  photo?: unknown;
  description?: unknown;
  extensions?: unknown;
  permissions?: unknown;
  push_all?: unknown;
  pull_all?: unknown;
}

type ListKey = "occupants_ids" | "admins_ids" | "pinned_messages_ids";

/**
 * Applies an update by `user`, checking every rule before changing anything:
 * - name, photo, description, extensions (null clears), permissions: the owner and admins of a group or public
 *   dialog; either occupant of a private one (which has no name);
 * - occupants: the owner and admins add and remove; any occupant may remove themselves (leave); nobody but the
 *   owner removes the owner; a private dialog's occupants never change;
 * - admins (at most 5, occupants only): the owner;
 * - pinned messages (messages of this dialog): whoever may edit the name.
 * Every change moves `updated_at`.
 */
export function updateDialog(
  ctx: ServerContext,
  dialog: DialogRecord,
  user: UserRecord,
  input: DialogUpdateInput,
): void {
  if (!isOccupant(dialog, user.id) && dialog.user_id !== user.id)
    throw forbidden("You are not an occupant of this dialog");
  const isPrivate = dialog.type === DialogType.PRIVATE;
  const editor = isPrivate || isAdmin(dialog, user.id);
  const apply: Array<() => void> = [];
  const requireEditor = () => {
    if (!editor) throw forbidden("Only the owner and the admins can change this dialog");
  };

  for (const key of ["name", "photo", "description"] as const) {
    if (input[key] === undefined) continue;
    requireEditor();
    if (key === "name" && isPrivate) throw invalid("name", "can't be set on a private dialog");
    const value = input[key] === null || input[key] === "" ? null : String(input[key]);
    if (key === "name" && value === null) throw invalid("name", "can't be blank");
    apply.push(() => (dialog[key] = value));
  }
  if (input.extensions !== undefined) {
    requireEditor();
    const value = extensions(input.extensions);
    apply.push(() => (dialog.extensions = value));
  }
  if (input.permissions !== undefined) {
    requireEditor();
    const value = permissions(input.permissions);
    apply.push(() => (dialog.permissions = value));
  }

  const push = listChanges(input.push_all, "push_all");
  const pull = listChanges(input.pull_all, "pull_all");

  const occupantsIn = [...idList(push.occupants_ids)];
  const occupantsOut = idList(pull.occupants_ids);
  if ((occupantsIn.length || occupantsOut.length) && isPrivate)
    throw forbidden("The occupants of a private dialog can't change");
  if (occupantsIn.length) {
    requireEditor();
    for (const id of occupantsIn)
      if (!ctx.db.users.has(id)) throw invalid("occupants_ids", `user ${id} does not exist`);
    apply.push(() => addOccupants(ctx, dialog, occupantsIn));
  }
  if (occupantsOut.length) {
    const leavingOnly = occupantsOut.length === 1 && occupantsOut[0] === user.id;
    if (!leavingOnly) requireEditor();
    if (occupantsOut.includes(dialog.user_id) && dialog.user_id !== user.id)
      throw forbidden("Only the owner can remove the owner");
    apply.push(() => removeOccupants(ctx, dialog, occupantsOut));
  }

  const adminsIn = idList(push.admins_ids).filter((id) => id !== dialog.user_id);
  const adminsOut = idList(pull.admins_ids);
  if (adminsIn.length || adminsOut.length) {
    if (dialog.user_id !== user.id) throw forbidden("Only the owner can change the admins");
    const willBeOccupant = (id: number) =>
      (dialog.occupants_ids.includes(id) || occupantsIn.includes(id)) && !occupantsOut.includes(id);
    for (const id of adminsIn) if (!willBeOccupant(id)) throw invalid("admins_ids", `user ${id} is not an occupant`);
    const next = [...new Set([...dialog.admins_ids, ...adminsIn])].filter((id) => !adminsOut.includes(id));
    if (next.length > MAX_ADMINS) throw invalid("admins_ids", `a dialog has at most ${MAX_ADMINS} admins`);
    apply.push(() => (dialog.admins_ids = next.filter(willBeOccupant)));
  }

  const pinIn = stringIdList(push.pinned_messages_ids).map((id) => id.toLowerCase());
  const pinOut = stringIdList(pull.pinned_messages_ids).map((id) => id.toLowerCase());
  if (pinIn.length || pinOut.length) {
    requireEditor();
    for (const id of pinIn) {
      if (ctx.db.messages.get(id)?.chat_dialog_id !== dialog._id)
        throw invalid("pinned_messages_ids", `message ${id} is not in this dialog`);
    }
    apply.push(() => {
      dialog.pinned_messages_ids = [...new Set([...dialog.pinned_messages_ids, ...pinIn])].filter(
        (id) => !pinOut.includes(id),
      );
    });
  }

  for (const change of apply) change();
  if (apply.length) touchDialog(ctx, dialog);
}

function listChanges(value: unknown, field: string): Partial<Record<ListKey, unknown>> {
  if (value === undefined || value === null || value === "") return {};
  if (typeof value !== "object" || Array.isArray(value)) throw invalid(field, "must be an object");
  return value as Partial<Record<ListKey, unknown>>;
}
