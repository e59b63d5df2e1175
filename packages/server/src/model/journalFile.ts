import { randomBytes } from "node:crypto";
import { constants, existsSync, readFileSync } from "node:fs";
import { type FileHandle, open, rename, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import { Db, type DbSnapshot } from "./db.js";
import { applyOp, type JournalOp } from "./journalOps.js";

/** The first line of a journal: the snapshot generation its entries apply to. */
interface JournalHeader {
  chatcube_journal: 1;
  generation: number;
}

/** What a data file and its journal held when the server started. */
export interface StoredState {
  db: Db;
  /** Generation of the snapshot (0 before the first compaction). */
  generation: number;
  /** Size of the snapshot file in bytes (0 when there is none). */
  snapshotBytes: number;
  /** Bytes of the journal that are whole and belong to this snapshot; null when there is no usable journal. */
  journalBytes: number | null;
}

/** Journal writes return once the data is on disk (O_DSYNC): one system call per commit instead of write + fdatasync. */
const APPEND_DURABLY = constants.O_RDWR | constants.O_DSYNC;

/** The journal that goes with a data file. */
const journalPath = (file: string): string => `${file}.journal`;

/**
 * Reads a data file (a snapshot) and replays its journal. A journal written for an older snapshot (a
 * compaction stopped between its two renames) is ignored: the snapshot already holds it. A torn last line
 * (a kill during an append that was never acknowledged) is dropped; damage anywhere else is an error.
 */
export function readState(file: string): StoredState {
  let db = new Db();
  let generation = 0;
  let snapshotBytes = 0;
  if (existsSync(file)) {
    const text = readFileSync(file, "utf8");
    snapshotBytes = Buffer.byteLength(text);
    let data: DbSnapshot & { generation?: number };
    try {
      data = JSON.parse(text) as DbSnapshot & { generation?: number };
    } catch (cause) {
      throw new Error(`chatcube-server: the data file ${file} is not valid JSON`, { cause });
    }
    if (data.version !== 1)
      throw new Error(`chatcube-server: the data file ${file} has unknown version ${String(data.version)}`);
    db = Db.fromSnapshot(data);
    generation = data.generation ?? 0;
  }
  const path = journalPath(file);
  if (!existsSync(path)) return { db, generation, snapshotBytes, journalBytes: null };
  const text = readFileSync(path, "utf8");
  const firstEnd = text.indexOf("\n");
  const header = firstEnd < 0 ? null : parseLine<JournalHeader>(text.slice(0, firstEnd));
  if (header?.chatcube_journal !== 1) throw new Error(`chatcube-server: ${path} is not a chatcube journal`);
  if (header.generation !== generation) return { db, generation, snapshotBytes, journalBytes: null };
  let start = firstEnd + 1;
  let line = 1;
  while (start < text.length) {
    const end = text.indexOf("\n", start);
    const ops = end < 0 ? null : parseLine<JournalOp[]>(text.slice(start, end));
    line++;
    if (!ops) {
      if (end < 0 || end === text.length - 1) break; // the torn tail of an unacknowledged append
      throw new Error(`chatcube-server: ${path} is damaged at line ${line}`);
    }
    for (const op of ops) applyOp(db, op);
    start = end + 1;
  }
  return { db, generation, snapshotBytes, journalBytes: Buffer.byteLength(text.slice(0, start)) };
}

function parseLine<T>(line: string): T | null {
  try {
    return JSON.parse(line) as T;
  } catch {
    return null;
  }
}

/** Writes the whole database as snapshot `generation`: temp file, fsync, rename, directory fsync. Returns its size. */
export async function writeSnapshot(file: string, db: Db, generation: number): Promise<number> {
  const text = JSON.stringify({ ...db.snapshot(), generation });
  await replaceAtomically(file, text);
  return Buffer.byteLength(text);
}

/** Starts an empty journal for snapshot `generation` (atomically, like a snapshot) and opens it for appending. */
export async function createJournal(file: string, generation: number): Promise<{ handle: FileHandle; bytes: number }> {
  const header = `${JSON.stringify({ chatcube_journal: 1, generation } satisfies JournalHeader)}\n`;
  await replaceAtomically(journalPath(file), header);
  return { handle: await open(journalPath(file), APPEND_DURABLY), bytes: Buffer.byteLength(header) };
}

/** Opens an existing journal for appending after its last whole line (a torn tail is cut off). */
export async function reopenJournal(file: string, bytes: number): Promise<FileHandle> {
  const handle = await open(journalPath(file), APPEND_DURABLY);
  await handle.truncate(bytes);
  await handle.sync();
  return handle;
}

async function replaceAtomically(path: string, text: string): Promise<void> {
  // Unique per call: two servers of one process (a restart in a test) must not share a temporary file.
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    const handle = await open(tmp, "w");
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => {});
    throw error;
  }
  await syncDir(dirname(path));
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
