import type { ServerContext } from "../context.js";
import { invalid } from "../domain/errors.js";
import { iso } from "../domain/time.js";
import { coerce } from "./coerce.js";
import { pushToWire } from "./pushToWire.js";
import { reply } from "./reply.js";
import type { Router } from "./router.js";

/** `GET /` (health) and `GET /_dev/pushes` (the push notifications the server would have sent). */
export function devRoutes(router: Router, ctx: ServerContext): void {
  router.get("/", () =>
    reply.ok({
      name: "chatcube-server",
      status: "ok",
      api_url: ctx.apiUrl,
      chat_domain: ctx.domain,
      application_id: ctx.appId,
      time: iso(ctx.clock()),
    }),
  );

  // Development only and deliberately without auth: lets tests and demos see which pushes would have gone
  // out (to offline or inactive occupants). Never expose this server beyond localhost.
  router.get("/_dev/pushes", (request) => {
    const userId = coerce.int(request.query.user_id, "user_id");
    if (userId !== null && userId <= 0) throw invalid("user_id", "must be positive");
    const items = ctx.db.pushes.filter((push) => userId === null || push.user_id === userId);
    return reply.ok({ items: items.map((push) => pushToWire(ctx, push)) });
  });
}
