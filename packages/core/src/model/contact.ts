// Contacts as the client knows them (docs/protocol.md §12): what the contact list, presence and subscription
// requests hold, whatever the wire said. xmpp/stanzas reads the wire into these.

/** Availability detail of one resource (RFC 6121 §4.7): `show` and `status` as sent. */
export type PresenceShow = "chat" | "away" | "xa" | "dnd";

/**
 * Who sees whose presence (RFC 6121): `to` you see theirs, `from` they see yours, `both` mutual, `none` neither.
 */
export type SubscriptionState = "none" | "to" | "from" | "both";

/** A contact's availability: online when any of their devices is. */
export interface ContactPresence {
  /** True while at least one of their devices is available. */
  online: boolean;
  /** `away`, `dnd`… of an available device, or null. */
  show: PresenceShow | null;
  /** Free-text status of an available device, or null. */
  status: string | null;
}

/** One entry of the contact list. */
export interface Contact {
  /** The contact's user id. */
  userId: number;
  /** The name you gave them, or null. */
  name: string | null;
  /** Who sees whose presence. */
  subscription: SubscriptionState;
  /** You asked to see their presence and they have not answered. */
  pending: boolean;
  /** Their availability (known for `to`/`both` contacts). */
  presence: ContactPresence;
}

/** Someone asking to see your presence (add them back with `confirm`, or `reject`). */
export interface ContactRequest {
  /** Who asks. */
  userId: number;
  /** When the request arrived (ms). */
  at: number;
}

/** A contact-list entry as a roster read or push carries it (`remove`: it left the list). */
export interface RosterItem {
  userId: number;
  name: string | null;
  subscription: "none" | "to" | "from" | "both" | "remove";
  /** A subscription request the current user sent and the contact has not answered. */
  ask: boolean;
}
