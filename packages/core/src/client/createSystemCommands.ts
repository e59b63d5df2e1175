import type { Element } from "@xmpp/xml";
import { type Observable, Subject } from "rxjs";
import { ChatError } from "../errors/ChatError.js";
import { toChatError } from "../errors/toChatError.js";
import { objectId } from "../model/ids.js";
import { createStore } from "../reactive/createStore.js";
import type { Readable } from "../reactive/readable.js";
import type { RestClient } from "../rest/createRestClient.js";
import type { TabShare } from "../tabs/createTabShare.js";
import type { Clock } from "../time/clock.js";
import type { JidContext } from "../xmpp/stanzas/jid.js";
import type { ParsedSystemMessage } from "../xmpp/stanzas/parsedMessage.js";
import { buildSystemMessage } from "../xmpp/stanzas/systemMessage.js";

/** What a system message carries: an optional body and parameters (strings on the wire). */
export interface SystemMessageInput {
  /** Optional text, e.g. `dialog/NEW_DIALOG`. */
  body?: string | null;
  /** Custom parameters. */
  params?: Readonly<Record<string, string | number | boolean>>;
}

/** `client.system`: app-level signals between users (`type="headline"`, `SystemNotifications`, docs/protocol.md §9). */
export interface SystemApi {
  /** Every system message received. */
  messages$: Observable<ParsedSystemMessage>;
  /** The most recent system messages received, oldest first (at most 50). */
  recent: Readable<readonly ParsedSystemMessage[]>;
  /**
   * Sends a system message to a user; resolves with its id. Over chat by default (needs the connection); `via:
   * "rest"` uses `POST /chat/Message/system.json`, which carries parameters only (no body).
   */
  send(userId: number, input: SystemMessageInput, options?: { via?: "chat" | "rest" }): Promise<{ id: string }>;
}

/** Dependencies of the system commands, by name. */
export interface SystemCommandsOptions {
  transport: { send(element: Element): Promise<void> };
  rest: Pick<RestClient, "systemMessages">;
  jid: JidContext;
  clock: Clock;
  /** How many recent messages to keep. Default 50. */
  recentLimit?: number;
  /** The user's other tabs: a follower gets the leader's system messages, and sends through it. */
  share?: TabShare;
}

/** Creates `client.system`. */
export function createSystemCommands(
  options: SystemCommandsOptions,
): SystemApi & { receive(message: ParsedSystemMessage): void; reset(): void; dispose(): void } {
  const limit = options.recentLimit ?? 50;
  const recent = createStore<readonly ParsedSystemMessage[]>([]);
  const incoming = new Subject<ParsedSystemMessage>();
  const share = options.share;
  // A follower takes the leader's recent list; what it did not have yet also goes out on `messages$` (not on the
  // first list after joining: that is history).
  const unmirror =
    share?.mirror("system", recent, {
      apply(list, first) {
        const keys = new Set(recent.get().map(keyOf));
        recent.set(list);
        if (!first) for (const message of list) if (!keys.has(keyOf(message))) incoming.next(message);
      },
    }) ?? (() => {});
  const api: SystemApi & { receive(message: ParsedSystemMessage): void; reset(): void; dispose(): void } = {
    /** An incoming system message (from the ingest): kept among the recent ones and emitted on `messages$`. */
    receive(message) {
      const list = [...recent.get(), message];
      recent.set(list.length > limit ? list.slice(list.length - limit) : list);
      incoming.next(message);
    },
    messages$: incoming.asObservable(),
    recent,
    async send(userId, input, sendOptions = {}) {
      if (!Number.isInteger(userId) || userId <= 0) throw new ChatError("validation", "System messages go to one user");
      if (sendOptions.via === "rest") {
        if (input.body !== undefined && input.body !== null)
          throw new ChatError("validation", "A system message sent through REST has no body; put it in params");
        const sent = await options.rest.systemMessages.send(userId, input.params ?? {});
        return { id: sent.id };
      }
      const id = objectId(options.clock.now());
      try {
        await options.transport.send(
          buildSystemMessage(options.jid, { id, userId, body: input.body, params: input.params }),
        );
      } catch (error) {
        throw toChatError(error);
      }
      return { id };
    },
    reset: () => recent.set([]),
    dispose: () => {
      unmirror();
      incoming.complete();
    },
  };
  if (share) api.send = share.route("system.send", api.send, { once: true }); // twice would send it twice
  return api;
}

const keyOf = (m: ParsedSystemMessage) => JSON.stringify([m.id, m.senderId, m.delayedAt, m.body, m.params]);
