import type { Dialog } from "../../model/dialog.js";
import { nullRecord } from "../../model/nullRecord.js";
import { createStore, type Store } from "../../reactive/createStore.js";
import type { Readable } from "../../reactive/readable.js";
import { readableOf } from "../../reactive/readableOf.js";
import { select } from "../../reactive/select.js";
import { selectByKey } from "../../reactive/selectByKey.js";
import { shallowEqual } from "../../reactive/shallowEqual.js";
import { type DialogsState, emptyDialogsState } from "./dialogsReducer.js";

/** Unread counts: the total and each dialog's. */
export interface UnreadCounts {
  total: number;
  byDialog: Readonly<Record<string, number>>;
}

/** `client.unread`: the counts, and one dialog's count as its own Readable. */
export interface UnreadReadable extends Readable<UnreadCounts> {
  /** One dialog's unread count; with no dialog (null or undefined) the total. The same Readable per id. */
  forDialog(dialogId?: string | null): Readable<number>;
}

const NO_DIALOG: Readable<Dialog | undefined> = readableOf(undefined);

/** The dialog list store and its views. */
export interface DialogsStore {
  /** The state; core writes it through `apply` with the reducers of dialogsReducer.ts. */
  state: Store<DialogsState>;
  /** Runs a reducer (`state → state`) of dialogsReducer.ts; an unchanged state notifies nobody. */
  apply(reducer: (state: DialogsState) => DialogsState): void;
  /** Dialogs sorted by last activity, newest first. */
  list: Readable<Dialog[]>;
  /** Unread counts derived from the list. */
  unread: UnreadReadable;
  /** One dialog (undefined until known, or for no id); notifies only when that dialog changes. */
  get(id: string | null | undefined): Readable<Dialog | undefined>;
}

/** Creates the dialog list store. */
export function createDialogsStore(initial: DialogsState = emptyDialogsState()): DialogsStore {
  const state = createStore(initial);
  const list = select(state, (s) => s.order.map((id) => s.byId.get(id)!), shallowEqual);
  const unread = select(
    state,
    (s): UnreadCounts => {
      const byDialog = nullRecord<number>();
      let total = 0;
      for (const id of s.order) {
        const count = s.byId.get(id)!.unreadCount;
        if (count > 0) byDialog[id] = count;
        total += count;
      }
      return { total, byDialog };
    },
    (a, b) => a.total === b.total && shallowEqual(a.byDialog, b.byDialog),
  );
  const unreadOf = selectByKey(unread, (counts, id: string | null | undefined) =>
    id ? (counts.byDialog[id] ?? 0) : counts.total,
  );
  const dialogOf = selectByKey(state, (s, id: string) => s.byId.get(id));
  return {
    state,
    apply: (reducer) => state.set(reducer(state.get())),
    list,
    unread: { ...unread, forDialog: unreadOf },
    get: (id) => (id ? dialogOf(id) : NO_DIALOG),
  };
}
