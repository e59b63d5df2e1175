import type { Dialog, LastMessage, LastMessageStatus } from "../../model/dialog.js";
import { DialogIndex } from "./dialogIndex.js";

/**
 * The dialog list: dialogs by id and their ids ordered by last activity, newest first.
 *
 * The reducers here are plain immutable functions (`state → state`, untouched dialogs keep their identity) rather
 * than immer recipes: they run once per incoming message, and reading a list through an immer draft drafts every
 * dialog it touches, which made ingest cost grow with the number of dialogs (see scripts/bench/ingest.ts).
 */
export interface DialogsState {
  byId: ReadonlyMap<string, Dialog>;
  order: readonly string[];
  /** True once a list (cached or fetched) has been published. */
  loaded: boolean;
}

/** An empty dialog list. */
export const emptyDialogsState = (): DialogsState => ({ byId: DialogIndex.EMPTY, order: [], loaded: false });

/** When the dialog was last active: its last message, else its creation. */
function activityOf(dialog: Dialog): number {
  return Math.max(dialog.lastMessage?.dateSent ?? 0, dialog.createdAt);
}

/**
 * `order` with `id` moved to its place (newest activity first; ties by id, so the order is stable). `sorted`: the
 * rest of `order` is in that order already (true when only this dialog changed), so its place is found by binary
 * search (a few lookups instead of one per dialog: this runs once per incoming message); otherwise by a scan from the
 * top, which also copes with other changed dialogs not placed yet.
 */
function place(
  byId: ReadonlyMap<string, Dialog>,
  order: readonly string[],
  id: string,
  sorted: boolean,
): readonly string[] {
  const activity = activityOf(byId.get(id)!);
  // The common case, a new message in the dialog already on top, costs nothing.
  if (order[0] === id && (order.length === 1 || activityOf(byId.get(order[1])!) <= activity)) return order;
  /** Whether `other` stays before `id`. */
  const ahead = (other: string): boolean => {
    const otherActivity = activityOf(byId.get(other)!);
    return otherActivity > activity || (otherActivity === activity && other > id);
  };
  // Copied element by element: `order` is frozen, and V8's slice of a frozen array is many times slower.
  const rest: string[] = [];
  for (let i = 0; i < order.length; i++) if (order[i] !== id) rest.push(order[i]);
  let index = 0;
  if (sorted) {
    let high = rest.length;
    while (index < high) {
      const middle = (index + high) >>> 1;
      if (ahead(rest[middle])) index = middle + 1;
      else high = middle;
    }
  } else while (index < rest.length && ahead(rest[index])) index++;
  rest.splice(index, 0, id);
  return rest;
}

/** The order `place` keeps: newest activity first, ties by id (descending). */
function compareIn(byId: ReadonlyMap<string, Dialog>): (a: string, b: string) => number {
  return (a, b) => activityOf(byId.get(b)!) - activityOf(byId.get(a)!) || (a < b ? 1 : a > b ? -1 : 0);
}

/** `order` with many dialogs moved to their places: the changed ones sorted, then merged into the untouched rest. */
function placeMany(
  byId: ReadonlyMap<string, Dialog>,
  order: readonly string[],
  changed: readonly Dialog[],
): readonly string[] {
  const compare = compareIn(byId);
  const moved = new Set(changed.map((d) => d.id));
  const rest = order.filter((id) => !moved.has(id));
  const sorted = [...moved].sort(compare);
  const merged: string[] = [];
  let i = 0;
  let j = 0;
  while (i < rest.length || j < sorted.length) {
    if (j >= sorted.length || (i < rest.length && compare(rest[i], sorted[j]) <= 0)) merged.push(rest[i++]);
    else merged.push(sorted[j++]);
  }
  return merged;
}

/** Puts changed dialogs into the state and re-places them in the order. */
function withDialogs(state: DialogsState, changed: readonly Dialog[]): DialogsState {
  if (changed.length === 0) return state;
  for (const dialog of changed) Object.freeze(dialog);
  const byId = DialogIndex.from(state.byId).withAll(changed);
  let order: readonly string[] = state.order;
  if (changed.length <= 16) for (const dialog of changed) order = place(byId, order, dialog.id, changed.length === 1);
  else order = placeMany(byId, order, changed); // a cache or a full page: sort once rather than place each
  return frozen({ ...state, byId, order });
}

/** Adds or replaces dialogs (from REST or the cache); a dialog equal in every field keeps its identity. */
export function upsertDialogs(state: DialogsState, dialogs: readonly Dialog[]): DialogsState {
  const changed: Dialog[] = [];
  for (const dialog of dialogs) {
    const known = state.byId.get(dialog.id);
    if (known && known.updatedAt > dialog.updatedAt) continue; // an older copy (e.g. an overlapping page)
    if (known && sameDialog(known, dialog)) continue;
    changed.push(dialog);
  }
  const next = withDialogs(state, changed);
  return next.loaded ? next : frozen({ ...next, loaded: true });
}

