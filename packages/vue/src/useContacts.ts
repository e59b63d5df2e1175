import {
  type Contact,
  type LastActivityState as LastActivity,
  type ContactPresence as Presence,
  select,
  UNKNOWN_LAST_ACTIVITY,
} from "@chatcube/core";
import { type MaybeRefOrGetter, toValue } from "vue";
import { useChatClient } from "./chatPlugin.js";
import { type ReadonlyRef, useReadable } from "./useReadable.js";

/** The contact list with subscription states and presence, live. */
export function useContacts(): ReadonlyRef<readonly Contact[]> {
  return useReadable(useChatClient().contacts);
}

/** A contact's presence (undefined for someone not in the contact list); triggers only when it changes. */
export function usePresence(userId: MaybeRefOrGetter<number | null | undefined>): ReadonlyRef<Presence | undefined> {
  const { contacts } = useChatClient();
  return useReadable(() => {
    const id = toValue(userId);
    return select(contacts, (list) =>
      id == null ? undefined : list.find((contact) => contact.userId === id)?.presence,
    );
  });
}

/** When the user was last online; core subscribes to their online/offline changes while the scope lives. */
export function useLastActivity(userId: MaybeRefOrGetter<number | null | undefined>): ReadonlyRef<LastActivity> {
  const client = useChatClient();
  return useReadable(() => {
    const id = toValue(userId);
    return id == null ? UNKNOWN_LAST_ACTIVITY : client.lastActivity.forUser(id);
  });
}

/** The ids of the users the current user blocks; `client.privacy.block/unblock` change it. */
export function useBlockList(): ReadonlyRef<ReadonlySet<number>> {
  return useReadable(useChatClient().privacy, (privacy) => privacy.blocked);
}
