import { Subject } from "rxjs";
import type { Contact, ContactRequest } from "../model/contact.js";
import { deferByKey, deferReadable } from "../reactive/deferReadable.js";
import { readableWith } from "../reactive/readableWith.js";
import { EMPTY_PRIVACY } from "../stores/privacy/privacyState.js";
import { selectBlocked } from "../stores/privacy/selectBlocked.js";
import type { ParsedSystemMessage } from "../xmpp/stanzas/parsedMessage.js";
import type { ChatClient } from "./ChatClient.js";
import type { createActivityCommands } from "./createActivityCommands.js";
import type { createContactsCommands } from "./createContactsCommands.js";
import type { DialogExtrasApi, OccupantsPage, OccupantsPager } from "./createDialogExtrasCommands.js";
import type { createFilesCommands, FilesApi } from "./createFilesCommands.js";
import type { createLastActivityCommands, LastActivityApi, LastActivityState } from "./createLastActivityCommands.js";
import type { createPrivacyCommands } from "./createPrivacyCommands.js";
import type { createReactionsCommands, ReactionsApi } from "./createReactionsCommands.js";
import type { SearchCommand } from "./createSearchCommand.js";
import type { createSystemCommands } from "./createSystemCommands.js";
import { createTypingInput } from "./createTypingInput.js";
import type { PrivacyApi } from "./PrivacyApi.js";

/** The features beyond chatting, as their factories make them (in the deferred chunk, `deferred.ts`). */
export interface Features {
  privacy: ReturnType<typeof createPrivacyCommands>;
  contacts: ReturnType<typeof createContactsCommands>;
  lastActivity: ReturnType<typeof createLastActivityCommands>;
  files: ReturnType<typeof createFilesCommands>;
  reactions: ReturnType<typeof createReactionsCommands>;
  dialogExtras: DialogExtrasApi;
  search: SearchCommand;
  typing: ChatClient["typing"];
  activity: ReturnType<typeof createActivityCommands>;
  system: ReturnType<typeof createSystemCommands>;
}

/** What the lazy features take from the first chunk. */
export interface LazyFeaturesOptions {
  /** Who is typing, from the typing store (the first chunk has it: the ingest and the tabs fill it). */
  typingFor: ChatClient["typing"]["forDialog"];
  /** Whether the app counts as active before the chunk (the page's visibility). */
  active: boolean;
}

const NO_CONTACTS: readonly Contact[] = Object.freeze([]);
const NO_REQUESTS: readonly ContactRequest[] = Object.freeze([]);
const UNKNOWN_ACTIVITY: LastActivityState = Object.freeze({ online: null, seconds: null, at: null, error: null });
const FIRST_PAGE: OccupantsPage = Object.freeze({ items: [], hasMore: true, loading: false, error: null });
const NO_SYSTEM_MESSAGES: readonly ParsedSystemMessage[] = Object.freeze([]);

/**
 * `client.privacy`, `contacts`, `lastActivity`, `files`, reactions, dialog extras and `search` before their chunk
 * has arrived (docs/decisions.md, "A small bundle"): the same shapes, made once `ready()` gives the features. Commands
 * wait for it; Readables show the empty state until then (what they show before the first connect anyway) and follow
 * the real ones after. The chunk is on its way from the client's creation and `connect()` waits for it, so the
 * features see every stanza and every connect. Typing, system messages and `active` too: they send stanzas, whose
 * builders come with the chunk; typing news before it (the first moments of a page, offline then) are dropped.
 */
