import type { Element } from "@xmpp/xml";
import { ChatError } from "../../errors/ChatError.js";
import { parseMessage } from "../stanzas/parseMessage.js";
import { handleChatMessage } from "./handleChatMessage.js";
import { handleChatState } from "./handleChatState.js";
import { handleCorrection, handleRemoval } from "./handleEdits.js";
import { handleMarker } from "./handleMarker.js";
import { handleReaction } from "./handleReaction.js";
import type { IngestContext } from "./ingestContext.js";

/**
 * Turns incoming `<message>` stanzas into store updates. A malformed stanza is reported through
 * `ctx.reportError` and dropped; it never throws and never half-applies.
 */
export function createMessageIngest(ctx: IngestContext): (stanza: Element) => void {
  return (stanza) => {
    const self = ctx.selfUserId();
    const parsed = parseMessage(stanza, { ...(self === null ? {} : { selfUserId: self }), domain: ctx.domain });
    try {
      switch (parsed.kind) {
        case "chat-message":
          return handleChatMessage(ctx, parsed);
        case "marker":
          return handleMarker(ctx, parsed);
        case "chat-state":
          return handleChatState(ctx, parsed);
        case "correction":
          return handleCorrection(ctx, parsed);
        case "removal":
          return handleRemoval(ctx, parsed);
        case "reaction":
          return handleReaction(ctx, parsed);
        case "system":
          return ctx.onSystemMessage(parsed);
        case "error":
          return ctx.onMessageError(parsed.id, parsed.error);
        case "malformed":
          return ctx.reportError(
            new ChatError("protocol", `dropped a malformed message: ${parsed.reason}`, { details: { id: parsed.id } }),
          );
        case "unknown":
          return;
      }
    } catch (cause) {
      ctx.reportError(
        new ChatError("protocol", "could not apply an incoming message", { cause, details: { id: parsed.id } }),
      );
    }
  };
}
