import type { ServerContext } from "../context.js";
import { notFound } from "../domain/errors.js";
import { subscribe, subscriptionToWire } from "../domain/subscriptions.js";
import { coerce } from "./coerce.js";
import { reply } from "./reply.js";
import { requireUser } from "./requireSession.js";
import type { Router } from "./router.js";

/**
 * `/subscriptions` (push notifications): create, list and delete the user's device subscriptions. They are
 * recorded only; `GET /_dev/pushes` shows which of them each chat alert would have reached.
 */
export function subscriptionRoutes(router: Router, ctx: ServerContext): void {
  router.post("/subscriptions", (request) => {
    const { user } = requireUser(ctx, request);
    return reply.created([subscriptionToWire(subscribe(ctx, user, request.body))]);
  });

  router.get("/subscriptions", (request) => {
    const { user } = requireUser(ctx, request);
    return reply.ok(ctx.db.subscriptionsOf(user.id).map(subscriptionToWire));
  });

  router.delete("/subscriptions/:id", (request) => {
    const { user } = requireUser(ctx, request);
    const id = coerce.int(request.params.id, "id");
    const subscription = id === null ? undefined : ctx.db.subscriptions.get(id);
    if (!subscription || subscription.user_id !== user.id) throw notFound("Subscription not found");
    ctx.db.removeSubscription(subscription.id);
    return reply.empty();
  });
}
