/// <reference path="./xmppModules.d.ts" />
import Client from "@xmpp/client-core/lib/Client.js";
import iqCallee from "@xmpp/iq/callee.js";
import iqCaller from "@xmpp/iq/caller.js";
import middlewareOf from "@xmpp/middleware";
import resourceBinding from "@xmpp/resource-binding";
import sasl from "@xmpp/sasl";
import saslPlain from "@xmpp/sasl-plain";
import streamFeaturesOf from "@xmpp/stream-features";
import streamManagementOf from "@xmpp/stream-management";
import websocket from "@xmpp/websocket";
import SASLFactory from "saslmechanisms";

/** Options of `composeXmppClient`. */
export interface ComposeOptions {
  service: string;
  domain: string;
  resource?: string;
  /** @xmpp/sasl's credentials callback: `(authenticate, mechanisms, fast, entity)`. */
  credentials: (...args: never[]) => Promise<void>;
}

/**
 * An @xmpp entity made of only the @xmpp packages a browser chat over one WebSocket uses (docs/architecture.md, core
 * by folder): the client core, the WebSocket connection, middleware and stream features, iq caller (for resource
 * binding) and callee (answers to the server's iqs, `urn:xmpp:ping` included), SASL with PLAIN (the only mechanism
 * the servers offer, docs/protocol.md §1), resource binding and stream management. @xmpp/client 0.14 adds TCP, TLS,
 * STARTTLS, SRV/DNS resolution, SASL2 with FAST and bind2, SCRAM-SHA-1, ANONYMOUS and a fixed-delay reconnect, none of
 * which this client uses (reconnection belongs to `createConnection`). The wiring follows @xmpp/client's, in its
 * order: stream features run in the order they were registered.
 */
export function composeXmppClient(options: ComposeOptions): unknown {
  const entity = new Client({ service: options.service, domain: options.domain });
  websocket({ entity });
  const middleware = middlewareOf({ entity });
  const streamFeatures = streamFeaturesOf({ middleware });
  const caller = iqCaller({ middleware, entity });
  const callee = iqCallee({ middleware, entity });
  const saslFactory = new SASLFactory();
  saslPlain(saslFactory);
  sasl({ streamFeatures, saslFactory }, options.credentials);
  const streamManagement = streamManagementOf({ streamFeatures, entity, middleware });
  resourceBinding({ iqCaller: caller, streamFeatures }, options.resource);
  callee.get("urn:xmpp:ping", "ping", () => ({}));
  return Object.assign(entity, {
    entity,
    middleware,
    streamFeatures,
    iqCaller: caller,
    iqCallee: callee,
    saslFactory,
    streamManagement,
  });
}
