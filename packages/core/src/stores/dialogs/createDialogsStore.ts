import type { Dialog } from "../../model/dialog.js";
import { nullRecord } from "../../model/nullRecord.js";
import { createStore, type Store } from "../../reactive/createStore.js";
import type { Readable } from "../../reactive/readable.js";
import { select } from "../../reactive/select.js";
import { shallowEqual } from "../../reactive/shallowEqual.js";
import { type DialogsState, emptyDialogsState } from "./dialogsReducer.js";

/** Unread counts: the total and each dialog's. */
export interface UnreadCounts {
  total: number;
  byDialog: Readonly<Record<string, number>>;
}

/** The dialog list store and its views. */
export interface DialogsStore {
  /** The state; core writes it through `apply` with the reducers of dialogsReducer.ts. */
  state: Store<DialogsState>;
  /** Runs a reducer (`state → state`) of dialogsReducer.ts; an unchanged state notifies nobody. */
  apply(reducer: (state: DialogsState) => DialogsState): void;
  /** Dialogs sorted by last activity, newest first. */
  list: Readable<Dialog[]>;
  /** Unread counts derived from the list. */
  unread: Readable<UnreadCounts>;
  /** One dialog (undefined until known); notifies only when that dialog changes. */
  get(id: string): Readable<Dialog | undefined>;
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
  const views = new Map<string, Readable<Dialog | undefined>>();
  return {
    state,
    apply: (reducer) => state.set(reducer(state.get())),
    list,
    unread,
    get(id) {
      let view = views.get(id);
      if (!view) views.set(id, (view = select(state, (s) => s.byId.get(id))));
      return view;
    },
  };
}
