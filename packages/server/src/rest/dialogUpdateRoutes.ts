import type { ServerContext } from "../context.js";
import { dialogToWire, getDialog } from "../domain/dialogs.js";
import { invalid } from "../domain/errors.js";
import { updateDialog } from "../domain/updateDialog.js";
import { coerce } from "./coerce.js";
import { reply } from "./reply.js";
import { requireUser } from "./requireSession.js";
import type { Router } from "./router.js";

/**
 * `PUT /chat/Dialog/{id}.json` and `PUT /chat/Dialog/{id}/admins.json` (docs/protocol.md §4; rules in `updateDialog`).
 */
export function dialogUpdateRoutes(router: Router, ctx: ServerContext): void {
  router.put("/chat/Dialog/:id/admins", (request) => {
    const { user } = requireUser(ctx, request);
    const dialog = getDialog(ctx, request.params.id);
    const push = coerce.object(request.body.push_all);
    const pull = coerce.object(request.body.pull_all);
    if (!push?.admins_ids && !pull?.admins_ids)
      throw invalid("admins_ids", "push_all or pull_all of admins_ids is required");
    updateDialog(ctx, dialog, user, {
      push_all: push ? { admins_ids: push.admins_ids } : undefined,
      pull_all: pull ? { admins_ids: pull.admins_ids } : undefined,
    });
    return reply.ok(dialogToWire(ctx, dialog, user.id));
  });

  router.put("/chat/Dialog/:id", (request) => {
    const { user } = requireUser(ctx, request);
    const dialog = getDialog(ctx, request.params.id);
    updateDialog(ctx, dialog, user, request.body);
    return reply.ok(dialogToWire(ctx, dialog, user.id));
  });
}
