import { dropSocket, type XmppEntity } from "./createXmppEntity.js";

/** Drops an entity's socket once the current task is over; one drop at a time. */
export interface Dropper {
  /** Drops the socket after the current task; calls made before it happened share it. */
  drop(reason?: unknown): Promise<void>;
  /** The drop decided and not done yet, if any. */
  readonly pending: Promise<void> | null;
}

/**
 * Drops the socket after the current task. @xmpp/stream-management queues an outgoing stanza only once its write
 * has completed (a few microtasks after the bytes left); a socket dropped in between would leave a stanza the
 * server counted out of the queue, and the next `<resumed h>` would not match it.
 */
export function createDropper(entity: XmppEntity): Dropper {
  let dropping: Promise<void> | null = null;
  return {
    drop(reason) {
      dropping ??= new Promise<void>((resolve) => {
        globalThis.setTimeout(() => {
          dropping = null;
          dropSocket(entity, reason);
          resolve();
        }, 0);
      });
      return dropping;
    },
    get pending() {
      return dropping;
    },
  };
}
