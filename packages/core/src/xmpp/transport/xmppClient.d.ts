// @xmpp/client 0.14 ships no type declarations; core reaches it only through `createXmppEntity`, which narrows the
// result to the `XmppEntity` view.
declare module "@xmpp/client" {
  /** Creates an @xmpp/client entity; see `XmppEntity` for the parts core uses. */
  export function client(options: Record<string, unknown>): unknown;
}
