import { createStore, type Readable } from "@chatcube/react";
import { cachedUsers, fetchUsers, type UsersById } from "../../../shared/users";

export { type DirectoryUser, displayName } from "../../../shared/users";

/** Users by id, as a Readable, loaded from the REST API and cached for offline starts. */
export interface UserDirectory {
  users: Readable<UsersById>;
  /** Loads every user of the app (the demo has a handful). */
  loadAll(): Promise<void>;
}

/** The people the app shows by name (see shared/users.ts for why this is not core's yet). */
export function createUserDirectory(apiUrl: string, token: () => string | null): UserDirectory {
  const users = createStore<UsersById>(cachedUsers(apiUrl));
  return {
    users,
    async loadAll() {
      const current = token();
      if (current) users.set(await fetchUsers(apiUrl, current));
    },
  };
}
