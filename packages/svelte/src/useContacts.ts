import type { Contact, ContactPresence, LastActivityState, Readable } from "@chatcube/core";
import { getChatClient } from "./chatContext.js";
import { follow, type MaybeGetter } from "./follow.js";
import { asReadable } from "./useReadable.js";

/** The contact list with subscription states and presence, live. */
export const useContacts = (): Readable<readonly Contact[]> => asReadable(getChatClient().contacts);

/** A contact's presence (undefined for someone not in the contact list); notifies only when it changes. */
export function usePresence(userId: MaybeGetter<number | null | undefined>): Readable<ContactPresence | undefined> {
  return follow(userId, getChatClient().contacts.presenceOf);
}

/** When the user was last online; core subscribes to their online/offline changes while the store has subscribers. */
export function useLastActivity(userId: MaybeGetter<number | null | undefined>): Readable<LastActivityState> {
  return follow(userId, getChatClient().lastActivity.forUser);
}

/** The ids of the users the current user blocks; `client.privacy.block/unblock` change it. */
export const useBlockList = (): Readable<ReadonlySet<number>> => getChatClient().privacy.blockList;
