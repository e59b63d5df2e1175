import { ChatError } from "../errors/ChatError.js";
import type { RestClient } from "../rest/createRestClient.js";
import type { FilesApi } from "./createFilesCommands.js";

/**
 * `client.files.url`: the download URL of a file or attachment; a private one carries the current session token.
 * Synchronous and small, so it stays in the first chunk while the rest of `files` loads later (docs/decisions.md,
 * "A small bundle").
 */
export function createFileUrl(options: {
  rest: Pick<RestClient, "apiUrl">;
  token: () => string | null;
}): FilesApi["url"] {
  return (file) => {
    const uid = typeof file === "string" ? file : file.uid;
    if (!uid) {
      if (typeof file === "object" && "url" in file && file.url) return file.url;
      throw new ChatError("validation", "The file has no uid");
    }
    const base = `${options.rest.apiUrl}/blobs/${encodeURIComponent(uid)}`;
    const isPublic = typeof file === "object" && "public" in file && file.public === true;
    const token = options.token();
    return isPublic || !token ? base : `${base}?token=${encodeURIComponent(token)}`;
  };
}
