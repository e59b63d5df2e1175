import type { Contact, ContactPresence } from "../../model/contact.js";
import type { Readable, ReadableSource } from "../../reactive/readable.js";
import { readableOf } from "../../reactive/readableOf.js";
import { selectByKey } from "../../reactive/selectByKey.js";

const NO_PRESENCE: Readable<ContactPresence | undefined> = readableOf(undefined);

/**
 * `contacts.presenceOf(userId)`: a contact's presence, undefined for someone not in the list (or no user); it
 * notifies only when that presence changes. The same Readable per user.
 */
export function selectPresence(
  contacts: ReadableSource<readonly Contact[]>,
): (userId: number | null | undefined) => Readable<ContactPresence | undefined> {
  const presenceOf = selectByKey(contacts, (list, userId: number) => list.find((c) => c.userId === userId)?.presence);
  return (userId) => (userId == null ? NO_PRESENCE : presenceOf(userId));
}