/** Replaces the whole list (a full resync): dialogs not in `dialogs` are dropped. */
export function replaceDialogs(state: DialogsState, dialogs: readonly Dialog[]): DialogsState {
  const keep = new Set(dialogs.map((d) => d.id));
  let next = state;
  for (const id of [...state.byId.keys()]) if (!keep.has(id)) next = removeDialog(next, id);
  return upsertDialogs(next, dialogs);
}

/** Forgets a dialog (deleted, left, or the user was removed). */
export function removeDialog(state: DialogsState, id: string): DialogsState {
  if (!state.byId.get(id)) return state;
  const byId = DialogIndex.from(state.byId).without(id);
  return frozen({ ...state, byId, order: state.order.filter((other) => other !== id) });
}

/** Applies a patch to one dialog (rename, occupants…) and moves it if its activity changed. */
export function patchDialog(state: DialogsState, id: string, patch: Partial<Dialog>): DialogsState {
  const dialog = state.byId.get(id);
  if (!dialog) return state;
  return withDialogs(state, [{ ...dialog, ...patch, id }]);
}

/** What a new message does to its dialog in the list. */
export interface MessageActivity {
  dialogId: string;
  lastMessage: LastMessage;
  /** True when the current user sent it (no unread increment). */
  own: boolean;
  /** True when the message adds nothing to the unread count (read here, or counted already). */
  read?: boolean;
  /** The status of the user's own message (`pending` when just written, `sent` for a copy from the server). */
  status?: LastMessageStatus;
  /**
   * Whether it comes after the dialog's last message (the caller knows the window's order within a second). Default:
   * when it is not older.
   */
  newer?: boolean;
}

/**
 * Moves a dialog to the top with its new last message and counts it unread when it is someone else's.
 * Returns `known: false` when the list has no such dialog (the caller fetches it).
 */
export function applyMessageActivity(
  state: DialogsState,
  activity: MessageActivity,
): { state: DialogsState; known: boolean } {
  const dialog = state.byId.get(activity.dialogId);
  if (!dialog) return { state, known: false };
  const previous = dialog.lastMessage;
  if (previous && previous.id === activity.lastMessage.id) return { state, known: true }; // echo, carbon, resend
  const newer = !previous || (activity.newer ?? previous.dateSent <= activity.lastMessage.dateSent);
  const next: Dialog = {
    ...dialog,
    ...(newer
      ? { lastMessage: activity.lastMessage, lastMessageStatus: activity.own ? (activity.status ?? "sent") : null }
      : {}),
    unreadCount: dialog.unreadCount + (!activity.own && !activity.read ? 1 : 0),
  };
  return { state: withDialogs(state, [next]), known: true };
}

/** Sets a dialog's unread count (0 after reading it; a server count after sync). */
export function setUnread(state: DialogsState, dialogId: string, count: number): DialogsState {
  const dialog = state.byId.get(dialogId);
  const unreadCount = Math.max(0, count);
  if (!dialog || dialog.unreadCount === unreadCount) return state;
  return frozen({ ...state, byId: withEntry(state.byId, { ...dialog, unreadCount }) });
}

const RANK: Record<LastMessageStatus, number> = { failed: -1, pending: 0, sent: 1, delivered: 2, read: 3 };

/**
 * Sets the status of the dialog's last message when it is the current user's. It only moves forward, except the
 * outbox's own moves: to `failed` (a permanent error) and back to `pending` (a retry), never from a confirmed status.
 */
export function setLastMessageStatus(
  state: DialogsState,
  dialogId: string,
  messageId: string,
  status: LastMessageStatus,
): DialogsState {
  const dialog = state.byId.get(dialogId);
  if (
    !dialog ||
    dialog.lastMessage?.id !== messageId ||
    dialog.lastMessageStatus === null ||
    dialog.lastMessageStatus === status
  )
    return state;
  const from = dialog.lastMessageStatus;
  const unconfirmed = from === "pending" || from === "failed";
  if (RANK[status] <= RANK[from] && !(unconfirmed && (status === "failed" || status === "pending"))) return state;
  return frozen({ ...state, byId: withEntry(state.byId, { ...dialog, lastMessageStatus: status }) });
}

/** A copy of `byId` with one dialog set. */
function withEntry(byId: ReadonlyMap<string, Dialog>, dialog: Dialog): DialogIndex {
  return DialogIndex.from(byId).withAll([Object.freeze(dialog)]);
}

/** Freezes a new state's new nodes, so the store's deep freeze stops at once. */
function frozen(state: DialogsState): DialogsState {
  Object.freeze(state.order); // byId is a ReadonlyMap by type (a Map can't be frozen)
  return Object.freeze(state);
}

function sameDialog(a: Dialog, b: Dialog): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
