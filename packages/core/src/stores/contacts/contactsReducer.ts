import type {
  Contact,
  ContactPresence,
  ContactRequest,
  PresenceShow,
  RosterItem,
  SubscriptionState,
} from "../../model/contact.js";

/** At most this many contacts per user (the JS guide's limit; the server refuses more). */
export const MAX_CONTACTS = 300;

/** One device's availability. */
export interface ResourcePresence {
  show: PresenceShow | null;
  status: string | null;
}

/** A roster entry as the server keeps it. */
export type RosterEntry = Omit<RosterItem, "subscription"> & { subscription: SubscriptionState };

/** What the contacts store holds. Keys of `roster` and `presence` are user ids. */
export interface ContactsState {
  readonly roster: Readonly<Record<string, RosterEntry>>;
  /** Available devices per user: resource → detail (`""` for a bare-JID presence). */
  readonly presence: Readonly<Record<string, Readonly<Record<string, ResourcePresence>>>>;
  /** Incoming subscription requests, oldest first. */
  readonly requests: readonly ContactRequest[];
  /** True once the roster was read from the server. */
  readonly loaded: boolean;
}

/** Nothing known yet. */
export const EMPTY_CONTACTS: ContactsState = { roster: {}, presence: {}, requests: [], loaded: false };

const entryOf = (item: RosterItem): RosterEntry => ({
  ...item,
  subscription: item.subscription === "remove" ? "none" : item.subscription,
});

/** Replaces the roster with a full read. */
export function setRoster(state: ContactsState, items: readonly RosterItem[]): ContactsState {
  const roster: Record<string, RosterEntry> = {};
  for (const item of items) if (item.subscription !== "remove") roster[item.userId] = entryOf(item);
  return { ...state, roster, loaded: true };
}

/**
 * Applies a roster push: upserts items, drops those with `subscription="remove"`, and forgets the availability of
 * users whose presence you no longer see (neither `to` nor `both`).
 */
export function applyRosterPush(state: ContactsState, items: readonly RosterItem[]): ContactsState {
  const roster = { ...state.roster };
  let presence = state.presence;
  for (const item of items) {
    if (item.subscription === "remove") delete roster[item.userId];
    else roster[item.userId] = entryOf(item);
    if (item.subscription !== "to" && item.subscription !== "both" && item.userId in presence) {
      presence = { ...presence };
      delete (presence as Record<string, unknown>)[item.userId];
    }
  }
  return { ...state, roster, presence };
}

/** Records one device's availability; `resource` null with `available: false` means every device is gone. */
export function setPresence(
  state: ContactsState,
  userId: number,
  resource: string | null,
  presence: ResourcePresence | null,
): ContactsState {
  const current = state.presence[userId] ?? {};
  let next: Record<string, ResourcePresence>;
  if (presence) next = { ...current, [resource ?? ""]: presence };
  else if (resource === null) next = {};
  else {
    next = { ...current };
    delete next[resource];
  }
  const all = { ...state.presence };
  if (Object.keys(next).length === 0) {
    if (!(userId in all)) return state;
    delete all[userId];
  } else all[userId] = next;
  return { ...state, presence: all };
}

/** Forgets every availability (a fresh connection learns it again). */
export function clearPresence(state: ContactsState): ContactsState {
  return Object.keys(state.presence).length === 0 ? state : { ...state, presence: {} };
}

/** Adds an incoming request (once per user). */
export function addRequest(state: ContactsState, request: ContactRequest): ContactsState {
  if (state.requests.some((r) => r.userId === request.userId)) return state;
  return { ...state, requests: [...state.requests, request] };
}

/** Drops a user's request (answered, withdrawn). */
export function removeRequest(state: ContactsState, userId: number): ContactsState {
  if (!state.requests.some((r) => r.userId === userId)) return state;
  return { ...state, requests: state.requests.filter((r) => r.userId !== userId) };
}

const OFFLINE: ContactPresence = Object.freeze({ online: false, show: null, status: null });

/** A user's availability from their devices. */
function presenceOf(devices: Readonly<Record<string, ResourcePresence>> | undefined): ContactPresence {
  const first = devices ? Object.values(devices)[0] : undefined;
  return first ? { online: true, show: first.show, status: first.status } : OFFLINE;
}

/**
 * The contact list, sorted by name (unnamed last) then id. `previous` lets unchanged contacts keep their identity, so
 * a list item re-renders only when its own contact changed.
 */
export function contactsOf(
  state: ContactsState,
  previous: ReadonlyMap<number, { entry: RosterEntry; devices: unknown; contact: Contact }> = new Map(),
) {
  const cache = new Map<number, { entry: RosterEntry; devices: unknown; contact: Contact }>();
  const list: Contact[] = [];
  for (const entry of Object.values(state.roster)) {
    const devices = state.presence[entry.userId];
    const before = previous.get(entry.userId);
    const contact =
      before && before.entry === entry && before.devices === devices
        ? before.contact
        : {
            userId: entry.userId,
            name: entry.name,
            subscription: entry.subscription,
            pending: entry.ask,
            presence: presenceOf(devices),
          };
    cache.set(entry.userId, { entry, devices, contact });
    list.push(contact);
  }
  list.sort(
    (a, b) =>
      (a.name === null ? 1 : 0) - (b.name === null ? 1 : 0) ||
      (a.name ?? "").localeCompare(b.name ?? "") ||
      a.userId - b.userId,
  );
  return { list, cache };
}
