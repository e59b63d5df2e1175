import type { Result } from "../../errors/result.js";
import type { User } from "../../model/user.js";
import { readDto } from "./readDto.js";

/**
 * Maps a wire user (docs/protocol.md §3 "User object"; also the `{user: …}` envelope) to a `User`. `user_tags` (a
 * comma-joined string or an array) becomes `tags`; `external_id` (or `external_user_id`) becomes `externalId`.
 */
export function userFromDto(dto: unknown): Result<User> {
  const inner = unwrap(dto);
  return readDto(inner, "user", (r) => {
    const externalId = r.optString("external_id") ?? r.optString("external_user_id");
    return {
      id: r.userId("id"),
      login: r.optString("login"),
      email: r.optString("email"),
      fullName: r.optString("full_name"),
      phone: r.optString("phone"),
      website: r.optString("website"),
      avatar: r.optString("avatar"),
      customData: r.optString("custom_data"),
      tags: r.stringList("user_tags"),
      externalId,
      timezone: r.optNumber("timezone"),
      isGuest: r.flag("is_guest"),
      createdAt: r.optTime("created_at"),
      updatedAt: r.optTime("updated_at"),
      lastRequestAt: r.optTime("last_request_at"),
    };
  });
}

/** `{user: {...}}` → `{...}`; anything else as is. */
function unwrap(dto: unknown): unknown {
  if (typeof dto === "object" && dto !== null && "user" in dto && !("id" in dto))
    return (dto as { user: unknown }).user;
  return dto;
}
