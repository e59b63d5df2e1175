import type { ChatError } from "./ChatError.js";

/** The outcome of a pure mapping that may meet bad input: a value, or the ChatError explaining why not. */
export type Result<T, E = ChatError> = { ok: true; value: T } | { ok: false; error: E };

/** A successful Result. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** A failed Result. */
export function err<E = ChatError>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}
