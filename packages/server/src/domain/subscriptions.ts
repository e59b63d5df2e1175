import type { ServerContext } from "../context.js";
import type { SubscriptionRecord, SubscriptionSummary, UserRecord } from "../model/types.js";
import { invalid } from "./errors.js";
import { iso } from "./time.js";

const CHANNELS = ["apns", "apns_voip", "gcm", "web"];
const PLATFORMS = ["ios", "android", "web"];
const ENVIRONMENTS = ["development", "production"];
/** Most subscriptions one user may hold (one per device and channel). */
const MAX_SUBSCRIPTIONS_PER_USER = 50;

/**
 * Records a device's push subscription from a `POST /subscriptions` body. The same device and channel of a
 * user replaces the earlier subscription, as a re-registering app expects. Nothing is ever sent to a push service.
 */
export function subscribe(ctx: ServerContext, user: UserRecord, body: Record<string, unknown>): SubscriptionRecord {
  const channel = oneOf(body.notification_channel, CHANNELS, "notification_channel");
  const device = objectOf(body.device, "device");
  const platform = oneOf(device.platform, PLATFORMS, "device.platform");
  const udid = typeof device.udid === "string" || typeof device.udid === "number" ? String(device.udid).trim() : "";
  if (udid === "" || udid.length > 256)
    throw invalid("device.udid", "must be a non-empty string of at most 256 characters");
  const token = objectOf(body.push_token, "push_token");
  const environment = oneOf(token.environment ?? "development", ENVIRONMENTS, "push_token.environment");
  const needed = channel === "web" ? ["web_endpoint", "web_auth", "web_p256dh"] : ["client_identification_sequence"];
  const pushToken: Record<string, string> = {};
  for (const [key, value] of Object.entries(token)) {
    if (key !== "environment" && (typeof value === "string" || typeof value === "number"))
      pushToken[key] = String(value).slice(0, 4096);
  }
  for (const key of needed) if (!pushToken[key]) throw invalid(`push_token.${key}`, "can't be blank");

  const existing = ctx.db.subscriptionsOf(user.id);
  const same = existing.find((s) => s.udid === udid && s.notification_channel === channel);
  if (!same && existing.length >= MAX_SUBSCRIPTIONS_PER_USER)
    throw invalid("base", `a user holds at most ${MAX_SUBSCRIPTIONS_PER_USER} subscriptions`);
  const subscription: SubscriptionRecord = {
    id: same?.id ?? ctx.db.nextSubscriptionId++,
    user_id: user.id,
    notification_channel: channel,
    udid,
    platform,
    environment,
    push_token: pushToken,
    created_at: same?.created_at ?? ctx.clock(),
  };
  ctx.db.putSubscription(subscription);
  return subscription;
}

/** A subscription as the API shows it (push tokens stay on the server). */
export function subscriptionToWire(subscription: SubscriptionRecord): Record<string, unknown> {
  return {
    subscription: {
      id: subscription.id,
      environment: subscription.environment,
      notification_channel: { name: subscription.notification_channel },
      device: { udid: subscription.udid, platform: { name: subscription.platform } },
      created_at: iso(subscription.created_at),
    },
  };
}

/** What a recorded alert keeps of a subscription it would have reached. */
export function subscriptionSummary(subscription: SubscriptionRecord): SubscriptionSummary {
  return {
    id: subscription.id,
    notification_channel: subscription.notification_channel,
    platform: subscription.platform,
    udid: subscription.udid,
  };
}

function oneOf(value: unknown, allowed: string[], field: string): string {
  const text = typeof value === "string" ? value.trim().toLowerCase() : "";
  if (!allowed.includes(text)) throw invalid(field, `must be one of ${allowed.join(", ")}`);
  return text;
}

function objectOf(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalid(field, "must be an object");
  return value as Record<string, unknown>;
}
