import type { Element } from "@xmpp/xml";
import type { Observable } from "rxjs";
import type { ConnectedEvent } from "../connection/ConnectionState.js";
import type { ChatError } from "../errors/ChatError.js";
import { toChatError } from "../errors/toChatError.js";
import { nullRecord } from "../model/nullRecord.js";
import type { PrivacyRule } from "../model/privacyRule.js";
import { createStore } from "../reactive/createStore.js";
import {
  dropList,
  EMPTY_PRIVACY,
  listInForce,
  loaded,
  type PrivacyState,
  putList,
  setActiveName,
  setDefaultName,
  withDeny,
  without,
} from "../stores/privacy/privacyReducer.js";
import { selectBlocked } from "../stores/privacy/selectBlocked.js";
import type { TabShare } from "../tabs/createTabShare.js";
import type { JidContext } from "../xmpp/stanzas/jid.js";
import { NS } from "../xmpp/stanzas/namespaces.js";
import {
  buildPrivacyActive,
  buildPrivacyDefault,
  buildPrivacyListRequest,
  buildPrivacyListSet,
  buildPrivacyNamesRequest,
  DEFAULT_PRIVACY_LIST,
  parsePrivacyList,
  parsePrivacyNames,
  rulesFromItems,
} from "../xmpp/stanzas/privacyList.js";
import type { XmppTransport } from "../xmpp/transport/XmppTransport.js";
import type { PrivacyApi, PrivacyListNames } from "./PrivacyApi.js";

/** Dependencies of the privacy commands, by name. */
export interface PrivacyCommandsOptions {
  transport: Pick<XmppTransport, "iq" | "onIq">;
  jid: JidContext;
  /** Every time the chat comes online. */
  online$: Observable<ConnectedEvent>;
  /** Background failures (a refresh after connect). */
  reportError: (error: ChatError) => void;
  /** The user's other tabs: a follower shows the leader's lists and its commands run there. */
  share?: TabShare;
}

/**
 * Creates `client.privacy` (XEP-0016 over iq, docs/protocol.md §11). Commands run one at a time; each shows its outcome
 * at once and puts the store back if the server refuses or the call fails. Changes made by the user's other sessions
 * (the server's list push) and every fresh connect re-read the lists.
 */
