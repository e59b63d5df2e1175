import { type Dialog, DialogType } from "@chatcube/react";
import { titleOf, type UsersById } from "../../../shared/users";

/** The other person of a private dialog, or null. */
export function peerOf(dialog: Dialog, meId: number): number | null {
  if (dialog.type !== DialogType.PRIVATE) return null;
  return dialog.occupantIds.find((id) => id !== meId) ?? null;
}

/** What to call a dialog: its name, or the other person's for a private one. */
export function dialogTitle(dialog: Dialog, meId: number, users: UsersById): string {
  return titleOf(dialog, meId, users);
}
