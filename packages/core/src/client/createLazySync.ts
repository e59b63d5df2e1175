import { deferReadable } from "../reactive/deferReadable.js";
import type { Sync, SyncState } from "../sync/createSync.js";

const IDLE: SyncState = Object.freeze({ state: "idle", lastSyncedAt: null, error: null });

/**
 * The delta sync before its chunk has arrived (`deferred.ts`; docs/decisions.md, "A small bundle"). A sync runs only
 * once connected, and connecting waits for the chunk, so until then the state is `idle` and a call waits for it. The
 * cursor the cache seeds at sign-in is kept and handed to the real sync when it is made (`adopt`). After `dispose`
 * before the chunk came, calls do nothing.
 */
export function createLazySync(
  ready: () => Promise<Sync>,
  current: () => Sync | null,
): Sync & { adopt(sync: Sync): void } {
  let seeded: number | null = null;
  /** Like the real sync's, these never reject: a chunk that did not load fails the connect, which reports it. */
  const withSync = async (run: (sync: Sync) => Promise<void>): Promise<void> => {
    const sync = await ready().catch(() => null);
    if (sync) await run(sync);
  };
  return {
    state: deferReadable(() => current()?.state ?? null, ready, IDLE),
    run: (options) => withSync((sync) => sync.run(options)),
    catchUp: (dialogId, watermark) => withSync((sync) => sync.catchUp(dialogId, watermark)),
    refreshUnread: (dialogIds) => withSync((sync) => sync.refreshUnread(dialogIds)),
    fetchDialog: (id) => withSync((sync) => sync.fetchDialog(id)),
    seed(cursor) {
      const sync = current();
      if (sync) sync.seed(cursor);
      else seeded = cursor;
    },
    reset() {
      seeded = null;
      current()?.reset();
    },
    adopt(sync) {
      if (seeded !== null) sync.seed(seeded);
      seeded = null;
    },
  };
}
