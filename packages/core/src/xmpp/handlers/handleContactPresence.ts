import type { Element } from "@xmpp/xml";
import type { Store } from "../../reactive/createStore.js";
import { addRequest, type ContactsState, removeRequest, setPresence } from "../../stores/contacts/contactsReducer.js";
import type { Clock } from "../../time/clock.js";
import type { JidContext } from "../stanzas/jid.js";
import { buildSubscriptionPresence } from "../stanzas/roster.js";
import type { UserPresence } from "../stanzas/userPresence.js";

/** What `handleContactPresence` uses. */
export interface ContactPresenceContext {
  contacts: Store<ContactsState>;
  clock: Clock;
  jid: JidContext;
  /** Sends a stanza when online (the automatic approval of a request). */
  send(stanza: Element): void;
}

/**
 * A presence from another user → the contacts store (docs/protocol.md §12): availability per device; a subscription
 * request becomes a pending request, unless the contact is already one whose presence you see or who sees yours, which
 * is approved at once (the SDK's mutual mode); a withdrawn request disappears; `unsubscribed` hides their presence.
 * Subscription states themselves come from the server's roster pushes.
 */
export function handleContactPresence(ctx: ContactPresenceContext, parsed: UserPresence): void {
  const { contacts } = ctx;
  if (parsed.kind === "availability") {
    contacts.set(
      setPresence(
        contacts.get(),
        parsed.userId,
        parsed.resource,
        parsed.available ? { show: parsed.show, status: parsed.status } : null,
      ),
    );
    return;
  }
  switch (parsed.type) {
    case "subscribe": {
      const entry = contacts.get().roster[parsed.userId];
      if (entry && entry.subscription !== "none") {
        ctx.send(buildSubscriptionPresence(ctx.jid, parsed.userId, "subscribed"));
        contacts.set(removeRequest(contacts.get(), parsed.userId));
      } else contacts.set(addRequest(contacts.get(), { userId: parsed.userId, at: ctx.clock.now() }));
      return;
    }
    case "unsubscribe":
      contacts.set(removeRequest(contacts.get(), parsed.userId));
      return;
    case "unsubscribed":
      contacts.set(setPresence(contacts.get(), parsed.userId, null, null));
      return;
    case "subscribed":
      return;
  }
}
