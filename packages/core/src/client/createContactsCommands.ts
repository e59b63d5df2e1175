import type { Element } from "@xmpp/xml";
import type { Observable } from "rxjs";
import type { ConnectedEvent } from "../connection/ConnectionState.js";
import { ChatError, isChatError } from "../errors/ChatError.js";
import { toChatError } from "../errors/toChatError.js";
import type { Contact, ContactPresence, ContactRequest } from "../model/contact.js";
import { createStore } from "../reactive/createStore.js";
import type { Readable } from "../reactive/readable.js";
import { select } from "../reactive/select.js";
import { shallowEqual } from "../reactive/shallowEqual.js";
import {
  applyRosterPush,
  type ContactsState,
  clearPresence,
  contactsOf,
  EMPTY_CONTACTS,
  MAX_CONTACTS,
  removeRequest,
  setRoster,
} from "../stores/contacts/contactsReducer.js";
import { selectPresence } from "../stores/contacts/selectPresence.js";
import type { TabShare } from "../tabs/createTabShare.js";
import type { Clock } from "../time/clock.js";
import type { StanzaRouter } from "../xmpp/handlers/createStanzaRouter.js";
import { handleContactPresence } from "../xmpp/handlers/handleContactPresence.js";
import { bareJid, type JidContext, userJid } from "../xmpp/stanzas/jid.js";
import { NS } from "../xmpp/stanzas/namespaces.js";
import {
  buildRosterRemove,
  buildRosterRequest,
  buildRosterSet,
  buildSubscriptionPresence,
  parseRoster,
} from "../xmpp/stanzas/roster.js";
import { buildPresenceProbe, parseUserPresence } from "../xmpp/stanzas/userPresence.js";
import type { XmppTransport } from "../xmpp/transport/XmppTransport.js";

/** `client.contacts`: the contact list with subscription states and presence, live, and its commands. */
export interface ContactsApi extends Readable<readonly Contact[]> {
  /** Incoming requests to see your presence, oldest first. */
  requests: Readable<readonly ContactRequest[]>;
  /** Reads the list from the server (done by itself on each fresh connect). */
  refresh(): Promise<readonly Contact[]>;
  /** Adds a contact and asks to see their presence; `validation` past 300 contacts. */
  add(userId: number, options?: { name?: string | null }): Promise<void>;
  /** Approves a request, and asks for theirs in return (mutual mode). */
  confirm(userId: number): Promise<void>;
  /** Refuses a request (or stops them seeing your presence). */
  reject(userId: number): Promise<void>;
  /** Removes a contact (both subscriptions end). */
  remove(userId: number): Promise<void>;
  /** A contact's presence (undefined for someone not in the list, or no user); notifies only when it changes. */
  presenceOf(userId: number | null | undefined): Readable<ContactPresence | undefined>;
  /** Renames a contact (null clears the name). */
  rename(userId: number, name: string | null): Promise<void>;
}

/** Dependencies of the contacts commands, by name. */
export interface ContactsCommandsOptions {
  transport: Pick<XmppTransport, "iq" | "send" | "onIq">;
  /** Registers this feature's handler of incoming `<presence>` (`xmpp/handlers/createStanzaRouter.ts`). */
  onStanza: StanzaRouter["on"];
  jid: JidContext;
  clock: Clock;
  /** The signed-in user (roster pushes must come from their own account). */
  selfUserId: () => number | null;
  /** Every time the chat comes online. */
  online$: Observable<ConnectedEvent>;
  /** Background failures (the read after connect). */
  reportError: (error: ChatError) => void;
  /** The user's other tabs: a follower shows the leader's contacts and its commands run there (docs/architecture.md, Tabs). */
  share?: TabShare;
}

/** The error for a full contact list: a program checks `code === "validation"` and `details.limit`. */
function contactsFullError(cause?: unknown): ChatError {
  return new ChatError("validation", `The contact list is full: at most ${MAX_CONTACTS} contacts`, {
    details: { reason: "contacts-limit", limit: MAX_CONTACTS },
    cause,
  });
}

/**
 * Creates `client.contacts` (the roster and presence subscriptions, docs/protocol.md §12). Subscription states follow
 * the server's roster pushes; requests and availability arrive as presences. Every fresh connect reads the roster
 * again, forgets the availability it knew and probes the contacts whose presence you see.
 */
