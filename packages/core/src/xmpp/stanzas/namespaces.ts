/** XML namespaces of the stanzas core builds and parses (docs/protocol.md §7–13). */
export const NS = {
  client: "jabber:client",
  stanzas: "urn:ietf:params:xml:ns:xmpp-stanzas",
  carbons: "urn:xmpp:carbons:2",
  forward: "urn:xmpp:forward:0",
  delay: "urn:xmpp:delay",
  ping: "urn:xmpp:ping",
  markers: "urn:xmpp:chat-markers:0",
  chatStates: "http://jabber.org/protocol/chatstates",
  correct: "urn:xmpp:message-correct:0",
  remove: "urn:xmpp:message-delete:0",
  muc: "http://jabber.org/protocol/muc",
  mucUser: "http://jabber.org/protocol/muc#user",
  privacy: "jabber:iq:privacy",
  roster: "jabber:iq:roster",
  last: "jabber:iq:last",
  mobile: "http://tigase.org/protocol/mobile#v2",
  statusStreaming: "https://connectycube.com/protocol/status_streaming",
} as const;

/** `moduleIdentifier` of ConnectyCube system messages (docs/protocol.md §9). */
export const SYSTEM_MODULE = "SystemNotifications";
