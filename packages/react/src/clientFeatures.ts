// The types and constant Readables the hooks share: a few lines that each binding keeps (they import no framework).
import { readableOf, type ChatClient, type Contact, type LastActivityState, type PrivacyState, type ReadableSource } from "@chatcube/core";

export type { Contact };

/** A contact's availability: `{ online, show, status }`. */
export type Presence = Contact["presence"];

/** What is known of a user's last activity: `{ online, seconds, at, error }` (null fields until known). */
export type LastActivity = LastActivityState;

/** The part of core's privacy state the bindings read. */
export type BlockedUsers = Pick<PrivacyState, "blocked">;

/** A Readable whose value never changes (what a hook reads when nothing is selected). */
export const constantReadable = readableOf;

/** The last activity of nobody in particular: unknown. */
export const UNKNOWN_ACTIVITY: ReadableSource<LastActivity> = readableOf<LastActivity>(Object.freeze({ online: null, seconds: null, at: null, error: null }));

/** The contact, privacy and last-activity Readables of a client, as the hooks read them. */
export interface ClientFeatures {
  contacts: ReadableSource<readonly Contact[]>;
  privacy: ReadableSource<BlockedUsers>;
  lastActivity(userId: number): ReadableSource<LastActivity>;
}

/** The contact, privacy and last-activity Readables of `client`. */
export function clientFeatures(client: ChatClient): ClientFeatures {
  return { contacts: client.contacts, privacy: client.privacy, lastActivity: (userId) => client.lastActivity.forUser(userId) };
}
