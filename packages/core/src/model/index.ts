export type { Attachment } from "./attachment.js";
export {
  type Dialog,
  type DialogPermissions,
  DialogType,
  isDialogType,
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
  OutboxReact,
  OutboxRead,
  OutboxRemove,
  OutboxSend,
  OutboxState,
} from "./outboxEntry.js";
export type { User } from "./user.js";
