import type { Contact, ContactPresence, LastActivityState } from "@chatcube/core";
import { type MaybeRefOrGetter, toValue } from "vue";
import { useChatClient } from "./chatPlugin.js";
import { type ReadonlyRef, useReadable } from "./useReadable.js";

/** The contact list with subscription states and presence, live. */
export const useContacts = (): ReadonlyRef<readonly Contact[]> => useReadable(useChatClient().contacts);

/** A contact's presence (undefined for someone not in the contact list); triggers only when it changes. */
export function usePresence(
  userId: MaybeRefOrGetter<number | null | undefined>,
): ReadonlyRef<ContactPresence | undefined> {
  const { contacts } = useChatClient();
  return useReadable(() => contacts.presenceOf(toValue(userId)));
}

/** When the user was last online; core subscribes to their online/offline changes while the scope lives. */
export function useLastActivity(userId: MaybeRefOrGetter<number | null | undefined>): ReadonlyRef<LastActivityState> {
  const { lastActivity } = useChatClient();
  return useReadable(() => lastActivity.forUser(toValue(userId)));
}

/** The ids of the users the current user blocks; `client.privacy.block/unblock` change it. */
export const useBlockList = (): ReadonlyRef<ReadonlySet<number>> => useReadable(useChatClient().privacy.blockList);
