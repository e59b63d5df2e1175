import { getContext, setContext } from "svelte";
import { type Readable, writable } from "svelte/store";
import { cachedUsers, fetchUsers, type UsersById } from "../../shared/users";

/** The people the app shows by name, loaded with the session token (cached for offline starts). */
export interface Users extends Readable<UsersById> {
  load(token: string): Promise<void>;
}

const KEY = Symbol("users");

/** Creates the users store of the app. */
export function createUsers(apiUrl: string): Users {
  const store = writable<UsersById>(cachedUsers(apiUrl));
  return {
    subscribe: store.subscribe,
    async load(token) {
      store.set(await fetchUsers(apiUrl, token));
    },
  };
}

/** Makes the users store available to the components below. */
export function setUsers(users: Users): void {
  setContext(KEY, users);
}

/** The users store set by an ancestor. */
export function getUsers(): Users {
  return getContext<Users>(KEY);
}
