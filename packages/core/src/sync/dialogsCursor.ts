/** The cursor key of the dialog list (the delta sync stores it, the hydrator reads it back). */
export const DIALOGS_CURSOR = "dialogs";
