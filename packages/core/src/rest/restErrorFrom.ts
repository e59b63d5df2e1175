import { ChatError } from "../errors/ChatError.js";
import { chatErrorFromHttp } from "../errors/chatErrorFromHttp.js";
import { toChatError } from "../errors/toChatError.js";
import { HttpStatusError, RequestTimeoutError } from "./fetchWithRetry.js";

/**
 * Turns what `fetchWithRetry` threw into a `ChatError`: an HTTP error answer through `chatErrorFromHttp` (its body
 * read as text, JSON or not), a timeout into `timeout`, anything else (the `TypeError` of a failed fetch, a reset
 * connection) into `network`. A ChatError passes through unchanged.
 */
export async function restErrorFrom(error: unknown): Promise<ChatError> {
  if (error instanceof ChatError) return error;
  if (error instanceof HttpStatusError) {
    let body = "";
    try {
      body = await error.response.text();
    } catch {
      // The body could not be read (connection dropped mid-answer): the status alone still says enough.
    }
    return chatErrorFromHttp(error.response.status, body, { cause: error });
  }
  if (error instanceof RequestTimeoutError) return new ChatError("timeout", error.message, { cause: error });
  return toChatError(error, "network");
}