export function createLazyFeatures(
  ready: () => Promise<Features>,
  current: () => Features | null,
  local: LazyFeaturesOptions,
) {
  const later =
    <A extends unknown[], R>(run: (features: Features, ...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> =>
      run(await ready(), ...args);

  const privacyState = deferReadable(() => current()?.privacy ?? null, ready, EMPTY_PRIVACY);
  const privacy = readableWith(privacyState, {
    ...selectBlocked(privacyState),
    refresh: later((f) => f.privacy.refresh()),
    names: later((f) => f.privacy.names()),
    getList: later((f, name: string) => f.privacy.getList(name)),
    setList: later((f, name: string, rules: Parameters<PrivacyApi["setList"]>[1]) => f.privacy.setList(name, rules)),
    setDefault: later((f, name: string) => f.privacy.setDefault(name)),
    declineDefault: later((f) => f.privacy.declineDefault()),
    setActive: later((f, name: string | null) => f.privacy.setActive(name)),
    deleteList: later((f, name: string) => f.privacy.deleteList(name)),
    block: later((f, userId: number, options?: { mutual?: boolean }) => f.privacy.block(userId, options)),
    unblock: later((f, userId: number) => f.privacy.unblock(userId)),
  });

  const contacts = readableWith(
    deferReadable(() => current()?.contacts ?? null, ready, NO_CONTACTS),
    {
      requests: deferReadable(() => current()?.contacts.requests ?? null, ready, NO_REQUESTS),
      refresh: later((f) => f.contacts.refresh()),
      add: later((f, userId: number, options?: { name?: string | null }) => f.contacts.add(userId, options)),
      confirm: later((f, userId: number) => f.contacts.confirm(userId)),
      reject: later((f, userId: number) => f.contacts.reject(userId)),
      remove: later((f, userId: number) => f.contacts.remove(userId)),
      presenceOf: deferByKey(() => current()?.contacts.presenceOf ?? null, ready, undefined),
      rename: later((f, userId: number, name: string | null) => f.contacts.rename(userId, name)),
    },
  );

  const lastActivity: LastActivityApi = {
    forUser: deferByKey(() => current()?.lastActivity.forUser ?? null, ready, UNKNOWN_ACTIVITY),
    query: later((f, userId: number) => f.lastActivity.query(userId)),
  };

  const files: Omit<FilesApi, "url"> & Pick<Features["files"], "prepareSend" | "abort"> = {
    upload: later((f, file: Parameters<FilesApi["upload"]>[0], options?: Parameters<FilesApi["upload"]>[1]) =>
      f.files.upload(file, options),
    ),
    remove: later((f, id: string | number) => f.files.remove(id)),
    progress: deferReadable(() => current()?.files.progress ?? null, ready, {}),
    prepareSend: later((f, ...args: Parameters<Features["files"]["prepareSend"]>) => f.files.prepareSend(...args)),
    // Nothing uploads before the chunk is there: an abort then has nothing to wait for.
    abort: (messageId) =>
      ready().then(
        (f) => f.files.abort(messageId),
        () => {},
      ),
  };

  const reactions: ReactionsApi = {
    react: later((f, dialogId: string, messageId: string, emoji: string) =>
      f.reactions.react(dialogId, messageId, emoji),
    ),
    removeReaction: later((f, dialogId: string, messageId: string, emoji?: string) =>
      f.reactions.removeReaction(dialogId, messageId, emoji),
    ),
    listReactions: later((f, dialogId: string, messageId: string) => f.reactions.listReactions(dialogId, messageId)),
  };

  const occupants = (dialogId: string, options?: { pageSize?: number }): OccupantsPager => {
    const now = current();
    if (now) return now.dialogExtras.occupants(dialogId, options);
    let pager: OccupantsPager | null = null;
    const source = () => {
      const features = current();
      if (features) pager ??= features.dialogExtras.occupants(dialogId, options);
      return pager;
    };
    return readableWith(deferReadable(source, ready, FIRST_PAGE), {
      loadMore: async () => {
        await ready();
        await source()?.loadMore();
      },
    });
  };
  const dialogExtras: DialogExtrasApi = {
    occupants,
    addAdmins: later((f, dialogId: string, userIds: readonly number[]) => f.dialogExtras.addAdmins(dialogId, userIds)),
    removeAdmins: later((f, dialogId: string, userIds: readonly number[]) =>
      f.dialogExtras.removeAdmins(dialogId, userIds),
    ),
    pin: later((f, dialogId: string, messageIds: readonly string[]) => f.dialogExtras.pin(dialogId, messageIds)),
    unpin: later((f, dialogId: string, messageIds: readonly string[]) => f.dialogExtras.unpin(dialogId, messageIds)),
    notifications: {
      get: later((f, dialogId: string) => f.dialogExtras.notifications.get(dialogId)),
      set: later((f, dialogId: string, enabled: boolean) => f.dialogExtras.notifications.set(dialogId, enabled)),
      forDialog: deferByKey(() => current()?.dialogExtras.notifications.forDialog ?? null, ready, null),
    },
  };

  const search: SearchCommand = later((f, text: string, options?: Parameters<SearchCommand>[1]) =>
    f.search(text, options),
  );

  const typing: ChatClient["typing"] = {
    forDialog: local.typingFor,
    start: (dialogId) => current()?.typing.start(dialogId),
    stop: (dialogId) => current()?.typing.stop(dialogId),
    input: () => createTypingInput(typing),
  };

  const systemMessages = new Subject<ParsedSystemMessage>();
  const system: ChatClient["system"] = {
    messages$: systemMessages.asObservable(),
    recent: deferReadable(() => current()?.system.recent ?? null, ready, NO_SYSTEM_MESSAGES),
    send: later(
      (f, userId: number, input: Parameters<ChatClient["system"]["send"]>[1], options?: { via?: "chat" | "rest" }) =>
        f.system.send(userId, input, options),
    ),
  };

  const activity = {
    active: deferReadable(() => current()?.activity.active ?? null, ready, local.active),
    setActive: later((f, active: boolean) => f.activity.setActive(active)),
  };

  return {
    ...{ privacy, contacts, lastActivity, files, reactions, dialogExtras, search, typing, system, activity },
    /** Called once with the features just made: their streams join the ones handed out before. */
    adopt(features: Features) {
      features.system.messages$.subscribe(systemMessages);
    },
    /** Forgets the signed-out user's privacy lists, contacts and activity (nothing to forget before the chunk). */
    reset() {
      const features = current();
      features?.privacy.reset();
      features?.contacts.reset();
      features?.lastActivity.reset();
      features?.system.reset();
    },
    dispose() {
      const features = current();
      features?.privacy.dispose();
      features?.contacts.dispose();
      features?.lastActivity.dispose();
      features?.reactions.dispose();
      features?.system.dispose();
      features?.activity.dispose();
      systemMessages.complete();
    },
  };
}
