import type { StreamManagement } from "./createXmppEntity.js";

/**
 * Fails the stanzas a lost stream left unacknowledged when that stream cannot be resumed. A server may enable
 * stream management without resumption (no id); @xmpp then keeps the queue, never tries `<resume/>` (which is what
 * would fail it), and refuses to enable stream management on the next stream while the queue is not empty — every
 * later connect would fail. Each stanza is reported as `fail` (the tracked sends reject; the outbox retries them).
 */
export function failUnresumableQueue(sm: StreamManagement): void {
  if (sm.id) return;
  const queued = sm.outbound_q.splice(0);
  sm.outbound = 0;
  for (const item of queued) sm.emit("fail", item.stanza);
}
