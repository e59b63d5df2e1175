import type { ServerContext } from "../context.js";
import { dialogNameFor } from "../domain/dialogs.js";
import { iso } from "../domain/time.js";
import type { PushRecord } from "../model/types.js";

/**
 * A recorded chat alert as `GET /_dev/pushes` shows it: with the dialog's name as its recipient sees it and the
 * push subscriptions it would have reached (none: the recipient had no device subscribed).
 */
export function pushToWire(ctx: ServerContext, push: PushRecord): Record<string, unknown> {
  const dialog = ctx.db.dialogs.get(push.dialog_id);
  return {
    ...push,
    dialog_name: dialog ? dialogNameFor(ctx, dialog, push.user_id) : null,
    subscriptions: push.subscriptions ?? [],
    created_at: iso(push.created_at),
  };
}
