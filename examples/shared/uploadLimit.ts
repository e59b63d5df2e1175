// Shared by the example apps (plain TypeScript): the largest file the chat server takes, checked before uploading,
// so a too-large file is refused at once instead of after the whole upload. @chatcube/server takes uploads up to
// 10 MB (its UPLOAD_LIMIT); `VITE_CHATCUBE_MAX_UPLOAD_MB` or `?maxUploadMb=` set another server's limit.
import { formatSize } from "./format";

/** The upload limit in bytes. */
export function maxUploadBytes(search: string = location.search): number {
  const given = new URLSearchParams(search).get("maxUploadMb") || import.meta.env.VITE_CHATCUBE_MAX_UPLOAD_MB;
  const mb = Number(given);
  return (Number.isFinite(mb) && mb > 0 ? mb : 10) * 1024 * 1024;
}

/** Why this file can't be sent, or null when it can. */
export function fileProblem(file: { name: string; size: number }, limit: number = maxUploadBytes()): string | null {
  if (file.size > limit)
    return `"${file.name}" is ${formatSize(file.size)}; files can be up to ${formatSize(limit)}. Choose a smaller file.`;
  return null;
}
