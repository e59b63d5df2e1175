import type { Dialog } from "@chatcube/react";
import { titleOf, type UsersById } from "../../../shared/users";

export { peerOf } from "../../../shared/presence";

/** What to call a dialog: its name, or the other person's for a private one. */
export function dialogTitle(dialog: Dialog, meId: number, users: UsersById): string {
  return titleOf(dialog, meId, users);
}