export function createContactsCommands(
  options: ContactsCommandsOptions,
): ContactsApi & { reset(): void; dispose(): void } {
  const { transport, jid } = options;
  const store = createStore<ContactsState>(EMPTY_CONTACTS);
  let cache: ReturnType<typeof contactsOf>["cache"] = new Map();
  const list = select(
    store,
    (state) => {
      const next = contactsOf(state, cache);
      cache = next.cache;
      return next.list as readonly Contact[];
    },
    shallowEqual,
  );
  const requests = select(store, (state) => state.requests);

  const iq = async (element: Element): Promise<Element> => {
    try {
      return await transport.iq(element);
    } catch (error) {
      throw toChatError(error);
    }
  };
  const send = async (element: Element): Promise<void> => {
    try {
      await transport.send(element);
    } catch (error) {
      throw toChatError(error);
    }
  };
  const entry = (userId: number) => store.get().roster[userId];

  const refresh = async (): Promise<readonly Contact[]> => {
    store.set(setRoster(store.get(), parseRoster(await iq(buildRosterRequest()))));
    return list.get();
  };

  const setItem = async (userId: number, name: string | null | undefined): Promise<void> => {
    if (!entry(userId) && Object.keys(store.get().roster).length >= MAX_CONTACTS) throw contactsFullError();
    try {
      await iq(buildRosterSet(jid, { userId, name }));
    } catch (error) {
      throw isChatError(error) && error.condition === "not-acceptable" && /contact/i.test(error.message)
        ? contactsFullError(error)
        : error;
    }
  };
  const subscribeTo = async (userId: number): Promise<void> => {
    const current = entry(userId);
    if (current && (current.ask || current.subscription === "to" || current.subscription === "both")) return;
    await send(buildSubscriptionPresence(jid, userId, "subscribe"));
  };
  const checkUser = (userId: number) => {
    if (!Number.isInteger(userId) || userId <= 0) throw new ChatError("validation", `Not a user id: ${String(userId)}`);
    if (userId === options.selfUserId()) throw new ChatError("validation", "You can't add yourself as a contact");
  };

  const unregisterPresence = options.onStanza("presence", (stanza) => {
    const parsed = parseUserPresence(stanza);
    if (parsed && parsed.userId !== options.selfUserId()) {
      handleContactPresence(
        {
          contacts: store,
          clock: options.clock,
          jid,
          send: (element) => void transport.send(element).catch(() => undefined),
        },
        parsed,
      );
    }
  });
  const unregisterPush = transport.onIq("set", NS.roster, "query", (push) => {
    // Roster pushes come from the server or the user's own account (RFC 6121 §2.1.6); anything else is refused.
    const from = push.attrs.from ? bareJid(String(push.attrs.from)) : null;
    const self = options.selfUserId();
    if (from !== null && from !== jid.domain && (self === null || from !== userJid(jid, self))) {
      throw new ChatError("forbidden", "roster push from a foreign JID", { condition: "forbidden" });
    }
    store.set(applyRosterPush(store.get(), parseRoster(push)));
    return true;
  });
  const onlineSubscription = options.online$.subscribe((event) => {
    if (event.resumed && store.get().loaded) return;
    store.set(clearPresence(store.get()));
    void refresh()
      .then(() => {
        for (const contact of Object.values(store.get().roster)) {
          if (contact.subscription === "to" || contact.subscription === "both")
            void transport.send(buildPresenceProbe(jid, contact.userId)).catch(() => undefined);
        }
      })
      .catch((error: unknown) => options.reportError(toChatError(error)));
  });

  const share = options.share;
  const unmirror = share?.mirror("contacts", store) ?? (() => {});
  const route = <A extends unknown[], R>(name: string, run: (...args: A) => Promise<R>) =>
    share ? share.route(`contacts.${name}`, run) : run;
  const commands = {
    refresh,
    async add(userId: number, addOptions: { name?: string | null } = {}) {
      checkUser(userId);
      if (!entry(userId) || addOptions.name !== undefined)
        await setItem(userId, addOptions.name ?? entry(userId)?.name ?? null);
      await subscribeTo(userId);
    },
    async confirm(userId: number) {
      checkUser(userId);
      if (!entry(userId) && Object.keys(store.get().roster).length >= MAX_CONTACTS) throw contactsFullError();
      await send(buildSubscriptionPresence(jid, userId, "subscribed"));
      store.set(removeRequest(store.get(), userId));
      if (!entry(userId)) await setItem(userId, null);
      await subscribeTo(userId);
    },
    async reject(userId: number) {
      await send(buildSubscriptionPresence(jid, userId, "unsubscribed"));
      store.set(removeRequest(store.get(), userId));
    },
    async remove(userId: number) {
      if (!entry(userId)) return;
      await iq(buildRosterRemove(jid, userId));
    },
    async rename(userId: number, name: string | null) {
      if (!entry(userId)) throw new ChatError("not-found", `User ${userId} is not a contact`);
      await setItem(userId, name);
    },
  };

  return {
    get: list.get,
    subscribe: list.subscribe,
    value$: list.value$,
    presenceOf: selectPresence(list),
    requests,
    refresh: route("refresh", commands.refresh),
    add: route("add", commands.add),
    confirm: route("confirm", commands.confirm),
    reject: route("reject", commands.reject),
    remove: route("remove", commands.remove),
    rename: route("rename", commands.rename),
    reset: () => store.set(EMPTY_CONTACTS),
    dispose() {
      unmirror();
      unregisterPresence();
      unregisterPush();
      onlineSubscription.unsubscribe();
    },
  };
}
