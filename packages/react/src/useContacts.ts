import { useCallback, useMemo } from "react";
import { clientFeatures, UNKNOWN_ACTIVITY, type Contact, type LastActivity, type Presence, type BlockedUsers } from "./clientFeatures.js";
import { useChatClient } from "./ChatProvider.js";
import { useReadable } from "./useReadable.js";

/** The contact list with subscription states and presence, live. */
export function useContacts(): readonly Contact[] {
  return useReadable(clientFeatures(useChatClient()).contacts);
}

/** A contact's presence (undefined for someone not in the contact list); re-renders only when it changes. */
export function usePresence(userId: number | null | undefined): Presence | undefined {
  const selectPresence = useCallback(
    (contacts: readonly Contact[]) => (userId == null ? undefined : contacts.find((contact) => contact.userId === userId)?.presence),
    [userId],
  );
  return useReadable(clientFeatures(useChatClient()).contacts, selectPresence);
}

/** When the user was last online; subscribes to their online/offline changes while the component is mounted. */
export function useLastActivity(userId: number | null | undefined): LastActivity {
  const client = useChatClient();
  const activity = useMemo(() => (userId == null ? UNKNOWN_ACTIVITY : clientFeatures(client).lastActivity(userId)), [client, userId]);
  return useReadable(activity);
}

const selectBlocked = (privacy: BlockedUsers): ReadonlySet<number> => privacy.blocked;

/** The ids of the users the current user blocks; `client.privacy.block/unblock` change it. */
export function useBlockList(): ReadonlySet<number> {
  return useReadable(clientFeatures(useChatClient()).privacy, selectBlocked);
}
