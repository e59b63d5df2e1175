// Shared by the example apps (plain TypeScript, no imports). Core has no users facade yet, so the examples read
// `GET /users/v2` with the session token, and keep the answer in localStorage so names show offline too.

/** What the examples show of a user. */
export interface DirectoryUser {
  id: number;
  login: string | null;
  fullName: string | null;
  /** Last REST request (ms), a coarse "last seen" when the server reports no last activity. */
  lastRequestAt: number | null;
}

/** Users by id. */
export type UsersById = Readonly<Record<number, DirectoryUser>>;

interface WireUser {
  id: number;
  login?: string | null;
  full_name?: string | null;
  last_request_at?: string | null;
}

const cacheKey = (apiUrl: string) => `chatcube-example:users:${apiUrl}`;

/** The users cached by the last `fetchUsers` (empty when none). */
export function cachedUsers(apiUrl: string): UsersById {
  try {
    return JSON.parse(localStorage.getItem(cacheKey(apiUrl)) ?? "{}") as UsersById;
  } catch {
    return {};
  }
}

/** Fetches the app's users (the demo has a handful) and caches them. */
export async function fetchUsers(apiUrl: string, token: string): Promise<UsersById> {
  const response = await fetch(`${apiUrl.replace(/\/$/, "")}/users/v2?limit=100`, { headers: { "CB-Token": token } });
  if (!response.ok) throw new Error(`users: HTTP ${response.status}`);
  const body = (await response.json()) as { items?: WireUser[] };
  const users: Record<number, DirectoryUser> = {};
  for (const user of body.items ?? []) {
    users[user.id] = {
      id: user.id,
      login: user.login ?? null,
      fullName: user.full_name ?? null,
      lastRequestAt: user.last_request_at ? Date.parse(user.last_request_at) : null,
    };
  }
  localStorage.setItem(cacheKey(apiUrl), JSON.stringify(users));
  return users;
}

/** The name to show for a user id. */
export function displayName(users: UsersById, id: number | null | undefined): string {
  if (id === null || id === undefined) return "Unknown";
  const user = users[id];
  return user?.fullName || user?.login || `User ${id}`;
}

/** A dialog's title: its name, or the other person's name for a private dialog (DialogType.PRIVATE = 3). */
export function titleOf(
  dialog: { type: number; name: string | null; occupantIds: readonly number[] },
  meId: number,
  users: UsersById,
): string {
  if (dialog.type === 3)
    return displayName(
      users,
      dialog.occupantIds.find((id) => id !== meId),
    );
  return dialog.name || "Untitled chat";
}
