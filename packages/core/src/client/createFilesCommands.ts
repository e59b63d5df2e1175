import { ChatError } from "../errors/ChatError.js";
import { toChatError } from "../errors/toChatError.js";
import type { Attachment } from "../model/attachment.js";
import type { OutboxEntry, OutboxSend } from "../model/outboxEntry.js";
import { type FileToSend, pendingUploadOf } from "../model/pendingUpload.js";
import type { StoredFile, UploadedFile, UploadProgress } from "../model/storedFile.js";
import { createStore } from "../reactive/createStore.js";
import type { Readable } from "../reactive/readable.js";
import { SDK_HEADER } from "../rest/createHttp.js";
import type { RestClient } from "../rest/createRestClient.js";
import type { FetchLike } from "../rest/restRequest.js";
import { uploadForm } from "../rest/uploadForm.js";
import type { MessagesStore } from "../stores/messages/createMessagesStore.js";
import { indexOfMessage } from "../stores/messages/messagesReducer.js";
import { createFileUrl } from "./createFileUrl.js";

/** Options of `client.files.upload`. */
export interface UploadOptions {
  /** File name (default: the File's name, else `file-1`). */
  name?: string;
  /** MIME type (default: the Blob's type, else `application/octet-stream`). */
  contentType?: string;
  /** Public files download without a token (default false: private, as the docs have it). */
  public?: boolean;
  /** Called as bytes go out. */
  onProgress?: (progress: UploadProgress) => void;
  /** Aborting cancels the upload: it rejects with `cancelled` and the half-made blob is deleted. */
  signal?: AbortSignal;
}

/** `client.files`: uploads to ConnectyCube storage and download URLs. */
export interface FilesApi {
  /** Uploads a file (blob create → multipart upload → complete, docs/protocol.md §6). Node and browsers alike. */
  upload(file: FileToSend, options?: UploadOptions): Promise<UploadedFile>;
  /** The download URL of a file or attachment: a private one carries the current session token. */
  url(file: string | Pick<Attachment, "uid" | "url"> | Pick<StoredFile, "uid" | "public">): string;
  /** Deletes an uploaded file (owner only), by its id: an `Attachment.id` (a string) or a `StoredFile.id`. */
  remove(id: string | number): Promise<void>;
  /** Upload progress of messages being sent with files, by message id (gone once their files are up). */
  progress: Readable<Readonly<Record<string, UploadProgress>>>;
}

/** Dependencies of the files commands, by name. */
export interface FilesCommandsOptions {
  rest: Pick<RestClient, "blobs" | "apiUrl">;
  messages: MessagesStore;
  /** The outbox's entries (a cancelled upload waits for its entry to settle). */
  outboxEntries: Readable<readonly OutboxEntry[]>;
  /** The session token, for private download URLs and upload headers. */
  token: () => string | null;
  /** fetch for uploads where there is no XMLHttpRequest (Node). Default the global one. */
  fetch?: FetchLike;
}

/**
 * Creates `client.files`, and the outbox's `prepareSend`: a message sent with files stays `pending` while they upload
 * (progress in `files.progress`), each finished file is saved in the outbox entry (a reload resumes from the next
 * file), and the message then goes out carrying their attachments.
 */
