import { badRequest } from "../domain/errors.js";

/** One part of a multipart body. */
export interface MultipartPart {
  /** The form field name. */
  name: string;
  /** The file name, when the part carried one. */
  filename: string | null;
  /** The part's own Content-Type, when it carried one. */
  contentType: string | null;
  data: Buffer;
}

/** Reads the boundary out of a `multipart/form-data; boundary=…` content type. */
function multipartBoundary(contentType: string): string | null {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : null;
}

/**
 * Splits a `multipart/form-data` body (RFC 7578) into its parts. Small and strict enough for the SDK's
 * `form-data` uploads: CRLF line breaks, a `Content-Disposition: form-data; name=…` header per part.
 */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const boundary = multipartBoundary(contentType);
  if (!boundary) throw badRequest("multipart body without a boundary");
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0) throw badRequest("multipart body without its boundary");
  while (true) {
    position += delimiter.length;
    // `--boundary--` closes the body.
    if (body[position] === 0x2d && body[position + 1] === 0x2d) break;
    if (body[position] === 0x0d && body[position + 1] === 0x0a) position += 2;
    const headerEnd = body.indexOf("\r\n\r\n", position);
    if (headerEnd < 0) throw badRequest("multipart part without headers");
    const headers = parseHeaders(body.subarray(position, headerEnd).toString("utf8"));
    const dataStart = headerEnd + 4;
    const next = body.indexOf(Buffer.concat([Buffer.from("\r\n"), delimiter]), dataStart);
    if (next < 0) throw badRequest("multipart body is truncated");
    const disposition = headers.get("content-disposition") ?? "";
    const name = dispositionParam(disposition, "name");
    if (name !== null) {
      parts.push({
        name,
        filename: dispositionParam(disposition, "filename"),
        contentType: headers.get("content-type") ?? null,
        data: Buffer.from(body.subarray(dataStart, next)),
      });
    }
    position = next + 2;
  }
  return parts;
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function dispositionParam(disposition: string, key: string): string | null {
  const match = new RegExp(`(?:^|;)\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, "i").exec(disposition);
  if (!match) return null;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : match[2].trim();
}
