import type { FileHandle } from "node:fs/promises";
import { Db } from "./db.js";
import { createJournal, readState, reopenJournal, type StoredState, writeSnapshot } from "./journalFile.js";
import { countersOf, currentValue, type JournalOp } from "./journalOps.js";

/** Where the database lives between runs. */
export interface Persistence {
  /** Resolves once every change made before the call is on disk. */
  durable(): Promise<void>;
  /** Writes what is pending and stops watching the database. */
  close(): Promise<void>;
}

/** Journal size past which it is folded into a new snapshot, unless the snapshot is larger still. */
const DEFAULT_COMPACT_BYTES = 16 * 1024 * 1024;

/** Resolves after the I/O callbacks that are ready ran: other clients' changes join the same commit. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A persistence that keeps nothing: every change is "durable" at once. */
export function memoryPersistence(): Persistence {
  return { durable: async () => {}, close: async () => {} };
}

/** Reads a database written by `filePersistence` (snapshot plus journal), or a new empty one when there is none. */
export function loadDb(file: string | undefined): Db {
  return file ? readState(file).db : new Db();
}

/**
 * Keeps the database of `state` in `file` and its journal `file.journal`. Each group commit appends the
 * records that changed (whole, one JSON line per commit) and fsyncs the journal: the cost is that of the change,
 * not of the database. When the journal outgrows `compactBytes` and the snapshot, the whole database is written
 * as the next snapshot generation (temp file, fsync, rename) and a new journal is started. Callers that
 * acknowledge something to a client await `durable()` first.
 */
export async function filePersistence(
  state: StoredState,
  file: string,
  options: { compactBytes?: number } = {},
): Promise<Persistence> {
  const db = state.db;
  const minCompact = options.compactBytes ?? DEFAULT_COMPACT_BYTES;
  let generation = state.generation;
  let snapshotBytes = state.snapshotBytes;
  let journal: FileHandle;
  let journalBytes: number;
  if (state.journalBytes === null) ({ handle: journal, bytes: journalBytes } = await createJournal(file, generation));
  else {
    journal = await reopenJournal(file, state.journalBytes);
    journalBytes = state.journalBytes;
  }
  let counters = JSON.stringify(countersOf(db));
  /** The commit under way, and the one that will start after it (every caller until then shares it). */
  let inFlight: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  /** Every change up to this `db.version` is on disk. */
  let written = db.hasPending() ? -1 : db.version;
  let scheduled = false;
  let closed = false;
  db.tracking = true;

  async function compact(): Promise<void> {
    snapshotBytes = await writeSnapshot(file, db, generation + 1);
    generation++;
    counters = JSON.stringify(countersOf(db));
    const previous = journal;
    ({ handle: journal, bytes: journalBytes } = await createJournal(file, generation));
    await previous.close();
  }

  async function commit(): Promise<void> {
    if (!db.hasPending()) return;
    const version = db.version;
    const { records, everything } = db.takePending();
    try {
      if (everything) {
        await compact();
        written = version;
        return;
      }
      const ops: JournalOp[] = records.map(([k, id]) => ({ k, id, v: currentValue(db, k, id) }));
      const now = JSON.stringify(countersOf(db));
      if (now !== counters) ops.push({ k: "counters", id: "", v: countersOf(db) });
      const line = Buffer.from(`${JSON.stringify(ops)}\n`);
      await journal.write(line, 0, line.length, journalBytes); // opened O_DSYNC: on disk when this returns
      journalBytes += line.length;
      counters = now;
      written = version;
      if (journalBytes > Math.max(minCompact, snapshotBytes)) await compact();
    } catch (error) {
      // What this commit held is not known to be on disk: the next commit writes a whole snapshot.
      db.changed();
      throw error;
    }
  }

  /**
   * Group commit: a change made now is written by the next commit that starts, which waits for the one under
   * way and for the I/O callbacks already due, so that every client's change of that moment joins it.
   */
  function flush(): Promise<void> {
    if (written >= db.version) return Promise.resolve();
    if (!db.hasPending()) return inFlight ?? Promise.resolve();
    next ??= (inFlight ?? Promise.resolve())
      .catch(() => {})
      .then(nextTurn)
      .then(() => {
        next = null;
        inFlight = commit().finally(() => {
          inFlight = null;
        });
        return inFlight;
      });
    return next;
  }

  const background = () =>
    flush().catch((error: unknown) => console.error("chatcube-server: could not write", file, error));

  const stop = db.onChange(() => {
    if (scheduled || closed) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      if (!closed) void background();
    });
  });

  // A new data file starts with a snapshot, so that the file exists (and is whole) from the start.
  if (state.snapshotBytes === 0) await flush().then(compact);
  else if (db.hasPending()) await flush();
  return {
    durable: () => flush(),
    async close() {
      if (closed) return;
      closed = true;
      stop();
      for (let round = 0; round < 10 && (inFlight || next || db.hasPending()); round++)
        await (next ?? inFlight ?? background());
      db.tracking = false;
      await journal.close();
    },
  };
}
