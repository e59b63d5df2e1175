import type { ServerContext } from "../context.js";
import type { Attachment, BlobRecord, DialogRecord, MessageRecord } from "../model/types.js";
import { DialogType } from "../model/types.js";

/**
 * Who may read a blob's info and bytes. A public blob: any session. A private one: its owner, and whoever can see
 * a message carrying it (as an attachment naming its uid) that was sent by someone who could read it — the owner
 * first, then the members they passed it on to. An application session (no user) reads no private blob, and a
 * reference by numeric id or by a uid the sender had no access to grants nothing.
 */
export function canReadBlob(ctx: ServerContext, blob: BlobRecord, userId: number): boolean {
  if (blob.public) return true;
  if (!userId) return false;
  if (blob.owner_id === userId) return true;
  const carriers: Array<{ message: MessageRecord; dialog: DialogRecord }> = [];
  for (const dialog of ctx.db.dialogs.values()) {
    for (const message of ctx.db.messagesByDialog.get(dialog._id) ?? []) {
      if (message.attachments.some((attachment) => namesBlob(attachment, blob))) carriers.push({ message, dialog });
    }
  }
  const readers = new Set([blob.owner_id]);
  let grown = true;
  while (grown) {
    grown = false;
    for (const { message, dialog } of carriers) {
      if (!readers.has(message.sender_id)) continue;
      if (sees(dialog, message, userId)) return true;
      for (const occupant of dialog.occupants_ids) {
        if (readers.has(occupant) || message.deleted_for.includes(occupant)) continue;
        readers.add(occupant);
        grown = true;
      }
    }
  }
  return false;
}

/** True when the user can see the message: a member of its dialog (anyone for a public one) it isn't deleted for. */
function sees(dialog: DialogRecord, message: MessageRecord, userId: number): boolean {
  const member = dialog.occupants_ids.includes(userId) || dialog.type === DialogType.PUBLIC;
  return member && !message.deleted_for.includes(userId);
}

/** True when an attachment names the blob by its uid (as `uid` or `id`) or by its download URL. */
function namesBlob(attachment: Attachment, blob: BlobRecord): boolean {
  const { uid, id, url } = attachment;
  if (uid === blob.uid || id === blob.uid) return true;
  return typeof url === "string" && new RegExp(`/blobs/${blob.uid}(?:[/?#.]|$)`).test(url);
}
