import {
  type Contact,
  type LastActivityState as LastActivity,
  type ContactPresence as Presence,
  type Readable,
  select,
  UNKNOWN_LAST_ACTIVITY,
} from "@chatcube/core";
import { getChatClient } from "./chatContext.js";
import { follow, type MaybeGetter } from "./follow.js";
import { asReadable } from "./useReadable.js";

/** The contact list with subscription states and presence, live. */
export function useContacts(): Readable<readonly Contact[]> {
  return asReadable(getChatClient().contacts);
}

/** A contact's presence (undefined for someone not in the contact list); notifies only when it changes. */
export function usePresence(userId: MaybeGetter<number | null | undefined>): Readable<Presence | undefined> {
  const { contacts } = getChatClient();
  return follow(userId, (id) =>
    select(contacts, (list) => (id == null ? undefined : list.find((contact) => contact.userId === id)?.presence)),
  );
}

/** When the user was last online; core subscribes to their online/offline changes while the store has subscribers. */
export function useLastActivity(userId: MaybeGetter<number | null | undefined>): Readable<LastActivity> {
  const client = getChatClient();
  return follow(userId, (id) => (id == null ? UNKNOWN_LAST_ACTIVITY : client.lastActivity.forUser(id)));
}

/** The ids of the users the current user blocks; `client.privacy.block/unblock` change it. */
export function useBlockList(): Readable<ReadonlySet<number>> {
  return select(getChatClient().privacy, (privacy) => privacy.blocked);
}
