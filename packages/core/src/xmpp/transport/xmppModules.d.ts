// The @xmpp packages 0.14 and saslmechanisms ship no type declarations. Core reaches them only through
// `composeXmppClient`, whose result `createXmppEntity` narrows to the `XmppEntity` view; these say no more than that.
declare module "@xmpp/client-core/lib/Client.js" {
  /** The client `Connection` of @xmpp/client-core; see `XmppEntity` for the parts core uses. */
  export default class Client {
    constructor(options: Record<string, unknown>);
  }
}
declare module "@xmpp/iq/callee.js" {
  const iqCallee: (deps: Record<string, unknown>) => {
    get(xmlns: string, name: string, handler: () => unknown): void;
  };
  export default iqCallee;
}
declare module "@xmpp/iq/caller.js" {
  const iqCaller: (deps: Record<string, unknown>, ...args: unknown[]) => unknown;
  export default iqCaller;
}
declare module "@xmpp/middleware" {
  const middleware: (deps: Record<string, unknown>, ...args: unknown[]) => unknown;
  export default middleware;
}
declare module "@xmpp/resource-binding" {
  const resourceBinding: (deps: Record<string, unknown>, ...args: unknown[]) => unknown;
  export default resourceBinding;
}
declare module "@xmpp/sasl" {
  const sasl: (deps: Record<string, unknown>, ...args: unknown[]) => unknown;
  export default sasl;
}
declare module "@xmpp/sasl-plain" {
  const saslPlain: (factory: unknown) => void;
  export default saslPlain;
}
declare module "@xmpp/stream-features" {
  const streamFeatures: (deps: Record<string, unknown>, ...args: unknown[]) => unknown;
  export default streamFeatures;
}
declare module "@xmpp/stream-management" {
  const streamManagement: (deps: Record<string, unknown>, ...args: unknown[]) => unknown;
  export default streamManagement;
}
declare module "@xmpp/websocket" {
  const websocket: (deps: Record<string, unknown>, ...args: unknown[]) => unknown;
  export default websocket;
}
declare module "saslmechanisms" {
  /** A registry of SASL mechanisms (`use`, `create`). */
  export default class SASLFactory {}
}
