import { HTTPError, TimeoutError } from "ky";
import { ChatError } from "../errors/ChatError.js";
import { chatErrorFromHttp } from "../errors/chatErrorFromHttp.js";
import { toChatError } from "../errors/toChatError.js";

/**
 * Turns what a ky call threw into a `ChatError`: an HTTP error answer through `chatErrorFromHttp` (its body read as
 * text, JSON or not), a ky timeout into `timeout`, anything else (the `TypeError` of a failed fetch, a reset
 * connection) into `network`. A ChatError passes through unchanged.
 */
export async function restErrorFrom(error: unknown): Promise<ChatError> {
  if (error instanceof ChatError) return error;
  if (error instanceof HTTPError) {
    let body = "";
    try {
      body = await error.response.text();
    } catch {
      // The body could not be read (connection dropped mid-answer): the status alone still says enough.
    }
    return chatErrorFromHttp(error.response.status, body, { cause: error });
  }
  if (error instanceof TimeoutError) return new ChatError("timeout", error.message, { cause: error });
  return toChatError(error, "network");
}
