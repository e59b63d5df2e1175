import type { Element } from "@xmpp/xml";
import { dropSocket, type XmppEntity } from "./createXmppEntity.js";
import type { StreamHandover } from "./StreamHandover.js";

const SM = "urn:xmpp:sm:3";

/**
 * Lets the entity's resumable stream go, for another client to resume (docs/architecture.md, Tabs): reads the id,
 * `h` and JID, forgets the id (this entity never resumes it itself), fails what it sent unacknowledged (the other
 * client's outbox sends it again, with the same ids) and drops the socket at once without `<close/>`, in this very
 * task: no stanza is handled after `h` was read, so `h` is exact and the server resends whatever came after it.
 * Null, touching nothing, when the stream cannot be resumed.
 */
export function takeStream(entity: XmppEntity): StreamHandover | null {
  const sm = entity.streamManagement;
  const jid = entity.jid?.toString() ?? "";
  if (!sm.enabled || !sm.id || !jid || entity.status !== "online") return null;
  const handover = { id: sm.id, h: sm.inbound, jid };
  sm.id = "";
  const unacknowledged = sm.outbound_q.splice(0);
  sm.outbound = 0;
  for (const item of unacknowledged) sm.emit("fail", item.stanza);
  dropSocket(entity);
  return handover;
}

/**
 * Makes the entity's next connect resume the stream another client handed over (`takeStream`) instead of binding
 * afresh. @xmpp/stream-management resumes with the id and `h` it holds, and on `<resumed h>` counts as acknowledged
 * the queue it sent, which here is empty: the count starts at the server's `h`, so later `<a h>` acks this entity's
 * own stanzas. When the server refuses (`<failed/>`), @xmpp binds afresh and the JID is the new one. Returns the
 * function that stops listening.
 */
export function adoptStream(entity: XmppEntity, handover: StreamHandover): () => void {
  const sm = entity.streamManagement;
  for (const item of sm.outbound_q.splice(0)) sm.emit("fail", item.stanza); // of a stream of its own, gone
  sm.id = handover.id;
  sm.inbound = handover.h;
  sm.outbound = 0;
  entity._jid(handover.jid);
  const onNonza = (element: Element) => {
    if (element.attrs.xmlns !== SM || (element.name !== "resumed" && element.name !== "failed")) return;
    stop();
    const h = Number(element.attrs.h);
    if (element.name === "resumed" && Number.isSafeInteger(h) && h >= 0) sm.outbound = h;
  };
  const stop = () => entity.removeListener("nonza", onNonza);
  entity.on("nonza", onNonza); // before @xmpp's own listener, which is added once `<resume/>` is sent
  return stop;
}
