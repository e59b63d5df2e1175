import type { ServerContext } from "../context.js";
import { randomToken } from "../model/ids.js";
import type { BlobRecord, UserRecord } from "../model/types.js";
import { invalid } from "./errors.js";
import { iso } from "./time.js";

/** Creates a blob record (no bytes yet) owned by `owner` (docs/protocol.md §6 step 1). */
export function createBlob(ctx: ServerContext, owner: UserRecord, input: Record<string, unknown>): BlobRecord {
  const name = input.name === undefined || input.name === null || input.name === "" ? null : String(input.name);
  if (!name) throw invalid("name", "can't be blank");
  const contentType = input.content_type ? String(input.content_type) : "application/octet-stream";
  const now = ctx.clock();
  const blob: BlobRecord = {
    id: ctx.db.nextBlobId++,
    uid: randomToken(16),
    name,
    content_type: contentType,
    size: null,
    // The docs say blobs are private by default (the SDK's createAndUpload sends `public: true` itself).
    public: input.public === true || input.public === 1 || input.public === "1" || input.public === "true",
    owner_id: owner.id,
    completed: false,
    created_at: now,
    updated_at: now,
  };
  ctx.db.addBlob(blob);
  return blob;
}

/** Stores the uploaded bytes of a blob (docs/protocol.md §6 step 2). */
export function storeBlobData(ctx: ServerContext, blob: BlobRecord, data: Buffer): void {
  ctx.db.blobData.set(blob.uid, data);
  blob.size = data.length;
  blob.updated_at = ctx.clock();
  ctx.db.changed("blob", blob.id);
  ctx.db.changed("blobData", blob.uid);
}

/** Marks a blob uploaded with its declared size (docs/protocol.md §6 step 3). */
export function completeBlob(ctx: ServerContext, blob: BlobRecord, size: number | null): void {
  blob.size = size ?? ctx.db.blobData.get(blob.uid)?.length ?? blob.size;
  blob.completed = true;
  blob.updated_at = ctx.clock();
  ctx.db.changed("blob", blob.id);
}

/** The blob by numeric id or by uid. */
export function findBlob(ctx: ServerContext, idOrUid: string): BlobRecord | undefined {
  return /^\d+$/.test(idOrUid) ? ctx.db.blobs.get(Number(idOrUid)) : ctx.db.blobsByUid.get(idOrUid);
}

/** The blob as the REST API shows it. */
export function blobToWire(ctx: ServerContext, blob: BlobRecord): Record<string, unknown> {
  return {
    id: blob.id,
    uid: blob.uid,
    content_type: blob.content_type,
    name: blob.name,
    size: blob.size,
    public: blob.public,
    blob_status: blob.completed ? "complete" : null,
    set_completed_at: blob.completed ? iso(blob.updated_at) : null,
    created_at: iso(blob.created_at),
    updated_at: iso(blob.updated_at),
    app_id: ctx.appId,
    owner_id: blob.owner_id,
  };
}
