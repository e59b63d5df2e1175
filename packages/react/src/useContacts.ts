import type { Contact, ContactPresence, LastActivityState } from "@chatcube/core";
import { useChatClient } from "./ChatProvider.js";
import { useReadable } from "./useReadable.js";

/** The contact list with subscription states and presence, live. */
export const useContacts = (): readonly Contact[] => useReadable(useChatClient().contacts);

/** A contact's presence (undefined for someone not in the contact list); re-renders only when it changes. */
export function usePresence(userId: number | null | undefined): ContactPresence | undefined {
  return useReadable(useChatClient().contacts.presenceOf(userId));
}

/** When the user was last online; subscribes to their online/offline changes while the component is mounted. */
export function useLastActivity(userId: number | null | undefined): LastActivityState {
  return useReadable(useChatClient().lastActivity.forUser(userId));
}

/** The ids of the users the current user blocks; `client.privacy.block/unblock` change it. */
export const useBlockList = (): ReadonlySet<number> => useReadable(useChatClient().privacy.blockList);
