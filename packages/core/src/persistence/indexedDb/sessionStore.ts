import { wrap } from "idb";
import type { StoredSession } from "../Persistence.js";

const STORE = "session";
const KEY = "current";

async function openSessionDb(factory: IDBFactory, appId: number): Promise<IDBDatabase> {
  const request = factory.open(`chatcube:${appId}`, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE);
  return (await wrap(request)) as unknown as IDBDatabase;
}

/** Reads the session remembered for an app from its small app-level database (`chatcube:{appId}`). */
export async function readStoredSession(factory: IDBFactory, appId: number): Promise<StoredSession | null> {
  const db = await openSessionDb(factory, appId);
  try {
    const value = (await wrap(db.transaction(STORE, "readonly").objectStore(STORE).get(KEY))) as
      | StoredSession
      | undefined;
    return value ?? null;
  } finally {
    db.close();
  }
}

/** Remembers (or, with null, forgets) the session of an app. */
export async function writeStoredSession(
  factory: IDBFactory,
  appId: number,
  session: StoredSession | null,
): Promise<void> {
  const db = await openSessionDb(factory, appId);
  try {
    const tx = db.transaction(STORE, "readwrite");
    if (session) tx.objectStore(STORE).put(session, KEY);
    else tx.objectStore(STORE).delete(KEY);
    await wrap(tx).done;
  } finally {
    db.close();
  }
}
