import type { Element } from "@xmpp/xml";
import { ChatError } from "../../errors/ChatError.js";
import { buildCarbonsEnable } from "../stanzas/carbons.js";
import { xml } from "../stanzas/xml.js";
import type { ConnectAttempt } from "./createConnectAttempt.js";
import type { IqTracker } from "./createIqTracker.js";
import { toTransportError } from "./toTransportError.js";
import type { TransportLogger } from "./XmppTransport.js";

/**
 * What a new (not resumed) session does before it is online (docs/protocol.md §7): requests of an earlier stream
 * fail (they will never be answered), carbons are enabled (a refusal is only logged), the initial presence goes out,
 * and then the attempt succeeds; anything that fails the stream fails the attempt.
 */
export function startSession(
  attempt: ConnectAttempt,
  deps: {
    iqs: IqTracker;
    send: (element: Element) => Promise<void>;
    jid: () => string;
    iqTimeoutMs: number;
    logger?: TransportLogger;
  },
): void {
  deps.iqs.failAll(new ChatError("network", "The stream was replaced before the server answered"));
  void (async () => {
    try {
      await deps.iqs.request(buildCarbonsEnable(), deps.iqTimeoutMs);
    } catch (error) {
      deps.logger?.warn?.("could not enable carbons", error);
    }
    if (attempt.settled) return;
    await deps.send(xml("presence"));
    attempt.succeed({ resumed: false, jid: deps.jid() });
  })().catch((error: unknown) => attempt.fail(toTransportError(error)));
}
