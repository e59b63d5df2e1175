import { ChatError } from "../errors/ChatError.js";
import type { User } from "../model/user.js";
import { pageFromDto } from "./dto/pageFromDto.js";
import { userFromDto } from "./dto/userFromDto.js";
import { usersByIdsQuery } from "./dto/userRequests.js";
import { type RestContext, unwrap } from "./restContext.js";

/** A new account (`POST /users.json`). */
interface SignupInput {
  /** 3–70 characters, unique. */
  login: string;
  password: string;
  fullName?: string;
  email?: string;
}

/** Changes to the current user's profile (`PUT /users/{id}.json`); only the fields given are sent. */
interface UserPatch {
  login?: string;
  email?: string;
  fullName?: string | null;
  phone?: string | null;
  website?: string | null;
  avatar?: string | null;
  customData?: string | null;
  tags?: readonly string[];
  externalId?: string | null;
  timezone?: number | null;
  /** A new password; needs `oldPassword`. */
  password?: string;
  oldPassword?: string;
}

/** `/users` (docs/protocol.md §3). */
export interface UsersApi {
  /** Creates an account with the app's `CB-AuthKey` (no session needed). Not retried: a login is taken only once. */
  signup(input: SignupInput): Promise<User>;
  /** One user by id. */
  get(id: number): Promise<User>;
  /** Users by ids via `GET /users/v2.json?id[in][]=…`, 100 per request; unknown ids are simply absent. */
  getMany(ids: readonly number[]): Promise<User[]>;
  /** Updates the current user's profile. */
  update(patch: UserPatch): Promise<User>;
}

const PAGE = 100;

/** Creates the users resource group. */
export function createUsersApi(ctx: RestContext): UsersApi {
  const { http } = ctx;
  return {
    async signup(input) {
      const user: Record<string, unknown> = { login: input.login, password: input.password };
      if (input.fullName !== undefined) user.full_name = input.fullName;
      if (input.email !== undefined) user.email = input.email;
      return unwrap(
        userFromDto(await http.request({ method: "POST", path: "users", auth: "authKey", body: { user } })),
      );
    },

    async get(id) {
      return unwrap(userFromDto(await http.request({ method: "GET", path: `users/${userId(id)}` })));
    },

    async getMany(ids) {
      const unique = [...new Set(ids.map(userId))];
      const users: User[] = [];
      for (let start = 0; start < unique.length; start += PAGE) {
        const chunk = unique.slice(start, start + PAGE);
        const body = await http.request({
          method: "GET",
          path: "users/v2",
          params: usersByIdsQuery(chunk, { limit: chunk.length }),
        });
        const page = unwrap(pageFromDto(body, userFromDto));
        if (page.rejected.length > 0) ctx.reportRejected(page.rejected);
        users.push(...page.items);
      }
      return users;
    },

    async update(patch) {
      const me = ctx.currentUserId();
      if (me === null) throw new ChatError("unauthorized", "No signed-in user to update");
      const body = { user: updateUserBody(patch) };
      return unwrap(userFromDto(await http.request({ method: "PUT", path: `users/${me}`, body })));
    },
  };
}

/** The wire `user` object of a profile update. */
function updateUserBody(patch: UserPatch): Record<string, unknown> {
  const user: Record<string, unknown> = {};
  const fields: ReadonlyArray<[keyof UserPatch, string]> = [
    ["login", "login"],
    ["email", "email"],
    ["fullName", "full_name"],
    ["phone", "phone"],
    ["website", "website"],
    ["avatar", "avatar"],
    ["customData", "custom_data"],
    ["externalId", "external_id"],
    ["timezone", "timezone"],
    ["password", "password"],
    ["oldPassword", "old_password"],
  ];
  for (const [key, wire] of fields) if (patch[key] !== undefined) user[wire] = patch[key];
  if (patch.tags !== undefined) user.tag_list = patch.tags.join(",");
  if (patch.password !== undefined && patch.oldPassword === undefined) {
    throw new ChatError("validation", "A new password needs the old one", {
      details: { fields: { old_password: ["can't be blank"] } },
    });
  }
  return user;
}

function userId(id: number): number {
  if (!Number.isInteger(id) || id <= 0) throw new ChatError("validation", `Not a user id: ${String(id)}`);
  return id;
}
