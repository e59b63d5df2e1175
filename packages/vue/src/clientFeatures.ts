// The same file ships in @chatcube/react, @chatcube/vue and @chatcube/svelte (it imports no framework).
// Contacts, privacy and last activity reach core's ChatClient with the "rest of the guide" work (issue 5). The types
// below are core's own once ChatClient declares those members, else the shapes that issue describes; at run time a
// client without them reads constant empty values instead of failing.
import { createReadable, type ChatClient, type ChatError, type ReadableSource } from "@chatcube/core";

/** ChatClient's member `K` when core declares it, else `Fallback`. */
type Declared<K extends string, Fallback> = ChatClient extends { [P in K]: infer Member } ? Member : Fallback;

/** A contact as issue 5 describes it (core's `Contact` replaces it once `client.contacts` exists). */
interface ProvisionalContact {
  userId: number;
  name: string | null;
  subscription: "none" | "to" | "from" | "both";
  pending: boolean;
  presence: { online: boolean; show: "chat" | "away" | "xa" | "dnd" | null; status: string | null };
}

/** A last activity as issue 5 describes it (core's `LastActivityState` replaces it once it exists). */
interface ProvisionalLastActivity {
  online: boolean | null;
  seconds: number | null;
  at: number | null;
  error: ChatError | null;
}

type ContactsMember = Declared<"contacts", ReadableSource<readonly ProvisionalContact[]>>;
type LastActivityMember = Declared<"lastActivity", { forUser(userId: number): ReadableSource<ProvisionalLastActivity> }>;

/** One contact of the user's contact list, with its subscription state and presence (core's `Contact`). */
export type Contact = ContactsMember extends ReadableSource<readonly (infer C)[]> ? C : ProvisionalContact;

/** A contact's availability: `{ online, show, status }`. */
export type Presence = Contact extends { presence: infer P } ? P : ProvisionalContact["presence"];

/** What is known of a user's last activity: `{ online, seconds, at, error }` (null fields until known). */
export type LastActivity = ReturnType<LastActivityMember["forUser"]> extends ReadableSource<infer A> ? A : ProvisionalLastActivity;

/** The part of core's privacy state the bindings read. */
export interface BlockedUsers {
  /** User ids blocked by the list in force (active, else default). */
  readonly blocked: ReadonlySet<number>;
}

/** The issue-5 Readables of a client, as bindings read them. */
export interface ClientFeatures {
  /** The contact list, live (empty until core has contacts). */
  contacts: ReadableSource<readonly Contact[]>;
  /** Privacy lists and the blocked users (nobody blocked until core has privacy). */
  privacy: ReadableSource<BlockedUsers>;
  /** One user's last activity (unknown until core has last activity). */
  lastActivity(userId: number): ReadableSource<LastActivity>;
}

/** A Readable whose value never changes. */
export function constantReadable<T>(value: T): ReadableSource<T> {
  return createReadable(
    () => value,
    () => () => {},
  );
}

/** The last activity of nobody in particular: unknown. */
export const UNKNOWN_ACTIVITY: ReadableSource<LastActivity> = constantReadable<LastActivity>(Object.freeze({ online: null, seconds: null, at: null, error: null }));
const NO_CONTACTS = constantReadable<readonly Contact[]>(Object.freeze([]));
const NO_PRIVACY = constantReadable<BlockedUsers>(Object.freeze({ blocked: new Set<number>() }));

const isReadable = (value: unknown): boolean =>
  typeof value === "object" && value !== null && typeof (value as { subscribe?: unknown }).subscribe === "function";

/** The client members read here, as core declares them. */
interface FeatureMembers {
  contacts: ReadableSource<readonly Contact[]>;
  privacy: ReadableSource<BlockedUsers>;
  lastActivity: { forUser(userId: number): ReadableSource<LastActivity> };
}

const cache = new WeakMap<ChatClient, ClientFeatures>();

/** The contacts, privacy and last-activity Readables of `client`, with constant fallbacks for what it lacks. */
export function clientFeatures(client: ChatClient): ClientFeatures {
  const cached = cache.get(client);
  if (cached) return cached;
  // Read as optional: a client built by an older core (or a test fake) may lack any of them.
  const apis = client as unknown as Partial<FeatureMembers>;
  const lastActivity = apis.lastActivity;
  const features: ClientFeatures = {
    contacts: apis.contacts && isReadable(apis.contacts) ? apis.contacts : NO_CONTACTS,
    privacy: apis.privacy && isReadable(apis.privacy) ? apis.privacy : NO_PRIVACY,
    lastActivity: typeof lastActivity?.forUser === "function" ? (userId) => lastActivity.forUser(userId) : () => UNKNOWN_ACTIVITY,
  };
  cache.set(client, features);
  return features;
}
