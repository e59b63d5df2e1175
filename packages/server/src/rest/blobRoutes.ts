import type { ServerContext } from "../context.js";
import { canReadBlob } from "../domain/blobAccess.js";
import { blobToWire, completeBlob, createBlob, findBlob, storeBlobData } from "../domain/blobs.js";
import { ApiError, forbidden, invalid, notFound, unauthorized } from "../domain/errors.js";
import type { BlobRecord, SessionRecord } from "../model/types.js";
import { coerce } from "./coerce.js";
import { paging } from "./listQuery.js";
import type { RestRequest } from "./readRequest.js";
import { reply } from "./reply.js";
import { optionalSession, requireSession, requireUser } from "./requireSession.js";
import type { Router } from "./router.js";

/** How long an upload or download grant is said to last (nothing enforces it). */
const ACCESS_TTL_MS = 60 * 60 * 1000;

/**
 * `/blobs` (docs/protocol.md §6, §17): create → multipart upload to `/blobs/upload` (this server plays S3; the
 * `key` field names the blob, no token needed) → complete; info, download URL, delete; and the downloads
 * `GET /blobs/{uid}` (private blobs need a live token, as `?token=` or `CB-Token`) and `/blobs/{uid}/download`.
 * A private blob is shown only to the users `canReadBlob` allows; to anyone else it does not exist (404).
 */
export function blobRoutes(router: Router, ctx: ServerContext): void {
  router.post(
    "/blobs/upload",
    (request) => {
      const key = coerce.string(request.body.key);
      const blob = key ? ctx.db.blobsByUid.get(key) : undefined;
      if (!blob) throw notFound("No blob with this key");
      if (blob.completed) throw new ApiError(422, "The blob is already uploaded");
      const file = request.files.find((part) => part.name === "file") ?? request.files[0];
      if (!file) throw invalid("file", "is missing");
      storeBlobData(ctx, blob, file.data);
      return reply.raw(
        201,
        `<?xml version="1.0" encoding="UTF-8"?><PostResponse><Key>${blob.uid}</Key></PostResponse>`,
        "application/xml",
      );
    },
    "none",
  );

  router.get(
    "/blobs/:uid/download",
    (request) => {
      const token = coerce.string(request.query.token);
      return reply.redirect(
        301,
        `${ctx.apiUrl}/blobs/${encodeURIComponent(request.params.uid)}${token ? `?token=${encodeURIComponent(token)}` : ""}`,
      );
    },
    "none",
  );

  router.get(
    "/blobs/:uid",
    (request) => {
      const blob = ctx.db.blobsByUid.get(request.params.uid);
      const data = blob && ctx.db.blobData.get(blob.uid);
      if (!blob || !data) throw notFound("File not found");
      if (!blob.public) {
        const session = optionalSession(ctx, request, true);
        if (!session) throw unauthorized();
        if (!canReadBlob(ctx, blob, session.user_id)) throw notFound("File not found");
      }
      const filename = blob.name.replace(/["\\\r\n]/g, "_");
      return reply.raw(200, data, blob.content_type, {
        "Content-Disposition": `inline; filename="${filename}"`,
        "Cache-Control": blob.public ? "public, max-age=3600" : "private, no-store",
      });
    },
    "none",
  );

  router.post("/blobs", (request) => {
    const { user } = requireUser(ctx, request);
    const input = coerce.object(request.body.blob);
    if (!input) throw invalid("blob", "can't be blank");
    const blob = createBlob(ctx, user, input);
    const params = new URLSearchParams({
      key: blob.uid,
      "Content-Type": blob.content_type,
      success_action_status: "201",
    });
    return reply.created({
      blob: {
        ...blobToWire(ctx, blob),
        blob_object_access: {
          id: blob.id,
          blob_id: blob.id,
          expires: expires(ctx),
          object_access_type: "Write",
          params: `${ctx.apiUrl}/blobs/upload?${params}`,
        },
      },
    });
  });

  router.get("/blobs", (request) => {
    const { user } = requireUser(ctx, request);
    const perPage = coerce.int(request.query.per_page, "per_page") ?? 10;
    const currentPage = Math.max(coerce.int(request.query.page, "page") ?? 1, 1);
    const { limit } = paging({ limit: perPage });
    const mine = [...ctx.db.blobs.values()].filter((blob) => blob.owner_id === user.id);
    const items = mine
      .slice((currentPage - 1) * limit, currentPage * limit)
      .map((blob) => ({ blob: blobToWire(ctx, blob) }));
    return reply.ok({ current_page: currentPage, per_page: limit, total_entries: mine.length, items });
  });

  router.put("/blobs/:id/complete", (request) => {
    const { user } = requireUser(ctx, request);
    const blob = ownBlob(ctx, request, user.id);
    const size = coerce.int(request.body.size ?? coerce.object(request.body.blob)?.size, "size");
    completeBlob(ctx, blob, size);
    return reply.empty();
  });

  router.get("/blobs/:uid/object", (request) => {
    const session = requireSession(ctx, request);
    const blob = blobOrNotFound(ctx, request.params.uid, session);
    const access = {
      id: blob.id,
      blob_id: blob.id,
      expires: expires(ctx),
      object_access_type: "Read",
      download_url: downloadUrl(ctx, blob, session),
    };
    return reply.ok({ blob: { ...blobToWire(ctx, blob), blob_object_access: access } });
  });

  router.get(
    "/blobs/:id",
    (request) => {
      const session = requireSession(ctx, request);
      return reply.ok({ blob: blobToWire(ctx, blobOrNotFound(ctx, request.params.id, session)) });
    },
    "json",
  );

  router.put("/blobs/:id", (request) => {
    const { user } = requireUser(ctx, request);
    const blob = ownBlob(ctx, request, user.id);
    const name = coerce.string(coerce.object(request.body.blob)?.name);
    if (name) {
      blob.name = name;
      blob.updated_at = ctx.clock();
      ctx.db.changed();
    }
    return reply.ok({ blob: blobToWire(ctx, blob) });
  });

  router.delete("/blobs/:id", (request) => {
    const { user } = requireUser(ctx, request);
    ctx.db.removeBlob(ownBlob(ctx, request, user.id).id);
    return reply.empty();
  });
}

/** The blob the session may read, by numeric id or uid; a 404 for one it may not, as for one that does not exist. */
function blobOrNotFound(ctx: ServerContext, idOrUid: string, session: Pick<SessionRecord, "user_id">): BlobRecord {
  const blob = findBlob(ctx, idOrUid);
  if (!blob || !canReadBlob(ctx, blob, session.user_id)) throw notFound("Blob not found");
  return blob;
}

function ownBlob(ctx: ServerContext, request: RestRequest, userId: number): BlobRecord {
  const blob = blobOrNotFound(ctx, request.params.id, { user_id: userId });
  if (blob.owner_id !== userId) throw forbidden("Only the owner can change this blob");
  return blob;
}

function expires(ctx: ServerContext): string {
  return new Date(ctx.clock() + ACCESS_TTL_MS).toISOString();
}

function downloadUrl(ctx: ServerContext, blob: BlobRecord, session: SessionRecord): string {
  const url = `${ctx.apiUrl}/blobs/${blob.uid}`;
  return blob.public ? url : `${url}?token=${encodeURIComponent(session.token)}`;
}
