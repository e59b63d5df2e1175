import { ChatError } from "../errors/ChatError.js";
import { isRecord } from "./dto/readDto.js";
import type { RestContext } from "./restContext.js";

/** What the REST system endpoint answers. */
interface SentSystemMessage {
  /** The id the server gave the message. */
  id: string;
  /** The recipient. */
  recipientId: number;
  /** The parameters as delivered (strings). */
  params: Record<string, string>;
}

/** `POST /chat/Message/system.json` (docs/protocol.md §5): a system message to one user, through REST. */
export interface SystemMessagesApi {
  /** Sends `params` to `recipientId` as a system message (no body: REST carries parameters only). */
  send(recipientId: number, params: Readonly<Record<string, string | number | boolean>>): Promise<SentSystemMessage>;
}

/** Creates the system messages resource group. */
export function createSystemMessagesApi(ctx: RestContext): SystemMessagesApi {
  return {
    async send(recipientId, params) {
      if ("recipientId" in params || "recipient_id" in params)
        throw new ChatError("validation", "recipientId is not a parameter");
      const body = await ctx.http.request({
        method: "POST",
        path: "chat/Message/system",
        body: { ...params, recipientId },
      });
      const answer = isRecord(body) ? body : {};
      const extension = isRecord(answer.extensionParams) ? answer.extensionParams : {};
      return {
        id: typeof answer.messageId === "string" ? answer.messageId : "",
        recipientId: Number(answer.recipientId ?? recipientId),
        params: Object.fromEntries(Object.entries(extension).map(([key, value]) => [key, String(value)])),
      };
    },
  };
}
