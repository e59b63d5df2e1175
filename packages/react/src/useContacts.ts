import {
  type Contact,
  type LastActivityState as LastActivity,
  type ContactPresence as Presence,
  type PrivacyState,
  UNKNOWN_LAST_ACTIVITY,
} from "@chatcube/core";
import { useCallback, useMemo } from "react";
import { useChatClient } from "./ChatProvider.js";
import { useReadable } from "./useReadable.js";

/** The contact list with subscription states and presence, live. */
export function useContacts(): readonly Contact[] {
  return useReadable(useChatClient().contacts);
}

/** A contact's presence (undefined for someone not in the contact list); re-renders only when it changes. */
export function usePresence(userId: number | null | undefined): Presence | undefined {
  const selectPresence = useCallback(
    (contacts: readonly Contact[]) =>
      userId == null ? undefined : contacts.find((contact) => contact.userId === userId)?.presence,
    [userId],
  );
  return useReadable(useChatClient().contacts, selectPresence);
}

/** When the user was last online; subscribes to their online/offline changes while the component is mounted. */
export function useLastActivity(userId: number | null | undefined): LastActivity {
  const client = useChatClient();
  const activity = useMemo(
    () => (userId == null ? UNKNOWN_LAST_ACTIVITY : client.lastActivity.forUser(userId)),
    [client, userId],
  );
  return useReadable(activity);
}

const selectBlocked = (privacy: PrivacyState): ReadonlySet<number> => privacy.blocked;

/** The ids of the users the current user blocks; `client.privacy.block/unblock` change it. */
export function useBlockList(): ReadonlySet<number> {
  return useReadable(useChatClient().privacy, selectBlocked);
}
