import { existsSync, readFileSync } from "node:fs";
import { open, rename, unlink } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { dirname } from "node:path";
import { Db, type DbSnapshot } from "./db.js";

/** Where the database lives between runs. */
export interface Persistence {
  /** Resolves once every change made before the call is on disk. */
  durable(): Promise<void>;
  /** Writes what is pending and stops watching the database. */
  close(): Promise<void>;
}

/** A persistence that keeps nothing: every change is "durable" at once. */
export function memoryPersistence(): Persistence {
  return { durable: async () => {}, close: async () => {} };
}

/** Reads a database written by `filePersistence`, or a new empty one when the file does not exist. */
export function loadDb(file: string | undefined): Db {
  if (!file || !existsSync(file)) return new Db();
  const text = readFileSync(file, "utf8");
  let data: DbSnapshot;
  try {
    data = JSON.parse(text) as DbSnapshot;
  } catch (cause) {
    throw new Error(`chatcube-server: the data file ${file} is not valid JSON`, { cause });
  }
  if (data.version !== 1) throw new Error(`chatcube-server: the data file ${file} has unknown version ${String(data.version)}`);
  return Db.fromSnapshot(data);
}

/**
 * Keeps `db` in `file`: changes are coalesced and written as a whole snapshot to a temporary file that is
 * fsynced and renamed over the old one, so a crash leaves either the old or the new state, never a torn file.
 * Callers that acknowledge something to a client await `durable()` first.
 */
export function filePersistence(db: Db, file: string): Persistence {
  let dirty = false;
  let writing: Promise<void> | null = null;
  let scheduled = false;
  // Unique per instance: two servers of one process (a restart in a test) must not share a temporary file.
  const tmp = `${file}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;

  async function writeOnce(): Promise<void> {
    dirty = false;
    const text = JSON.stringify(db.snapshot());
    const handle = await open(tmp, "w");
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
    await syncDir(dirname(file));
  }

  async function flush(): Promise<void> {
    while (writing) await writing;
    if (!dirty) return;
    writing = writeOnce().finally(() => {
      writing = null;
    });
    await writing;
  }

  const stop = db.onChange(() => {
    dirty = true;
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      flush().catch((error: unknown) => console.error("chatcube-server: could not write", file, error));
    });
  });

  return {
    async durable() {
      // A change made before this call is either in the write under way (then `dirty` was cleared before the
      // snapshot was taken, so the write covers it) or still dirty (then the next flush covers it).
      if (writing) await writing.catch(() => {});
      if (dirty) await flush();
    },
    async close() {
      stop();
      if (writing) await writing.catch(() => {});
      if (dirty) await flush();
      await unlink(tmp).catch(() => {});
    },
  };
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems refuse to fsync a directory; the rename is still atomic there.
  }
}
