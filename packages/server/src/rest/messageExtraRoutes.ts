import type { ServerContext } from "../context.js";
import { isOccupant, unreadCount } from "../domain/dialogs.js";
import { invalid } from "../domain/errors.js";
import { react } from "../domain/messages.js";
import { objectId } from "../model/ids.js";
import type { DialogRecord } from "../model/types.js";
import { reactionStanza, systemStanza } from "../xmpp/stanzas.js";
import { coerce } from "./coerce.js";
import { deliverToDialog } from "./deliverToDialog.js";
import { messageForUser } from "./messageForUser.js";
import { reply } from "./reply.js";
import { requireUser } from "./requireSession.js";
import type { Router } from "./router.js";

/** `/chat/Message` extras (docs/protocol.md §5): unread counts, system messages, reactions. */
export function messageExtraRoutes(router: Router, ctx: ServerContext): void {
  router.get("/chat/Message/unread", (request) => {
    const { user } = requireUser(ctx, request);
    // The SDK joins ids with ", "; the docs pass `dialogs_ids[]=…`. Without ids: every dialog of the user.
    const ids = [...coerce.list(request.query.chat_dialog_ids), ...coerce.list(request.query.dialogs_ids)].map((id) =>
      id.toLowerCase(),
    );
    const dialogs = ids.length
      ? ids
          .map((id) => ctx.db.dialogs.get(id))
          .filter((dialog): dialog is DialogRecord => Boolean(dialog && isOccupant(dialog, user.id)))
      : [...ctx.db.dialogs.values()].filter(
          (dialog) => isOccupant(dialog, user.id) && !dialog.hidden_for.includes(user.id),
        );
    const counts: Record<string, number> = { total: 0 };
    for (const dialog of dialogs) {
      const count = unreadCount(ctx, dialog, user.id);
      counts[dialog._id] = count;
      counts.total += count;
    }
    return reply.ok(counts);
  });

  router.post("/chat/Message/system", (request) => {
    const { user } = requireUser(ctx, request);
    const { recipientId: rawRecipient, extensionParams, ...rest } = request.body;
    const recipientId = coerce.int(rawRecipient ?? request.body.recipient_id, "recipientId");
    if (recipientId === null) throw invalid("recipientId", "can't be blank");
    if (!ctx.db.users.has(recipientId)) throw invalid("recipientId", `user ${recipientId} does not exist`);
    delete rest.recipient_id;
    const extension: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...rest, ...(coerce.object(extensionParams) ?? {}) })) {
      if (value === undefined || value === null) continue;
      extension[key] = typeof value === "object" ? JSON.stringify(value) : String(value);
    }
    const messageId = objectId(ctx.clock());
    // A system message is a live notification: it reaches the sessions online now and is not queued.
    ctx.chat.deliverToUser(recipientId, systemStanza(ctx, user.id, messageId, null, extension), { offline: "drop" });
    return reply.ok({ messageId, recipientId, extensionParams: extension });
  });

  router.get("/chat/Message/:id/reactions", (request) => {
    const { user } = requireUser(ctx, request);
    const message = messageForUser(ctx, request.params.id, user.id);
    return reply.ok(Object.fromEntries(Object.entries(message.reactions).map(([emoji, users]) => [emoji, [...users]])));
  });

  router.put("/chat/Message/:id/reactions", (request) => {
    const { user } = requireUser(ctx, request);
    const message = messageForUser(ctx, request.params.id, user.id);
    const add = coerce.string(request.body.add);
    const remove = coerce.string(request.body.remove);
    if (!add && !remove) throw invalid("add", "or remove is required");
    const change = react(ctx, message, user.id, { add, remove });
    const dialog = ctx.db.dialogs.get(message.chat_dialog_id);
    if (dialog && (change.added || change.removed.length)) {
      deliverToDialog(ctx, dialog, reactionStanza(ctx, message, dialog, user.id, change), user.id, {
        includeActor: true,
      });
    }
    return reply.empty();
  });
}
