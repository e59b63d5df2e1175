import { select } from "@chatcube/core";
import { toValue, type MaybeRefOrGetter } from "vue";
import { clientFeatures, UNKNOWN_ACTIVITY, type Contact, type LastActivity, type Presence } from "./clientFeatures.js";
import { useChatClient } from "./chatPlugin.js";
import { useReadable, type ReadonlyRef } from "./useReadable.js";

/** The contact list with subscription states and presence, live. */
export function useContacts(): ReadonlyRef<readonly Contact[]> {
  return useReadable(clientFeatures(useChatClient()).contacts);
}

/** A contact's presence (undefined for someone not in the contact list); triggers only when it changes. */
export function usePresence(userId: MaybeRefOrGetter<number | null | undefined>): ReadonlyRef<Presence | undefined> {
  const { contacts } = clientFeatures(useChatClient());
  return useReadable(() => {
    const id = toValue(userId);
    return select(contacts, (list) => (id == null ? undefined : list.find((contact) => contact.userId === id)?.presence));
  });
}

/** When the user was last online; core subscribes to their online/offline changes while the scope lives. */
export function useLastActivity(userId: MaybeRefOrGetter<number | null | undefined>): ReadonlyRef<LastActivity> {
  const features = clientFeatures(useChatClient());
  return useReadable(() => {
    const id = toValue(userId);
    return id == null ? UNKNOWN_ACTIVITY : features.lastActivity(id);
  });
}

/** The ids of the users the current user blocks; `client.privacy.block/unblock` change it. */
export function useBlockList(): ReadonlyRef<ReadonlySet<number>> {
  return useReadable(clientFeatures(useChatClient()).privacy, (privacy) => privacy.blocked);
}