export function createFilesCommands(options: FilesCommandsOptions): FilesApi & {
  prepareSend(entry: OutboxSend, checkpoint: (entry: OutboxSend) => Promise<void>): Promise<OutboxSend>;
  /** Cancels the uploads of a message being sent, and resolves once its outbox entry is no longer in flight. */
  abort(messageId: string): Promise<void>;
} {
  const { rest } = options;
  const progress = createStore<Readonly<Record<string, UploadProgress>>>({});
  const controllers = new Map<string, AbortController>();

  const url = createFileUrl(options);

  const upload: FilesApi["upload"] = async (input, uploadOptions = {}) => {
    const given = pendingUploadOf(input);
    const file = {
      ...given,
      name: uploadOptions.name ?? given.name,
      contentType: uploadOptions.contentType ?? given.contentType,
      public: uploadOptions.public ?? given.public,
    };
    const grant = await rest.blobs.create({ name: file.name, contentType: file.contentType, public: file.public });
    const token = options.token();
    const toS3 = grant.uploadUrl.includes("s3.amazonaws.com");
    try {
      await uploadForm({
        url: grant.uploadUrl,
        fields: grant.fields,
        file: file.file,
        name: file.name,
        contentType: file.contentType,
        headers: toS3 ? {} : { "CB-SDK": SDK_HEADER, ...(token ? { "CB-Token": token } : {}) },
        onProgress: uploadOptions.onProgress,
        signal: uploadOptions.signal,
        fetch: options.fetch,
      });
      await rest.blobs.complete(grant.file.id, file.size);
    } catch (error) {
      await rest.blobs.remove(grant.file.id).catch(() => undefined);
      throw toChatError(error);
    }
    const stored: StoredFile = { ...grant.file, size: file.size };
    return { ...stored, url: `${rest.apiUrl}/blobs/${encodeURIComponent(stored.uid)}` };
  };

  const setProgress = (messageId: string, value: UploadProgress | null) => {
    const next = { ...progress.get() };
    if (value) next[messageId] = value;
    else delete next[messageId];
    progress.set(next);
  };

  async function prepareSend(entry: OutboxSend, checkpoint: (entry: OutboxSend) => Promise<void>): Promise<OutboxSend> {
    const controller = new AbortController();
    controllers.set(entry.messageId, controller);
    const uploads = [...(entry.uploads ?? [])];
    const total = uploads.reduce((sum, u) => sum + u.size, 0);
    const before = (index: number) => uploads.slice(0, index).reduce((sum, u) => sum + u.size, 0);
    try {
      for (let index = 0; index < uploads.length; index++) {
        const pending = uploads[index];
        if (pending.done) continue;
        const done = await upload(
          { file: pending.file, name: pending.name, contentType: pending.contentType, public: pending.public },
          {
            signal: controller.signal,
            onProgress: (p) => setProgress(entry.messageId, { loaded: before(index) + p.loaded, total }),
          },
        );
        uploads[index] = {
          ...pending,
          done: {
            type: pending.type,
            id: String(done.id),
            uid: done.uid,
            name: done.name,
            contentType: done.contentType,
            size: pending.size,
            ...(done.public ? { url: done.url } : {}),
          },
        };
        await checkpoint({ ...entry, uploads: [...uploads] });
      }
    } finally {
      controllers.delete(entry.messageId);
      setProgress(entry.messageId, null);
    }
    const attachments = [...entry.attachments, ...uploads.map((u) => u.done as Attachment)];
    const items = options.messages.window(entry.dialogId).get().items;
    const at = indexOfMessage(items, entry.messageId);
    if (at >= 0) options.messages.receive([{ ...items[at], attachments }]);
    return { ...entry, attachments, uploads: [] };
  }

  return {
    upload,
    url,
    async remove(id) {
      const blobId = typeof id === "number" ? id : /^[1-9][0-9]{0,15}$/.test(id) ? Number(id) : NaN;
      if (!Number.isSafeInteger(blobId) || blobId <= 0)
        throw new ChatError("validation", `Not a file id: ${String(id)}`);
      await rest.blobs.remove(blobId);
    },
    progress,
    prepareSend,
    async abort(messageId) {
      const controller = controllers.get(messageId);
      if (!controller) return;
      controller.abort();
      await new Promise<void>((resolve) => {
        let stop: (() => void) | null = null;
        stop = options.outboxEntries.subscribe((entries) => {
          if (entries.some((e) => e.messageId === messageId && e.kind === "send" && e.state === "in-flight")) return;
          resolve();
          queueMicrotask(() => stop?.());
        });
      });
    },
  };
}
