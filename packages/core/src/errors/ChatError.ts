/** What went wrong, as a program switches on it. */
export type ChatErrorCode =
  | "network"
  | "unauthorized"
  | "forbidden"
  | "not-found"
  | "validation"
  | "blocked"
  | "timeout"
  | "server"
  | "protocol"
  | "conflict"
  | "storage"
  | "cancelled";

/** Every `ChatErrorCode`, for exhaustive checks and validation of persisted errors. */
export const CHAT_ERROR_CODES: readonly ChatErrorCode[] = [
  "network",
  "unauthorized",
  "forbidden",
  "not-found",
  "validation",
  "blocked",
  "timeout",
  "server",
  "protocol",
  "conflict",
  "storage",
  "cancelled",
];

/** Extra facts about an error; every field is optional. */
export interface ChatErrorDetails {
  /** Per-field messages of a validation error (`{errors: {name: ["is too long"]}}`). */
  fields?: Readonly<Record<string, readonly string[]>>;
  /** General messages (`{errors: {base: [...]}}`). */
  messages?: readonly string[];
  /** The XMPP `<text>` of a stanza error. */
  text?: string;
  /** The XMPP error `type` (`cancel`, `auth`, `modify`, `wait`). */
  errorType?: string;
  /** The legacy numeric `code` attribute of an XMPP error. */
  legacyCode?: number;
  /** True for a 401 whose body says the REST session expired (docs/protocol.md §2): renew the session and retry. */
  sessionExpired?: boolean;
  /** Anything else worth keeping for a bug report (e.g. the problems found in a malformed DTO). */
  [key: string]: unknown;
}

/** Constructor options of `ChatError`. */
export interface ChatErrorOptions {
  /** HTTP status, for REST failures. */
  status?: number;
  /** XMPP defined condition (e.g. `service-unavailable`), for stanza errors. */
  condition?: string;
  /** Extra facts. */
  details?: ChatErrorDetails;
  /** The underlying error, if any. */
  cause?: unknown;
}

/** A plain, structured-clone-safe form of a ChatError, for persistence (IndexedDB keeps no class identity). */
export interface ChatErrorJson {
  code: ChatErrorCode;
  message: string;
  status?: number;
  condition?: string;
  details?: ChatErrorDetails;
}

/** Codes worth retrying later without any change by the user. */
const TRANSIENT: ReadonlySet<ChatErrorCode> = new Set(["network", "timeout", "server"]);

/** The one error type core produces: errors are values with a `code`, never bare strings. */
export class ChatError extends Error {
  /** What went wrong. */
  readonly code: ChatErrorCode;
  /** HTTP status of a REST failure. */
  readonly status?: number;
  /** XMPP condition of a stanza error. */
  readonly condition?: string;
  /** Extra facts. */
  readonly details?: ChatErrorDetails;

  constructor(code: ChatErrorCode, message: string, options: ChatErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ChatError";
    this.code = code;
    if (options.status !== undefined) this.status = options.status;
    if (options.condition !== undefined) this.condition = options.condition;
    if (options.details !== undefined) this.details = options.details;
  }

  /** True when trying again later may succeed (network, timeout, server errors, HTTP 429). */
  get transient(): boolean {
    return TRANSIENT.has(this.code) || this.status === 429;
  }

  /** The plain form, for persistence. */
  toJSON(): ChatErrorJson {
    const json: ChatErrorJson = { code: this.code, message: this.message };
    if (this.status !== undefined) json.status = this.status;
    if (this.condition !== undefined) json.condition = this.condition;
    if (this.details !== undefined) json.details = this.details;
    return json;
  }

  /** Rebuilds a ChatError from its plain form; an unknown code becomes `protocol`. */
  static fromJSON(json: ChatErrorJson): ChatError {
    const code = CHAT_ERROR_CODES.includes(json.code) ? json.code : "protocol";
    return new ChatError(code, json.message, { status: json.status, condition: json.condition, details: json.details });
  }
}

/** True for a ChatError (optionally of one of `codes`). */
export function isChatError(value: unknown, ...codes: ChatErrorCode[]): value is ChatError {
  return value instanceof ChatError && (codes.length === 0 || codes.includes(value.code));
}
