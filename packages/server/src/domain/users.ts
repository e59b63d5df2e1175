import type { ServerContext } from "../context.js";
import type { UserRecord } from "../model/types.js";
import { invalid } from "./errors.js";
import { iso } from "./time.js";

/** Fields a client may set on a user (signup and update). */
export interface UserInput {
  login?: unknown;
  email?: unknown;
  password?: unknown;
  full_name?: unknown;
  phone?: unknown;
  website?: unknown;
  external_user_id?: unknown;
  external_id?: unknown;
  facebook_id?: unknown;
  twitter_id?: unknown;
  custom_data?: unknown;
  blob_id?: unknown;
  avatar?: unknown;
  tag_list?: unknown;
  timezone?: unknown;
  old_password?: unknown;
}

const str = (value: unknown): string | null =>
  value === undefined || value === null || value === "" ? null : String(value);
const int = (value: unknown): number | null => {
  if (value === undefined || value === null || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : null;
};
const tags = (value: unknown): string | null => (Array.isArray(value) ? value.map(String).join(",") : str(value));

/** Creates a user after checking the documented rules (login 3–70 chars, unique login and email, password ≥ 8). */
export function createUser(ctx: ServerContext, input: UserInput, options: { guest?: boolean } = {}): UserRecord {
  const login = str(input.login);
  const email = str(input.email);
  const password = str(input.password) ?? "";
  if (!login && !email) throw invalid("base", "login or email is required");
  validateIdentity(ctx, login, email, null);
  if (!options.guest && password.length < 8) throw invalid("password", "is too short (minimum is 8 characters)");
  const now = ctx.clock();
  const user: UserRecord = {
    id: ctx.db.nextUserId++,
    login,
    email,
    password,
    full_name: str(input.full_name),
    phone: str(input.phone),
    website: str(input.website),
    external_user_id: int(input.external_user_id),
    external_id: str(input.external_id),
    facebook_id: str(input.facebook_id),
    twitter_id: str(input.twitter_id),
    custom_data: str(input.custom_data),
    blob_id: int(input.blob_id),
    avatar: str(input.avatar),
    user_tags: tags(input.tag_list),
    timezone: int(input.timezone),
    is_guest: Boolean(options.guest),
    created_at: now,
    updated_at: now,
    last_request_at: null,
  };
  ctx.db.addUser(user);
  return user;
}

function validateIdentity(ctx: ServerContext, login: string | null, email: string | null, self: number | null): void {
  if (login !== null) {
    if (login.length < 3 || login.length > 70)
      throw invalid("login", "is the wrong length (should be 3..70 characters)");
    const other = ctx.db.usersByLogin.get(login.toLowerCase());
    if (other && other.id !== self) throw invalid("login", "has already been taken");
  }
  if (email !== null) {
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw invalid("email", "is invalid");
    const other = ctx.db.usersByEmail.get(email.toLowerCase());
    if (other && other.id !== self) throw invalid("email", "has already been taken");
  }
}

/** Applies an update a user made to their own profile. */
export function updateUser(ctx: ServerContext, user: UserRecord, input: UserInput): UserRecord {
  const previous = { login: user.login, email: user.email };
  const login = input.login === undefined ? user.login : str(input.login);
  const email = input.email === undefined ? user.email : str(input.email);
  validateIdentity(ctx, login, email, user.id);
  if (input.password !== undefined) {
    if (str(input.old_password) !== user.password) throw invalid("old_password", "is incorrect");
    const password = str(input.password) ?? "";
    if (password.length < 8) throw invalid("password", "is too short (minimum is 8 characters)");
    user.password = password;
  }
  user.login = login;
  user.email = email;
  const strings = [
    "full_name",
    "phone",
    "website",
    "external_id",
    "facebook_id",
    "twitter_id",
    "custom_data",
    "avatar",
  ] as const;
  for (const key of strings) if (input[key] !== undefined) user[key] = str(input[key]);
  if (input.external_user_id !== undefined) user.external_user_id = int(input.external_user_id);
  if (input.blob_id !== undefined) user.blob_id = int(input.blob_id);
  if (input.timezone !== undefined) user.timezone = int(input.timezone);
  if (input.tag_list !== undefined) user.user_tags = tags(input.tag_list);
  user.updated_at = ctx.clock();
  ctx.db.reindexUser(user, previous);
  return user;
}

/** The user with this login or email and password, or undefined. */
export function authenticate(ctx: ServerContext, identity: { login?: unknown; email?: unknown }, password: unknown) {
  const login = str(identity.login);
  const email = str(identity.email);
  const user = login
    ? ctx.db.usersByLogin.get(login.toLowerCase())
    : email
      ? ctx.db.usersByEmail.get(email.toLowerCase())
      : undefined;
  return user && user.password === String(password ?? "") ? user : undefined;
}

/** The user as the REST API shows it. */
export function userToWire(user: UserRecord): Record<string, unknown> {
  return {
    id: user.id,
    login: user.login,
    email: user.email,
    full_name: user.full_name,
    phone: user.phone,
    website: user.website,
    created_at: iso(user.created_at),
    updated_at: iso(user.updated_at),
    last_request_at: user.last_request_at === null ? null : iso(user.last_request_at),
    external_user_id: user.external_user_id,
    external_id: user.external_id,
    facebook_id: user.facebook_id,
    twitter_id: user.twitter_id,
    custom_data: user.custom_data,
    blob_id: user.blob_id,
    avatar: user.avatar,
    user_tags: user.user_tags,
    timezone: user.timezone,
    ...(user.is_guest ? { is_guest: true } : {}),
  };
}
