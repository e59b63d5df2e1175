/**
 * Dialog types as this project numbers them (docs/protocol.md §17: the SDK 6 enum). Never write a bare number.
 * The server package keeps the same mapping.
 */
export const DialogType = { PUBLIC: 1, GROUP: 2, PRIVATE: 3, BROADCAST: 4 } as const;

/** One of the numeric dialog types. */
export type DialogType = (typeof DialogType)[keyof typeof DialogType];

/** True for a known dialog type number. */
export function isDialogType(value: unknown): value is DialogType {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

/** The other occupant of a private dialog; null for other types, or while the dialog is unknown. */
export function privatePeerOf(
  dialog: { type: DialogType; occupantIds: readonly number[] } | undefined,
  selfUserId: number | null,
): number | null {
  if (dialog?.type !== DialogType.PRIVATE) return null;
  return dialog.occupantIds.find((o) => o !== selfUserId) ?? null;
}

/**
 * State of a dialog's last message when the current user sent it: the same as the message's own status
 * (`pending` while in the outbox, `failed` when it gave up, then `sent`, `delivered`, `read`).
 */
export type LastMessageStatus = "pending" | "sent" | "delivered" | "read" | "failed";

/** A summary of a dialog's newest message, as the dialog list shows it. */
export interface LastMessage {
  /** Message id, when the server reports it. */
  id: string | null;
  /** Text of the message (null for an attachment-only message). */
  text: string | null;
  /** Who sent it. */
  senderId: number | null;
  /** When it was sent, in milliseconds since the epoch. */
  dateSent: number;
}

/** What non-members may do with a public dialog. */
export interface DialogPermissions {
  /** Non-members may read the last messages (`preview=1`). */
  allowPreview: boolean;
}

/** A chat dialog (1-1, group, public or broadcast). Times are milliseconds since the epoch. */
export interface Dialog {
  /** 24-hex id. */
  id: string;
  /** PUBLIC, GROUP, PRIVATE or BROADCAST. */
  type: DialogType;
  /** Display name; often null for private dialogs. */
  name: string | null;
  /** Photo URL or blob uid. */
  photo: string | null;
  /** Free text. */
  description: string | null;
  /** The creator. */
  ownerId: number;
  /** Members (for PUBLIC dialogs the server may list only some; see `occupantsCount`). */
  occupantIds: number[];
  /** Number of members (public dialogs report it separately; otherwise `occupantIds.length`). */
  occupantsCount: number;
  /** Admins (at most 5). */
  adminIds: number[];
  /** Pinned message ids. */
  pinnedMessageIds: string[];
  /** The newest message, or null for an empty dialog. */
  lastMessage: LastMessage | null;
  /** Delivery state of the last message when it is the current user's, else null. */
  lastMessageStatus: LastMessageStatus | null;
  /** Messages the current user has not read. */
  unreadCount: number;
  /** MUC room JID (`{appId}_{id}@muc.{chat}`); null for private dialogs. */
  roomJid: string | null;
  /** Creation time (ms). */
  createdAt: number;
  /** Last change time (ms); drives delta sync. */
  updatedAt: number;
  /** Custom string fields configured by the app (empty when none). */
  extensions: Record<string, string>;
  /** Public-dialog permissions. */
  permissions: DialogPermissions;
}
