import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServerContext } from "../context.js";
import { ApiError, notFound } from "../domain/errors.js";
import { blobRoutes } from "./blobRoutes.js";
import { customObjectRoutes } from "./customObjectRoutes.js";
import { devRoutes } from "./devRoutes.js";
import { dialogRoutes } from "./dialogRoutes.js";
import { dialogUpdateRoutes } from "./dialogUpdateRoutes.js";
import { messageExtraRoutes } from "./messageExtraRoutes.js";
import { messageRoutes } from "./messageRoutes.js";
import { readRequest } from "./readRequest.js";
import type { RestReply } from "./reply.js";
import { Router } from "./router.js";
import { searchRoutes } from "./searchRoutes.js";
import { sessionRoutes } from "./sessionRoutes.js";
import { subscriptionRoutes } from "./subscriptionRoutes.js";
import { userRoutes } from "./userRoutes.js";

/** CORS headers on every answer: browsers call this API from a dev server on another origin. */
const CORS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE, OPTIONS",
  "Access-Control-Allow-Headers": "CB-Token, CB-AuthKey, CB-SDK, Content-Type, ConnectyCube-REST-API-Version",
  "Access-Control-Expose-Headers": "CB-Token-ExpirationDate",
  "Access-Control-Max-Age": "86400",
};

/** The router with every REST resource of docs/protocol.md §3–6 (order matters: specific paths first). */
function createRouter(ctx: ServerContext): Router {
  const router = new Router();
  for (const register of [
    devRoutes,
    sessionRoutes,
    userRoutes,
    dialogRoutes,
    dialogUpdateRoutes,
    messageExtraRoutes,
    messageRoutes,
    searchRoutes,
    blobRoutes,
    customObjectRoutes,
    subscriptionRoutes,
  ]) {
    register(router, ctx);
  }
  return router;
}

/**
 * The REST API as a Node request listener. It never throws: an `ApiError` becomes its status and `{errors}`,
 * anything else a logged 500. A 2xx answer to a request during which the data changed is sent only once
 * the change is durable (`ctx.persistence.durable()`), so an acknowledged change survives a kill.
 */
export function createRestHandler(ctx: ServerContext): (req: IncomingMessage, res: ServerResponse) => void {
  const router = createRouter(ctx);
  let changes = 0;
  ctx.db.onChange(() => {
    changes++;
  });
  return (req, res) => {
    const changesBefore = changes;
    handle(router, req, res, async () => {
      if (changes !== changesBefore) await ctx.persistence.durable();
    }).catch((error: unknown) => {
      console.error("chatcube-server: could not answer", req.method, req.url, error);
      if (!res.headersSent) send(res, req, { status: 500, json: { errors: { base: ["Internal server error"] } } }, {});
      else res.destroy();
    });
  };
}

async function handle(
  router: Router,
  req: IncomingMessage,
  res: ServerResponse,
  durable: () => Promise<void>,
): Promise<void> {
  if (req.method === "OPTIONS") {
    send(res, req, { status: 204 }, {});
    return;
  }
  let responseHeaders: Record<string, string> = {};
  let result: RestReply;
  try {
    const request = await readRequest(req);
    responseHeaders = request.responseHeaders;
    const match = router.match(request.method, request.path, request.json);
    if (!match) throw notFound(`No route for ${request.method} ${request.path}${request.json ? ".json" : ""}`);
    request.params = match.params;
    result = await match.handler(request);
    if (result.status >= 200 && result.status < 300) await durable();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    result = { status: error.status, json: { errors: error.errors } };
  }
  send(res, req, result, responseHeaders);
}

function send(
  res: ServerResponse,
  req: IncomingMessage,
  result: RestReply,
  extraHeaders: Record<string, string>,
): void {
  const headers: Record<string, string | number> = { ...CORS, ...extraHeaders, ...result.headers };
  let body: Buffer | string = "";
  if (result.json !== undefined) {
    body = JSON.stringify(result.json);
    headers["Content-Type"] = "application/json; charset=utf-8";
  } else if (result.raw !== undefined) {
    body = result.raw;
    headers["Content-Type"] = result.contentType ?? "application/octet-stream";
  } else if (result.status !== 204 && result.status !== 301) {
    headers["Content-Type"] = "text/plain; charset=utf-8";
  }
  headers["Content-Length"] = Buffer.byteLength(body);
  res.writeHead(result.status, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}