export function createPrivacyCommands(
  options: PrivacyCommandsOptions,
): PrivacyApi & { reset(): void; dispose(): void } {
  const { transport, jid } = options;
  const store = createStore<PrivacyState>(EMPTY_PRIVACY);
  let tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after the commands before it. */
  const queue = <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
  const iq = async (element: Element): Promise<Element> => {
    try {
      return await transport.iq(element);
    } catch (error) {
      throw toChatError(error);
    }
  };

  const fetchNames = async (): Promise<PrivacyListNames> => {
    const names = parsePrivacyNames(await iq(buildPrivacyNamesRequest()));
    return { active: names.active, default: names.default, names: names.names };
  };
  const fetchList = async (name: string): Promise<PrivacyRule[]> =>
    rulesFromItems(parsePrivacyList(await iq(buildPrivacyListRequest(name)))?.items ?? []);

  const doRefresh = async (): Promise<PrivacyState> => {
    const names = await fetchNames();
    const lists = nullRecord<PrivacyRule[]>();
    for (const name of names.names) lists[name] = await fetchList(name);
    store.set(loaded(store.get(), { defaultName: names.default, activeName: names.active, lists }));
    return store.get();
  };
  const ensureLoaded = async () => {
    if (!store.get().loaded) await doRefresh();
  };

  /** Shows `next(state)` now; puts the state back if `run` fails. */
  const optimistic = async (
    next: (state: PrivacyState) => PrivacyState,
    run: (before: PrivacyState) => Promise<void>,
  ): Promise<void> => {
    const before = store.get();
    store.set(next(before));
    try {
      await run(before);
    } catch (error) {
      store.set(before);
      throw toChatError(error);
    }
  };

  /** Writes a list; a default list is declined first and restored after (or after a failure). */
  const writeList = async (before: PrivacyState, name: string, rules: readonly PrivacyRule[]): Promise<void> => {
    const wasDefault = before.defaultName === name;
    if (wasDefault) await iq(buildPrivacyDefault(null));
    try {
      await iq(
        buildPrivacyListSet(
          jid,
          name,
          rules.map((rule) => ({ userId: rule.userId, action: rule.action, mutual: rule.mutual })),
        ),
      );
    } finally {
      if (wasDefault) await iq(buildPrivacyDefault(name));
    }
  };
  /** Deletes a list; a default list is declined first (and restored if the delete fails). */
  const removeList = async (before: PrivacyState, name: string, declineFirst: boolean): Promise<void> => {
    const declined = declineFirst && before.defaultName === name;
    if (declined) await iq(buildPrivacyDefault(null));
    try {
      await iq(buildPrivacyListSet(jid, name, []));
    } catch (error) {
      if (declined) await iq(buildPrivacyDefault(name)).catch(() => undefined);
      throw error;
    }
  };

  const unregisterPush = transport.onIq("set", NS.privacy, "query", () => {
    // Another session of this user changed a list (XEP-0016 §2.6): read everything again.
    void queue(doRefresh).catch((error: unknown) => options.reportError(toChatError(error)));
    return true;
  });
  const onlineSubscription = options.online$.subscribe((event) => {
    if (event.resumed && store.get().loaded) return;
    void queue(doRefresh).catch((error: unknown) => options.reportError(toChatError(error)));
  });

  const api: PrivacyApi & { reset(): void; dispose(): void } = {
    get: store.get,
    subscribe: store.subscribe,
    value$: store.value$,
    ...selectBlocked(store),
    refresh: () => queue(doRefresh),
    names: () =>
      queue(async () => {
        const names = await fetchNames();
        store.set(setActiveName(setDefaultName(store.get(), names.default), names.active));
        return names;
      }),
    getList: (name) =>
      queue(async () => {
        const rules = await fetchList(name);
        store.set(putList(store.get(), name, rules));
        return rules;
      }),
    setList: (name, rules) =>
      queue(() =>
        rules.length === 0
          ? optimistic(
              (s) => dropList(s, name),
              (before) => removeList(before, name, false),
            )
          : optimistic(
              (s) => putList(s, name, rules),
              (before) => writeList(before, name, rules),
            ),
      ),
    setDefault: (name) =>
      queue(() =>
        optimistic(
          (s) => setDefaultName(s, name),
          async () => void (await iq(buildPrivacyDefault(name))),
        ),
      ),
    declineDefault: () =>
      queue(() =>
        optimistic(
          (s) => setDefaultName(s, null),
          async () => void (await iq(buildPrivacyDefault(null))),
        ),
      ),
    setActive: (name) =>
      queue(() =>
        optimistic(
          (s) => setActiveName(s, name),
          async () => void (await iq(buildPrivacyActive(name))),
        ),
      ),
    deleteList: (name) =>
      queue(() =>
        optimistic(
          (s) => dropList(s, name),
          (before) => removeList(before, name, false),
        ),
      ),
    block: (userId, blockOptions = {}) =>
      queue(async () => {
        await ensureLoaded();
        const inForce = listInForce(store.get());
        const name = inForce ?? DEFAULT_PRIVACY_LIST;
        const rules = withDeny(store.get().lists[name] ?? [], userId, blockOptions.mutual ?? true);
        await optimistic(
          (s) => (inForce ? putList(s, name, rules) : setDefaultName(putList(s, name, rules), name)),
          async (before) => {
            await writeList(before, name, rules);
            if (!inForce) await iq(buildPrivacyDefault(name));
          },
        );
      }),
    unblock: (userId) =>
      queue(async () => {
        await ensureLoaded();
        const name = listInForce(store.get());
        const current = name ? store.get().lists[name] : undefined;
        if (!name || !current?.some((rule) => rule.userId === userId)) return;
        const rules = without(current, userId);
        if (rules.length > 0)
          return optimistic(
            (s) => putList(s, name, rules),
            (before) => writeList(before, name, rules),
          );
        return optimistic(
          (s) => dropList(s, name),
          (before) => removeList(before, name, true),
        );
      }),
    reset: () => store.set(EMPTY_PRIVACY),
    dispose() {
      unmirror();
      unregisterPush();
      onlineSubscription.unsubscribe();
    },
  };
  // In a follower tab the lists are the leader's, and the commands run there (docs/architecture.md, Tabs).
  const share = options.share;
  const unmirror = share?.mirror("privacy", store) ?? (() => {});
  if (!share) return api;
  for (const name of ROUTED) (api[name] as unknown) = share.route(`privacy.${name}`, api[name] as never);
  return api;
}

const ROUTED = [
  ...["refresh", "names", "getList", "setList", "setDefault", "declineDefault", "setActive", "deleteList"],
  ...["block", "unblock"],
] as const;
