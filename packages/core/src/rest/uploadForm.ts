import { ChatError } from "../errors/ChatError.js";
import { chatErrorFromHttp } from "../errors/chatErrorFromHttp.js";
import { toChatError } from "../errors/toChatError.js";
import type { FileBytes } from "../model/pendingUpload.js";
import type { UploadProgress } from "../model/storedFile.js";
import type { FetchLike } from "./restRequest.js";

/** A multipart upload to a storage URL (docs/protocol.md §6 step 2). */
export interface UploadFormInput {
  /** The upload URL without its query. */
  url: string;
  /** Form fields sent before the file, in order. */
  fields: ReadonlyArray<readonly [string, string]>;
  file: FileBytes;
  name: string;
  contentType: string;
  /** Extra request headers (`CB-Token`, `CB-SDK`; none for S3). */
  headers?: Readonly<Record<string, string>>;
  onProgress?: (progress: UploadProgress) => void;
  /** Aborting rejects with `ChatError("cancelled")`. */
  signal?: AbortSignal;
  /** fetch, used where there is no XMLHttpRequest (Node, workers). Default the global one. */
  fetch?: FetchLike;
}

const CHUNK = 64 * 1024;

/** The size in bytes of a file input. */
function sizeOf(file: FileBytes): number {
  return file instanceof Blob ? file.size : file.byteLength;
}

/**
 * Posts `fields` then `file` as `multipart/form-data`, reporting progress and honouring `signal`. In a browser
 * (XMLHttpRequest present) it uses XHR, whose upload events give progress; elsewhere (Node, workers) a streamed fetch
 * body, counting the bytes as the network pulls them. Rejects with a ChatError (`cancelled` when aborted).
 */
export async function uploadForm(input: UploadFormInput): Promise<void> {
  const total = sizeOf(input.file);
  const report = (loaded: number) => input.onProgress?.({ loaded: Math.min(loaded, total), total });
  if (input.signal?.aborted) throw cancelled();
  report(0);
  const Xhr = (globalThis as { XMLHttpRequest?: typeof XMLHttpRequest }).XMLHttpRequest;
  if (Xhr) await viaXhr(Xhr, input, report);
  else await viaFetch(input, report);
  report(total);
}

/** An error answer's body: parsed JSON when it is JSON, else the text. */
function parsedBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function cancelled(): ChatError {
  return new ChatError("cancelled", "The upload was cancelled");
}

async function viaXhr(
  Xhr: typeof XMLHttpRequest,
  input: UploadFormInput,
  report: (loaded: number) => void,
): Promise<void> {
  const form = new FormData();
  for (const [key, value] of input.fields) form.append(key, value);
  const blob =
    input.file instanceof Blob ? input.file : new Blob([input.file as BlobPart], { type: input.contentType });
  form.append("file", blob, input.name);
  await new Promise<void>((resolve, reject) => {
    const xhr = new Xhr();
    const abort = () => xhr.abort();
    xhr.open("POST", input.url);
    for (const [key, value] of Object.entries(input.headers ?? {})) xhr.setRequestHeader(key, value);
    xhr.upload.onprogress = (event) => report(event.loaded);
    xhr.onload = () => {
      input.signal?.removeEventListener("abort", abort);
      if (xhr.status >= 200 && xhr.status < 300) resolve();
      else reject(chatErrorFromHttp(xhr.status, parsedBody(xhr.responseText)));
    };
    xhr.onerror = () => reject(new ChatError("network", "The upload failed"));
    xhr.onabort = () => reject(cancelled());
    input.signal?.addEventListener("abort", abort);
    xhr.send(form);
  });
}

async function viaFetch(input: UploadFormInput, report: (loaded: number) => void): Promise<void> {
  const boundary = `----chatcube${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`;
  const encoder = new TextEncoder();
  const quote = (text: string) => text.replace(/["\r\n\\]/g, "_");
  let head = "";
  for (const [key, value] of input.fields)
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${quote(key)}"\r\n\r\n${value}\r\n`;
  head += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quote(input.name)}"\r\nContent-Type: ${input.contentType}\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  const total = sizeOf(input.file);
  const bytes =
    input.file instanceof Blob ? null : input.file instanceof Uint8Array ? input.file : new Uint8Array(input.file);
  let offset = 0;
  let stage: "head" | "file" | "tail" | "done" = "head";
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (stage === "head") {
        controller.enqueue(encoder.encode(head));
        stage = total > 0 ? "file" : "tail";
      } else if (stage === "file") {
        const end = Math.min(offset + CHUNK, total);
        const chunk = bytes
          ? bytes.subarray(offset, end)
          : new Uint8Array(await (input.file as Blob).slice(offset, end).arrayBuffer());
        controller.enqueue(chunk);
        report(offset);
        offset = end;
        if (offset >= total) stage = "tail";
      } else if (stage === "tail") {
        controller.enqueue(encoder.encode(tail));
        stage = "done";
      } else controller.close();
    },
  });
  const fetchImpl = input.fetch ?? (globalThis.fetch as FetchLike);
  let response: Response;
  try {
    response = await fetchImpl(input.url, {
      method: "POST",
      headers: { ...input.headers, "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body,
      signal: input.signal,
      duplex: "half",
    } as RequestInit);
  } catch (error) {
    if (input.signal?.aborted) throw cancelled();
    throw toChatError(error);
  }
  const text = await response.text().catch(() => "");
  if (input.signal?.aborted) throw cancelled();
  if (!response.ok) throw chatErrorFromHttp(response.status, parsedBody(text));
}
