import type { Result } from "../../errors/result.js";
import type { StoredFile } from "../../model/storedFile.js";
import { isRecord, readDto } from "./readDto.js";

/** A created blob and where to upload it (docs/protocol.md §6). */
export interface BlobGrant {
  file: StoredFile;
  /** The upload URL without its query. */
  uploadUrl: string;
  /** The form fields to post before `file`: every URL-decoded query parameter of `params`, in order. */
  fields: Array<[string, string]>;
}

/** Maps a wire blob (`{blob: {...}}` or the object itself) to a `StoredFile`. */
export function blobFromDto(dto: unknown): Result<StoredFile> {
  const inner = isRecord(dto) && isRecord(dto.blob) ? dto.blob : dto;
  return readDto(inner, "blob", (r) => {
    const uid = r.optString("uid");
    if (!uid) r.problem("uid is missing");
    return {
      id: r.int("id"),
      uid: uid ?? "",
      name: r.optString("name") ?? "",
      contentType: r.optString("content_type") ?? "application/octet-stream",
      size: r.optInt("size"),
      public: r.flag("public"),
    };
  });
}

/** Maps the answer of `POST /blobs.json`: the blob, and the upload URL and fields of `blob_object_access.params`. */
export function blobGrantFromDto(dto: unknown): Result<BlobGrant> {
  const file = blobFromDto(dto);
  if (!file.ok) return file;
  const inner = isRecord(dto) && isRecord(dto.blob) ? dto.blob : dto;
  return readDto(inner, "blob upload grant", (r) => {
    const access = r.optObject("blob_object_access");
    const params = access && typeof access.params === "string" ? access.params : null;
    let url: URL | null = null;
    try {
      url = params ? new URL(params) : null;
    } catch {
      url = null;
    }
    if (!url) r.problem("blob_object_access.params is not an upload URL");
    const fields: Array<[string, string]> = [];
    url?.searchParams.forEach((value, key) => fields.push([key, value]));
    return { file: file.value, uploadUrl: url ? `${url.origin}${url.pathname}` : "", fields };
  });
}
