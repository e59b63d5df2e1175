import type { Element } from "@xmpp/xml";
import { ChatError } from "../errors/ChatError.js";
import { toChatError } from "../errors/toChatError.js";
import type { Dialog } from "../model/dialog.js";
import { objectId } from "../model/ids.js";
import type { User } from "../model/user.js";
import { createStore } from "../reactive/createStore.js";
import type { Readable } from "../reactive/readable.js";
import { select } from "../reactive/select.js";
import type { RestClient } from "../rest/createRestClient.js";
import type { DialogsStore } from "../stores/dialogs/createDialogsStore.js";
import { upsertDialogs } from "../stores/dialogs/dialogsReducer.js";
import type { Clock } from "../time/clock.js";
import { DIALOG_EVENTS } from "../xmpp/stanzas/dialogEvents.js";
import type { JidContext } from "../xmpp/stanzas/jid.js";
import { buildSystemMessage } from "../xmpp/stanzas/systemMessage.js";

/** At most this many admins per dialog. */
const MAX_ADMINS = 5;

/** The occupants loaded so far. */
export interface OccupantsPage {
  /** Occupants, in the server's order. */
  items: readonly User[];
  /** True when more may follow (`loadMore()`). */
  hasMore: boolean;
  /** True while a page loads. */
  loading: boolean;
  /** The last failure to load. */
  error: ChatError | null;
}

/** A dialog's occupants, page by page (`GET /chat/Dialog/{id}/occupants.json`). */
export interface OccupantsPager extends Readable<OccupantsPage> {
  /** Loads the next page (no-op while loading or at the end). */
  loadMore(): Promise<void>;
}

/** Dialog commands beyond create/update/remove: occupants paging, admins, pinned messages, notification settings. */
export interface DialogExtrasApi {
  /** A (public) dialog's occupants, paged; the first page loads on the first call. */
  occupants(dialogId: string, options?: { pageSize?: number }): OccupantsPager;
  /** Makes users admins (owner only; at most 5 admins). */
  addAdmins(dialogId: string, userIds: readonly number[]): Promise<Dialog>;
  /** Takes admin rights away (owner only). */
  removeAdmins(dialogId: string, userIds: readonly number[]): Promise<Dialog>;
  /** Pins messages (the dialog's `pinnedMessageIds`). */
  pin(dialogId: string, messageIds: readonly string[]): Promise<Dialog>;
  /** Unpins messages. */
  unpin(dialogId: string, messageIds: readonly string[]): Promise<Dialog>;
  /** Push notification settings of the current user, per dialog. */
  notifications: {
    /** Reads the setting from the server. */
    get(dialogId: string): Promise<boolean>;
    /** Turns notifications on or off; shown at once, put back if the server refuses. */
    set(dialogId: string, enabled: boolean): Promise<boolean>;
    /** The setting as last read or set; null until then. */
    forDialog(dialogId: string): Readable<boolean | null>;
  };
}

/** Dependencies of the dialog extras, by name. */
export interface DialogExtrasOptions {
  rest: Pick<RestClient, "dialogs">;
  dialogs: DialogsStore;
  jid: JidContext;
  clock: Clock;
  selfUserId: () => number;
  /** Sends a stanza when online (the occupants' "dialog changed" notice is best effort). */
  send: (stanza: Element) => void;
  /** `client.dialogs.update`, which pins through `push_all`/`pull_all` and tells the occupants. */
  update: (id: string, patch: { pinMessageIds?: string[]; unpinMessageIds?: string[] }) => Promise<Dialog>;
}

/** Creates the dialog extras. */
export function createDialogExtrasCommands(options: DialogExtrasOptions): DialogExtrasApi {
  const { rest, dialogs } = options;
  const settings = createStore<Readonly<Record<string, boolean>>>({});
  const setSetting = (dialogId: string, enabled: boolean | null) => {
    const next = { ...settings.get() };
    if (enabled === null) delete next[dialogId];
    else next[dialogId] = enabled;
    settings.set(next);
  };
  const notifyOccupants = (dialog: Dialog) => {
    const self = options.selfUserId();
    for (const userId of dialog.occupantIds) {
      if (userId !== self)
        options.send(
          buildSystemMessage(options.jid, {
            id: objectId(options.clock.now()),
            userId,
            body: DIALOG_EVENTS.UPDATE_DIALOG,
            params: { dialogId: dialog.id },
          }),
        );
    }
  };
  const changeAdmins = async (
    dialogId: string,
    change: { add?: readonly number[]; remove?: readonly number[] },
  ): Promise<Dialog> => {
    const known = dialogs.state.get().byId.get(dialogId);
    if (known && known.ownerId !== options.selfUserId())
      throw new ChatError("forbidden", "Only the owner changes admins");
    if (known && change.add && new Set([...known.adminIds, ...change.add]).size > MAX_ADMINS) {
      throw new ChatError("validation", `At most ${MAX_ADMINS} admins`, {
        details: { fields: { admins_ids: ["too many"] } },
      });
    }
    const dialog = await rest.dialogs.admins(dialogId, change);
    dialogs.apply((s) => upsertDialogs(s, [dialog]));
    notifyOccupants(dialog);
    return dialog;
  };

  return {
    occupants(dialogId, pagerOptions = {}) {
      const pageSize = pagerOptions.pageSize ?? 50;
      const state = createStore<OccupantsPage>(
        { items: [], hasMore: true, loading: false, error: null },
        { deepFreeze: false },
      );
      let running: Promise<void> | null = null;
      const loadMore = (): Promise<void> => {
        const current = state.get();
        if (running || !current.hasMore) return running ?? Promise.resolve();
        state.set({ ...current, loading: true, error: null });
        running = rest.dialogs
          .occupants(dialogId, { limit: pageSize, skip: current.items.length })
          .then(
            (page) =>
              state.set({
                items: [...state.get().items, ...page.filter((u) => !state.get().items.some((o) => o.id === u.id))],
                hasMore: page.length >= pageSize,
                loading: false,
                error: null,
              }),
            (error: unknown) => state.set({ ...state.get(), loading: false, error: toChatError(error) }),
          )
          .finally(() => (running = null));
        return running;
      };
      void loadMore();
      return { get: state.get, subscribe: state.subscribe, value$: state.value$, loadMore };
    },
    addAdmins: (dialogId, userIds) => changeAdmins(dialogId, { add: userIds }),
    removeAdmins: (dialogId, userIds) => changeAdmins(dialogId, { remove: userIds }),
    pin: (dialogId, messageIds) => options.update(dialogId, { pinMessageIds: [...messageIds] }),
    unpin: (dialogId, messageIds) => options.update(dialogId, { unpinMessageIds: [...messageIds] }),
    notifications: {
      async get(dialogId) {
        const enabled = await rest.dialogs.notifications.get(dialogId);
        setSetting(dialogId, enabled);
        return enabled;
      },
      async set(dialogId, enabled) {
        const before = settings.get()[dialogId] ?? null;
        setSetting(dialogId, enabled);
        try {
          const now = await rest.dialogs.notifications.set(dialogId, enabled);
          setSetting(dialogId, now);
          return now;
        } catch (error) {
          setSetting(dialogId, before);
          throw toChatError(error);
        }
      },
      forDialog: (dialogId) => select(settings, (all) => all[dialogId] ?? null),
    },
  };
}
