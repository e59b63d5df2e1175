// Test-only data (imported by tests, never by the library): a dialog and a message with defaults.
import { type Dialog, DialogType } from "../../../core/src/model/dialog.js";
import type { Message } from "../../../core/src/model/message.js";

/** A dialog for tests, with sensible defaults. */
export function aDialog(id: string, overrides: Partial<Dialog> = {}): Dialog {
  return {
    id,
    type: DialogType.GROUP,
    name: `Dialog ${id}`,
    photo: null,
    description: null,
    ownerId: 1,
    occupantIds: [1, 2],
    occupantsCount: 2,
    adminIds: [],
    pinnedMessageIds: [],
    lastMessage: null,
    lastMessageStatus: null,
    unreadCount: 0,
    roomJid: null,
    createdAt: 1000,
    updatedAt: 1000,
    extensions: {},
    permissions: { allowPreview: false },
    ...overrides,
  };
}

/** A message for tests, with sensible defaults. */
export function aMessage(id: string, dialogId: string, dateSent: number, overrides: Partial<Message> = {}): Message {
  return {
    id,
    dialogId,
    senderId: 2,
    recipientId: null,
    body: `message ${id}`,
    dateSent,
    attachments: [],
    reactions: { own: [], total: {} },
    customParams: {},
    readIds: [2],
    deliveredIds: [2],
    editedAt: null,
    status: "sent",
    ...overrides,
  };
}
