import type { ParsedChatState } from "../stanzas/parsedMessage.js";
import { type IngestContext, privateDialogWith } from "./ingestContext.js";

/** Typing news from someone else: `composing` starts (with expiry), anything else stops. */
export function handleChatState(ctx: IngestContext, parsed: ParsedChatState): void {
  if (parsed.senderId === ctx.selfUserId()) return;
  const dialogId = parsed.dialogId ?? privateDialogWith(ctx, parsed.senderId);
  if (!dialogId) return;
  ctx.typing.set(dialogId, parsed.senderId, parsed.state === "composing");
}
