import type { StoredFile } from "../model/storedFile.js";
import { type BlobGrant, blobFromDto, blobGrantFromDto } from "./dto/blobFromDto.js";
import { type RestContext, unwrap } from "./restContext.js";

/** `/blobs` (docs/protocol.md §6): create → (upload) → complete, info, delete. */
export interface BlobsApi {
  /** Creates a blob and returns where to upload its bytes. */
  create(input: { name: string; contentType: string; public: boolean }): Promise<BlobGrant>;
  /** Marks an uploaded blob complete with its size (`{size}`; the server also accepts `{blob: {size}}`). */
  complete(id: number, size: number): Promise<void>;
  /** One blob's info. */
  get(id: number): Promise<StoredFile>;
  /** Deletes a blob (owner only). */
  remove(id: number): Promise<void>;
}

/** Creates the blobs resource group. */
export function createBlobsApi(ctx: RestContext): BlobsApi {
  return {
    async create(input) {
      const body = await ctx.http.request({
        method: "POST",
        path: "blobs",
        body: { blob: { name: input.name, content_type: input.contentType, public: input.public } },
      });
      return unwrap(blobGrantFromDto(body));
    },
    async complete(id, size) {
      await ctx.http.request({ method: "PUT", path: `blobs/${id}/complete`, body: { size }, expect: "none" });
    },
    async get(id) {
      return unwrap(blobFromDto(await ctx.http.request({ method: "GET", path: `blobs/${id}` })));
    },
    async remove(id) {
      await ctx.http.request({ method: "DELETE", path: `blobs/${id}`, expect: "none" });
    },
  };
}
