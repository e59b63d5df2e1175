/**
 * System message bodies that tell the other occupants about a dialog change (the convention of the official React
 * hooks, so both ends understand each other). The dialog id travels in the system message's `dialog_id` param.
 */
export const DIALOG_EVENTS = {
  NEW_DIALOG: "dialog/NEW_DIALOG",
  UPDATE_DIALOG: "dialog/UPDATE_DIALOG",
  ADDED_TO_DIALOG: "dialog/ADDED_TO_DIALOG",
  REMOVED_FROM_DIALOG: "dialog/REMOVED_FROM_DIALOG",
  DELETE_DIALOG: "dialog/DELETE_DIALOG",
} as const;
