import { ChatError } from "./ChatError.js";

/** True for the error of an expired REST session: the REST client renews the session and retries once. */
export function isSessionExpired(error: unknown): boolean {
  return error instanceof ChatError && error.details?.sessionExpired === true;
}
