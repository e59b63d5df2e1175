import type { Attachment } from "./attachment.js";

/** Bytes to upload: a Blob/File (browser or Node), an ArrayBuffer or a Uint8Array (Node's Buffer is one). */
export type FileBytes = Blob | ArrayBuffer | Uint8Array;

/** A file to attach to a message: the bytes, or the bytes with a name, type, visibility or attachment type. */
export type FileToSend =
  | FileBytes
  | { file: FileBytes; name?: string; contentType?: string; public?: boolean; type?: string };

/** A file a queued message still has to upload before it goes out (kept in the outbox, so a reload resumes it). */
export interface PendingUpload {
  /** The bytes (a Blob survives IndexedDB's structured clone). */
  file: FileBytes;
  name: string;
  contentType: string;
  size: number;
  public: boolean;
  /** The attachment `type` (`image`, `video`, `audio`, `file`…). */
  type: string;
  /** The attachment once uploaded; null until then. */
  done: Attachment | null;
}

/** The attachment type a MIME type suggests: `image`, `video`, `audio`, else `file`. */
function attachmentTypeOf(contentType: string): string {
  const major = contentType.split("/")[0];
  return major === "image" || major === "video" || major === "audio" ? major : "file";
}

/** A file to send as a pending upload (private unless told otherwise, as the docs have it). */
export function pendingUploadOf(input: FileToSend, index = 0): PendingUpload {
  const given = isBytes(input) ? { file: input } : input;
  const file = given.file;
  const blobName = typeof File !== "undefined" && file instanceof File ? file.name : "";
  const blobType = file instanceof Blob ? file.type : "";
  const contentType = given.contentType || blobType || "application/octet-stream";
  return {
    file,
    name: given.name || blobName || `file-${index + 1}`,
    contentType,
    size: file instanceof Blob ? file.size : file.byteLength,
    public: given.public ?? false,
    type: given.type ?? attachmentTypeOf(contentType),
    done: null,
  };
}

/** What a message shows for a file still uploading: its type, name, MIME type and size, without an id. */
export function placeholderOf(upload: PendingUpload): Attachment {
  return upload.done ?? { type: upload.type, name: upload.name, contentType: upload.contentType, size: upload.size };
}

function isBytes(input: FileToSend): input is FileBytes {
  return input instanceof Blob || input instanceof ArrayBuffer || input instanceof Uint8Array;
}
