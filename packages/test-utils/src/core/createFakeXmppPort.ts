// Test-only helper (imported by *.test.ts, never by the library): the iq/send/onIq/stanza$ side of a transport, for
// transcript tests of the facades: every stanza sent is recorded as canonical XML, iqs are answered by a script.
import type { Element } from "@xmpp/xml";
import { Subject } from "rxjs";
import type { ConnectedEvent } from "../../../core/src/connection/ConnectionState.js";
import { ChatError } from "../../../core/src/errors/ChatError.js";
import { chatErrorFromStanza } from "../../../core/src/errors/chatErrorFromStanza.js";
import type { IqHandler, XmppTransport } from "../../../core/src/xmpp/transport/XmppTransport.js";
import { canonicalXml, xmlFixture } from "./xmlFixtures.js";

/** How the fake answers an iq: XML text (a whole `<iq>`, result or error, or just a result's payload; "" is empty), or an error. */
export type IqAnswer = string | ChatError | { error: string };

/** The fake and what it saw. */
export interface FakeXmppPort {
  /** What the facades take. */
  transport: Pick<XmppTransport, "iq" | "send" | "onIq" | "stanza$">;
  /** Canonical XML of every stanza sent (iqs without their id). */
  sent: string[];
  /** Answers the next iqs, in order (after the script runs out, iqs get an empty result). */
  answer(...answers: IqAnswer[]): void;
  /** Delivers an incoming stanza to `stanza$` and, for an iq get/set, to the handler registered for it. */
  receive(xml: string): Promise<Element | true | undefined>;
  /** Whether the fake is online (iq/send reject with `network` when not). */
  online: boolean;
  /** Emits an online event (what `connection.online$` reports). */
  goOnline(event?: Partial<ConnectedEvent>): void;
  /** The online events, for `online$` options. */
  online$: Subject<ConnectedEvent>;
}

/** Creates the fake port. */
export function createFakeXmppPort(): FakeXmppPort {
  const stanzas = new Subject<Element>();
  const online$ = new Subject<ConnectedEvent>();
  const handlers = new Map<string, IqHandler>();
  const script: IqAnswer[] = [];
  const sent: string[] = [];
  const record = (element: Element) => {
    const copy = xmlFixture(canonicalXml(element));
    if (copy.name === "iq") delete copy.attrs.id;
    sent.push(canonicalXml(copy));
  };
  const port: FakeXmppPort = {
    sent,
    online: true,
    online$,
    answer: (...answers) => void script.push(...answers),
    goOnline(event = {}) {
      port.online = true;
      online$.next({ resumed: false, reconnect: true, ...event });
    },
    async receive(xml) {
      const element = xmlFixture(xml);
      stanzas.next(element);
      const payload = element.getChildElements()[0];
      const type = String(element.attrs.type ?? "");
      if (element.name !== "iq" || (type !== "get" && type !== "set") || !payload) return undefined;
      const handler = handlers.get(`${type} ${payload.getNS() ?? ""} ${payload.name}`);
      return handler ? handler(element) : undefined;
    },
    transport: {
      stanza$: stanzas.asObservable(),
      async send(element) {
        if (!port.online) throw new ChatError("network", "offline");
        record(element);
      },
      async iq(element) {
        if (!port.online) throw new ChatError("network", "offline");
        record(element);
        await Promise.resolve();
        const next = script.shift() ?? "";
        if (next instanceof ChatError) throw next;
        if (typeof next === "object") {
          throw chatErrorFromStanza(
            xmlFixture(
              `<iq type="error"><error type="cancel"><${next.error} xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
            ),
            { oneToOne: false },
          );
        }
        const text = next.trim();
        const reply = xmlFixture(text.startsWith("<iq") ? text : `<iq type="result">${text}</iq>`);
        if (reply.attrs.type === "error") throw chatErrorFromStanza(reply, { oneToOne: false });
        return reply;
      },
      onIq(type, xmlns, name, handler) {
        const key = `${type} ${xmlns} ${name}`;
        handlers.set(key, handler);
        return () => void handlers.delete(key);
      },
    },
  };
  return port;
}
