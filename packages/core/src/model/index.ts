export { attachmentFromWire, attachmentToWire, type Attachment } from "./attachment.js";
export {
  DialogType,
  isDialogType,
  type Dialog,
  type DialogPermissions,
  type LastMessage,
  type LastMessageStatus,
} from "./dialog.js";
export { isObjectId, objectId, objectIdTime } from "./ids.js";
export type { CustomParams, Message, MessageStatus, Reactions } from "./message.js";
export type {
  OutboxEdit,
  OutboxEntry,
  OutboxEntryBase,
  OutboxKind,
  OutboxRead,
  OutboxReact,
  OutboxRemove,
  OutboxSend,
  OutboxState,
} from "./outboxEntry.js";
export type { User } from "./user.js";
