/** What a route handler answers; `restHandler` turns it into the HTTP response. */
export interface RestReply {
  status: number;
  /** A JSON body (omitted: empty body). */
  json?: unknown;
  /** A raw body (bytes or text) sent with `contentType`. */
  raw?: Buffer | string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** Builders for the usual replies. */
export const reply = {
  /** 200 with a JSON body. */
  ok: (json: unknown): RestReply => ({ status: 200, json }),
  /** 201 with a JSON body. */
  created: (json: unknown): RestReply => ({ status: 201, json }),
  /** 200 with an empty body (the SDK reads such answers as text). */
  empty: (status = 200): RestReply => ({ status }),
  /** Any status with a JSON body. */
  json: (status: number, json: unknown): RestReply => ({ status, json }),
  /** Raw bytes or text with a content type. */
  raw: (
    status: number,
    raw: Buffer | string,
    contentType: string,
    headers: Record<string, string> = {},
  ): RestReply => ({
    status,
    raw,
    contentType,
    headers,
  }),
  /** A redirect. */
  redirect: (status: 301 | 302 | 307, location: string): RestReply => ({ status, headers: { Location: location } }),
};
