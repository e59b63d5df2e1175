import type { ChatError } from "../errors/ChatError.js";
import type { User } from "../model/user.js";
import { createWriteBehind } from "../persistence/createWriteBehind.js";
import type { Persistence, PersistenceSession } from "../persistence/Persistence.js";
import type { DialogsStore } from "../stores/dialogs/createDialogsStore.js";
import type { MessagesStore } from "../stores/messages/createMessagesStore.js";
import type { Outbox } from "../sync/createOutbox.js";
import type { Clock } from "../time/clock.js";
import { createHydrator } from "./hydrate.js";
import type { TabsWiring } from "./TabsWiring.js";

/** The signed-in user's data on this device: the open database, the cache it publishes, the writes behind. */
export interface UserData {
  /** The open database of the signed-in user; null while signed out. */
  db(): PersistenceSession | null;
  /** Opens a user's database and publishes the cache before any network round-trip, then connects. */
  open(user: User): Promise<void>;
  /** Disconnects and forgets the user's data in memory; on disk too unless `keepData`. */
  close(options: { keepData: boolean }): Promise<void>;
  /** Restores one dialog's cached window into its store (once); resolves true when the cache had it. */
  restoreWindow(dialogId: string): Promise<boolean>;
  /** A dialog's messages got their first subscriber (least-recently-viewed windows are evicted first). */
  markViewed(dialogId: string): void;
  /** Writes what is pending, stops writing and closes the database. */
  dispose(): Promise<void>;
}

/**
 * Creates the open → hydrate → connect and disconnect → flush → forget sequence of a sign-in, with the hydrator and
 * the write-behind between the stores and the database (docs/architecture.md, Data flow §1, §2 and §4). `forget`
 * lists what else holds the signed-in user's state in memory.
 */
export function createUserData(deps: {
  appId: number;
  persistence: Persistence;
  dialogs: DialogsStore;
  messages: MessagesStore;
  outbox: Outbox;
  clock: Clock;
  reportError: (error: ChatError) => void;
  /** How many cached messages to restore at sign-in; the other windows when opened. */
  eagerMessages: number;
  /** A window came back from the cache; `watermark` is its newest known message (a catch-up starts there). */
  onRestored: (dialogId: string, watermark: number | null) => void;
  /** Called with the stored delta-sync cursor, if any, before connecting. */
  seedCursor: (cursor: number) => void;
  connect: () => void;
  disconnect: () => Promise<void>;
  forget: ReadonlyArray<() => void>;
  /** The user's other tabs (docs/architecture.md, Tabs): who connects, and who writes behind. */
  tabs?: Pick<TabsWiring, "attach" | "start" | "detach" | "isFollower">;
}): UserData {
  let db: PersistenceSession | null = null;
  const { tabs } = deps;
  const writeBehind = createWriteBehind({ ...deps, session: () => (tabs?.isFollower() ? null : db) }); // the leader's
  const hydrator = createHydrator({ ...deps, db: () => db, writeBehind });
  return {
    db: () => db,
    restoreWindow: hydrator.restoreWindow,
    markViewed: writeBehind.markViewed,
    async open(user) {
      const opened = await deps.persistence.open({ appId: deps.appId, userId: user.id });
      db = tabs ? tabs.attach(user.id, opened) : opened;
      const hydrated = await hydrator.hydrate();
      if (hydrated.cursor !== null) deps.seedCursor(hydrated.cursor);
      await (tabs ? tabs.start() : deps.connect()); // the leader, or a tab alone, connects
      await hydrated.windows;
    },
    async close({ keepData }) {
      await deps.disconnect().catch(() => {});
      if (keepData) await writeBehind.flush().catch(() => {});
      tabs?.detach();
      const closing = db;
      db = null;
      for (const forget of deps.forget) forget();
      writeBehind.reset();
      hydrator.reset();
      await closing?.close({ deleteData: !keepData });
    },
    async dispose() {
      await writeBehind.flush().catch(() => {});
      writeBehind.dispose();
      await db?.close();
    },
  };
}
