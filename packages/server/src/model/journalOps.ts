import type { ChangeKind, Db } from "./db.js";
import type { CustomObjectRecord } from "./types.js";

/**
 * One journal entry: the whole current value of a record (`v`), or its removal (no `v`). Whole records are
 * written, never field diffs, so a field added to a record type is carried without touching this file.
 */
export interface JournalOp {
  k: ChangeKind | "counters";
  id: string;
  v?: unknown;
}

/** The id counters of the database, written whenever one of them moved. */
export interface Counters {
  nextUserId: number;
  nextSessionId: number;
  nextBlobId: number;
  nextPushId: number;
  nextSubscriptionId: number;
}

/** The counters as they are now. */
export function countersOf(db: Db): Counters {
  return {
    nextUserId: db.nextUserId,
    nextSessionId: db.nextSessionId,
    nextBlobId: db.nextBlobId,
    nextPushId: db.nextPushId,
    nextSubscriptionId: db.nextSubscriptionId,
  };
}

/** The current value of a named record, or undefined when it is gone. */
export function currentValue(db: Db, kind: ChangeKind, key: string): unknown {
  switch (kind) {
    case "user":
      return db.users.get(Number(key));
    case "session":
      return db.sessions.get(key);
    case "dialog":
      return db.dialogs.get(key);
    case "message":
      return db.messages.get(key);
    case "blob":
      return db.blobs.get(Number(key));
    case "blobData":
      return db.blobData.get(key)?.toString("base64");
    case "privacy":
      return db.privacy.get(Number(key));
    case "roster": {
      const items = db.roster.get(Number(key));
      return items ? [...items.values()] : undefined;
    }
    case "lastSeen":
      return db.lastSeen.get(Number(key));
    case "offline":
      return db.offline.get(Number(key));
    case "push": {
      const id = Number(key);
      // Recent alerts are at the end; an alert already trimmed away needs no entry.
      for (let i = db.pushes.length - 1; i >= 0; i--) if (db.pushes[i].id === id) return db.pushes[i];
      return undefined;
    }
    case "object": {
      const [className, id] = key.split("/");
      return db.customObjects.get(className)?.get(id);
    }
    case "subscription":
      return db.subscriptions.get(Number(key));
  }
}

/** Applies one journal entry to the database (when replaying the journal on start). */
export function applyOp(db: Db, op: JournalOp): void {
  const { k: kind, id, v: value } = op;
  const gone = value === undefined;
  switch (kind) {
    case "counters":
      Object.assign(db, value as Counters);
      return;
    case "user": {
      const existing = db.users.get(Number(id));
      if (gone) return db.removeUser(Number(id));
      if (!existing) return db.addUser(value as never);
      const previous = { login: existing.login, email: existing.email };
      replaceFields(existing, value);
      return db.reindexUser(existing, previous);
    }
    case "session":
      if (gone) db.sessions.delete(id);
      else db.sessions.set(id, value as never);
      return;
    case "dialog": {
      const existing = db.dialogs.get(id);
      if (gone) return db.removeDialog(id);
      if (existing) replaceFields(existing, value);
      else db.addDialog(value as never);
      return;
    }
    case "message": {
      const existing = db.messages.get(id);
      if (gone) return db.removeMessage(id);
      if (existing) replaceFields(existing, value);
      else db.addMessage(value as never);
      return;
    }
    case "blob":
      if (gone) db.removeBlob(Number(id));
      else if (db.blobs.has(Number(id))) replaceFields(db.blobs.get(Number(id))!, value);
      else db.addBlob(value as never);
      return;
    case "blobData":
      if (gone) db.blobData.delete(id);
      else db.blobData.set(id, Buffer.from(value as string, "base64"));
      return;
    case "privacy":
      return setOrDelete(db.privacy, Number(id), value);
    case "roster":
      if (gone) db.roster.delete(Number(id));
      else
        db.roster.set(
          Number(id),
          new Map((value as Array<{ userId: number }>).map((item) => [item.userId, item as never])),
        );
      return;
    case "lastSeen":
      return setOrDelete(db.lastSeen, Number(id), value);
    case "offline":
      return setOrDelete(db.offline, Number(id), value);
    case "push": {
      // A compaction may already hold an alert whose entry follows it; alerts come in id order.
      const last = db.pushes[db.pushes.length - 1];
      if (!gone && (!last || last.id < Number(id))) db.addPush(value as never);
      return;
    }
    case "object": {
      const [className, recordId] = id.split("/");
      const existing = db.customObjects.get(className)?.get(recordId);
      if (gone) {
        if (existing) db.removeCustomObject(existing);
      } else db.putCustomObject(value as CustomObjectRecord);
      return;
    }
    case "subscription":
      if (gone) db.removeSubscription(Number(id));
      else db.putSubscription(value as never);
      return;
  }
}

function setOrDelete<V>(map: Map<number, V>, key: number, value: unknown): void {
  if (value === undefined) map.delete(key);
  else map.set(key, value as V);
}

/** Makes `target` hold exactly the fields of `value`, keeping its identity (indexes point at it). */
function replaceFields(target: object, value: unknown): void {
  const record = target as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!Object.hasOwn(value as object, key)) delete record[key];
  Object.assign(record, value);
}
