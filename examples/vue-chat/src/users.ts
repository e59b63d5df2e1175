import { type InjectionKey, inject, type ShallowRef, shallowRef } from "vue";
import { cachedUsers, fetchUsers, type UsersById } from "../../shared/users";

/** The people the app shows by name, loaded with the session token (cached for offline starts). */
export interface Users {
  byId: Readonly<ShallowRef<UsersById>>;
  load(token: string): Promise<void>;
}

/** Where the app provides its users. */
export const USERS_KEY: InjectionKey<Users> = Symbol("users");

/** Creates the users store of the app. */
export function createUsers(apiUrl: string): Users {
  const byId = shallowRef<UsersById>(cachedUsers(apiUrl));
  return {
    byId,
    async load(token) {
      byId.value = await fetchUsers(apiUrl, token);
    },
  };
}

/** The provided users store. */
export function useUsers(): Users {
  const users = inject(USERS_KEY);
  if (!users) throw new Error("useUsers: no users provided");
  return users;
}
