import { ChatError } from "../errors/ChatError.js";
import type { Dialog } from "../model/dialog.js";
import type { RestClient } from "../rest/createRestClient.js";
import type { DialogsStore } from "../stores/dialogs/createDialogsStore.js";
import { removeDialog, upsertDialogs } from "../stores/dialogs/dialogsReducer.js";
import type { MessagesStore } from "../stores/messages/createMessagesStore.js";
import { DIALOG_EVENTS } from "../xmpp/stanzas/dialogEvents.js";
import type { ChatClient } from "./ChatClient.js";
import type { DialogExtrasApi } from "./createDialogExtrasCommands.js";

/** `client.dialogs`: the live list and the commands (REST, then the store, then a system message to occupants). */
export function createDialogsCommands(options: {
  rest: Pick<RestClient, "dialogs">;
  dialogs: DialogsStore;
  messages: MessagesStore;
  selfUserId: () => number;
  /**
   * Sends a user a `dialog/…` system message about a dialog when online (best effort: peers also learn on their next
   * sync). The chat client builds the stanza with its deferred chunk (docs/decisions.md, "A small bundle").
   */
  notifyUser: (userId: number, body: string, dialogId: string) => void;
}): Omit<ChatClient["dialogs"], keyof DialogExtrasApi> {
  const { rest, dialogs, messages } = options;
  const put = (dialog: Dialog) => dialogs.apply((s) => upsertDialogs(s, [dialog]));
  const notify = (userIds: readonly number[], body: string, dialogId: string) => {
    const self = options.selfUserId();
    for (const userId of new Set(userIds)) {
      if (userId === self) continue;
      options.notifyUser(userId, body, dialogId);
    }
  };
  const drop = (id: string) => {
    dialogs.apply((s) => removeDialog(s, id));
    messages.drop(id);
  };
  let pageSkip = 0;

  return {
    list: dialogs.list,
    get: (id) => dialogs.get(id),
    async create(input) {
      const dialog = await rest.dialogs.create(input);
      put(dialog);
      notify(dialog.occupantIds, DIALOG_EVENTS.NEW_DIALOG, dialog.id);
      return dialog;
    },
    async update(id, patch) {
      const before = dialogs.state.get().byId.get(id);
      const dialog = await rest.dialogs.update(id, patch);
      put(dialog);
      notify(
        dialog.occupantIds.filter((o) => !(patch.addOccupantIds ?? []).includes(o)),
        DIALOG_EVENTS.UPDATE_DIALOG,
        id,
      );
      notify(patch.addOccupantIds ?? [], DIALOG_EVENTS.ADDED_TO_DIALOG, id);
      notify(patch.removeOccupantIds ?? [], DIALOG_EVENTS.REMOVED_FROM_DIALOG, id);
      if (before && !dialog.occupantIds.includes(options.selfUserId())) drop(id);
      return dialog;
    },
    async remove(id, removeOptions = {}) {
      const before = dialogs.state.get().byId.get(id);
      const result = await rest.dialogs.remove(id, { force: removeOptions.force });
      if (result.forbidden.includes(id))
        throw new ChatError("forbidden", "Only the owner can delete a dialog for everyone");
      drop(id);
      if (removeOptions.force && before) notify(before.occupantIds, DIALOG_EVENTS.DELETE_DIALOG, id);
    },
    async clearHistory(id, clearOptions = {}) {
      await rest.dialogs.clearHistory(id, { force: clearOptions.force });
      messages.drop(id);
      put(await rest.dialogs.get(id));
    },
    async subscribePublic(id) {
      const dialog = await rest.dialogs.subscribe(id);
      put(dialog);
      return dialog;
    },
    async unsubscribePublic(id) {
      await rest.dialogs.unsubscribe(id);
      drop(id);
    },
    async loadMore() {
      const page = await rest.dialogs.list({ skip: pageSkip, limit: 100 });
      pageSkip += page.items.length;
      dialogs.apply((s) => upsertDialogs(s, page.items));
    },
  };
}
