import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { ApiError, badRequest } from "../domain/errors.js";
import { type MultipartPart, parseMultipart } from "./parseMultipart.js";
import { type Params, parseParams } from "./parseParams.js";

/** Largest upload body (multipart). */
const UPLOAD_LIMIT = 10 * 1024 * 1024;
/** Largest body of any other request. */
const BODY_LIMIT = 1024 * 1024;

/** A parsed REST request, as route handlers see it. */
export interface RestRequest {
  method: string;
  /** The path without a trailing `.json`. */
  path: string;
  /** True when the path ended with `.json`. */
  json: boolean;
  /** Values of the `:name` segments of the matched route. */
  params: Record<string, string>;
  /** The decoded query string. */
  query: Params;
  /** The decoded body (JSON object, form fields or multipart fields). */
  body: Record<string, unknown>;
  /** Query and body together, the body winning: GET sends a query, DELETE a form body, POST/PUT JSON. */
  input: Record<string, unknown>;
  /** The file parts of a multipart body. */
  files: MultipartPart[];
  headers: IncomingHttpHeaders;
  /** Headers the response will carry (e.g. `CB-Token-ExpirationDate`). */
  responseHeaders: Record<string, string>;
}

/** One request header as a string (the first one when repeated). */
export function header(request: Pick<RestRequest, "headers">, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Reads the whole body, refusing (413) more than `limit` bytes. The excess is drained and dropped rather than
 * left unread, so that the client, still writing, reliably gets the 413 instead of a reset connection.
 */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  let exceeded = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) exceeded = true;
    if (!exceeded) chunks.push(chunk);
  }
  if (exceeded) throw tooLarge(limit);
  return Buffer.concat(chunks);
}

function tooLarge(limit: number): ApiError {
  return new ApiError(413, `Request body is larger than ${Math.round(limit / 1024)} KB`);
}

/** Reads and decodes an HTTP request; throws 400 for a body that can't be read and 413 for one too large. */
export async function readRequest(req: IncomingMessage): Promise<RestRequest> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const rawPath = decodePath(url.pathname.replace(/\/+$/, "") || "/");
  const json = rawPath.endsWith(".json");
  const path = json ? rawPath.slice(0, -5) : rawPath;
  const contentType = (req.headers["content-type"] ?? "").toLowerCase();
  const multipart = contentType.startsWith("multipart/form-data");
  const method = (req.method ?? "GET").toUpperCase();
  const data =
    method === "GET" || method === "HEAD" || method === "OPTIONS"
      ? Buffer.alloc(0)
      : await readBody(req, multipart ? UPLOAD_LIMIT : BODY_LIMIT);
  const query = parseParams(url.search);
  let body: Record<string, unknown> = {};
  let files: MultipartPart[] = [];
  if (data.length > 0) {
    if (multipart) {
      const parts = parseMultipart(data, req.headers["content-type"] ?? "");
      files = parts.filter((part) => part.filename !== null || part.name === "file");
      const fields = parts
        .filter((part) => !files.includes(part))
        .map((part) => `${encodeURIComponent(part.name)}=${encodeURIComponent(part.data.toString("utf8"))}`);
      body = parseParams(fields.join("&"));
    } else {
      body = decodeBody(data.toString("utf8"), contentType);
    }
  }
  return {
    method,
    path,
    json,
    params: {},
    query,
    body,
    input: { ...query, ...body },
    files,
    headers: req.headers,
    responseHeaders: {},
  };
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    throw badRequest("The request path is not valid percent-encoding");
  }
}

/** JSON for `application/json` (and bodies that look like JSON); form decoding otherwise. */
function decodeBody(text: string, contentType: string): Record<string, unknown> {
  const trimmed = text.trim();
  if (trimmed === "") return {};
  const looksJson = trimmed.startsWith("{") || trimmed.startsWith("[");
  if (contentType.includes("json") || (looksJson && !contentType.includes("x-www-form-urlencoded"))) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      throw badRequest(`The request body is not valid JSON: ${(error as Error).message}`);
    }
    if (value === null || typeof value !== "object" || Array.isArray(value))
      throw badRequest("The request body must be a JSON object");
    return value as Record<string, unknown>;
  }
  return parseParams(trimmed);
}
