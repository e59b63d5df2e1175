import type { Element } from "@xmpp/xml";
import type { Clock, TimerHandle } from "../../time/clock.js";
import { xml } from "../stanzas/xml.js";
import type { AckTracker } from "./createAckTracker.js";
import type { XmppEntity } from "./createXmppEntity.js";
import { toTransportError } from "./toTransportError.js";

/** How long `sendTracked` waits for an ack before asking the server for one again (`<r/>`). */
const ACK_NUDGE_MS = 1_000;

/** Tracked stanzas sent in a row before an ack is asked for at once (a burst is acknowledged as it goes). */
const ACK_EVERY = 32;

/** Sends stanzas that settle once the server has them (docs/architecture.md, One message, out §4). */
export interface TrackedSender {
  /** Resolves when the server acknowledged `element` (stream management) or answered a ping sent after it. */
  sendTracked(element: Element): Promise<void>;
  /** Asks for an ack now if tracked stanzas went out since the last request (the end of a burst). */
  requestAck(): void;
}

/**
 * Tracked sends of one transport: with stream management each stanza waits for the `<a h/>` that covers it, acks
 * being asked for by count (one `<r/>` per ACK_EVERY stanzas of a burst) and by time (again every ACK_NUDGE_MS while
 * one is unacknowledged); without it, a ping after the stanza tells it arrived (the server answers in order).
 */
export function createTrackedSender(deps: {
  entity: XmppEntity;
  acks: AckTracker;
  clock: Clock;
  isOnline: () => boolean;
  send: (element: Element) => Promise<void>;
  ping: (timeoutMs: number) => Promise<void>;
  iqTimeoutMs: number;
}): TrackedSender {
  const { entity, acks, clock } = deps;
  let trackedSinceRequest = 0; // tracked stanzas sent since the last `<r/>` we asked for
  const askForAck = () => {
    if (entity.streamManagement.enabled && deps.isOnline())
      entity.send(xml("r", { xmlns: "urn:xmpp:sm:3" })).catch(() => {});
  };
  const requestAck = () => {
    trackedSinceRequest = 0;
    askForAck();
  };

  return {
    async sendTracked(element) {
      if (!entity.streamManagement.enabled) {
        // No stream management: the server handles stanzas in order, so the answer to a ping follows this one.
        await deps.send(element);
        await deps.ping(deps.iqTimeoutMs);
        return;
      }
      const acked = acks.track(element);
      deps.send(element).catch((error: unknown) => acks.fail(element, toTransportError(error)));
      if (++trackedSinceRequest >= ACK_EVERY) requestAck();
      // @xmpp/stream-management asks for an ack 250 ms after a send, but skips it while <enabled/> is still on its
      // way and then waits for its 30 s interval, which every incoming stanza postpones: on a busy stream the ack
      // would never be asked for. Ask again ourselves until this stanza is acknowledged or fails.
      let settled = false;
      let timer: TimerHandle | null = null;
      const nudge = () => {
        if (settled) return;
        askForAck();
        timer = clock.setTimeout(nudge, ACK_NUDGE_MS);
      };
      timer = clock.setTimeout(nudge, ACK_NUDGE_MS);
      try {
        await acked;
      } finally {
        settled = true;
        if (timer !== null) clock.clearTimeout(timer);
      }
    },
    requestAck() {
      if (trackedSinceRequest > 0) requestAck();
    },
  };
}
