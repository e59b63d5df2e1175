import type { Observable } from "rxjs";
import type { ConnectedEvent } from "../connection/ConnectionState.js";
import type { NetworkEventSource } from "../connection/createBrowserNetworkSource.js";
import type { ChatError } from "../errors/ChatError.js";
import { toChatError } from "../errors/toChatError.js";
import { createStore } from "../reactive/createStore.js";
import type { Readable } from "../reactive/readable.js";
import { buildMobileState } from "../xmpp/stanzas/mobileState.js";
import type { XmppTransport } from "../xmpp/transport/XmppTransport.js";

/** Dependencies of the activity commands, by name. */
export interface ActivityCommandsOptions {
  transport: Pick<XmppTransport, "iq">;
  /** True while the chat is online. */
  isOnline: () => boolean;
  /** Every time the chat comes online (a fresh session starts active, so "inactive" is sent again). */
  online$: Observable<ConnectedEvent>;
  /** Page visibility; `null` turns the automatic switch off. */
  visibility: NetworkEventSource | null;
  /** Background failures of the automatic switch. */
  reportError: (error: ChatError) => void;
}

/** Whether the app tells the server it is in the foreground, and the command to change it. */
export interface ActivityApi {
  /** True while the app counts as active (foreground). */
  active: Readable<boolean>;
  /**
   * Tells the server the app is active (true) or in the background (false): Tigase mobile v2, docs/protocol.md §13.
   * While inactive, the server sends push notifications even though the chat is connected. Remembered across
   * reconnects.
   */
  setActive(active: boolean): Promise<void>;
}

/**
 * Creates the active/inactive switch. With a `visibility` source (the browser's by default), hiding the page marks
 * the app inactive and showing it marks it active again; under SSR there are no events and nothing happens.
 */
export function createActivityCommands(options: ActivityCommandsOptions): ActivityApi & { dispose(): void } {
  const active = createStore(options.visibility ? options.visibility.isVisible() : true);
  const tell = async (value: boolean): Promise<void> => {
    if (!options.isOnline()) return; // sent on the next connect
    try {
      await options.transport.iq(buildMobileState(!value));
    } catch (error) {
      throw toChatError(error);
    }
  };
  const setActive = async (value: boolean): Promise<void> => {
    active.set(value);
    await tell(value);
  };
  const unwatch =
    options.visibility?.subscribe((event) => {
      if (event === "visible" || event === "hidden") setActive(event === "visible").catch(options.reportError);
    }) ?? (() => {});
  const online = options.online$.subscribe((event) => {
    if (!event.resumed && !active.get()) tell(false).catch(options.reportError);
  });
  return {
    active,
    setActive,
    dispose() {
      unwatch();
      online.unsubscribe();
    },
  };
}
