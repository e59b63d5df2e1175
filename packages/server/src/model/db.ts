import type {
  BlobRecord,
  CustomObjectRecord,
  DialogRecord,
  MessageRecord,
  PrivacyRecord,
  PushRecord,
  RosterItem,
  SessionRecord,
  SubscriptionRecord,
  UserRecord,
} from "./types.js";

/** Everything the server knows, as plain JSON-able data (the persisted form). */
export interface DbSnapshot {
  version: 1;
  nextUserId: number;
  nextSessionId: number;
  nextBlobId: number;
  nextPushId: number;
  users: UserRecord[];
  sessions: SessionRecord[];
  dialogs: DialogRecord[];
  messages: MessageRecord[];
  blobs: BlobRecord[];
  blobData: Record<string, string>;
  privacy: Record<string, PrivacyRecord>;
  roster: Record<string, RosterItem[]>;
  lastSeen: Record<string, number>;
  pushes: PushRecord[];
  offline: Record<string, string[]>;
  nextSubscriptionId?: number;
  customObjects?: CustomObjectRecord[];
  subscriptions?: SubscriptionRecord[];
}

/** The kinds of record a change can name; persistence writes the named records (see `changed`). */
export type ChangeKind =
  | "user"
  | "session"
  | "dialog"
  | "message"
  | "blob"
  | "blobData"
  | "privacy"
  | "roster"
  | "lastSeen"
  | "offline"
  | "push"
  | "object"
  | "subscription";

/** How many recorded chat alerts `/_dev/pushes` keeps. */
const MAX_PUSHES = 10_000;
/** How many client signals (`Db.clientSignals`) are kept. */
const MAX_CLIENT_SIGNALS = 10_000;

/** A signal a client sent about its user (kept in memory only, for tests and demos to check what arrived). */
export interface ClientSignalRecord {
  user_id: number;
  /** `active`/`inactive`: the mobile v2 iq; `displayed`: a read marker (`message_id` names the message). */
  kind: "active" | "inactive" | "displayed";
  message_id: string | null;
  at: number;
}

/**
 * The in-memory database: maps keyed by id plus the few indexes the hot paths need.
 * Every mutation goes through a method or is followed by `changed(kind, key)`, so persistence knows what to write.
 */
export class Db {
  nextUserId = 1;
  nextSessionId = 1;
  nextBlobId = 1;
  nextPushId = 1;
  /** The arrival sequence number the next stored message gets. */
  nextMessageSeq = 1;
  nextSubscriptionId = 1;
  readonly users = new Map<number, UserRecord>();
  readonly usersByLogin = new Map<string, UserRecord>();
  readonly usersByEmail = new Map<string, UserRecord>();
  readonly sessions = new Map<string, SessionRecord>();
  readonly dialogs = new Map<string, DialogRecord>();
  readonly messages = new Map<string, MessageRecord>();
  /** Messages of each dialog in insertion order (which is `date_sent` order for live traffic). */
  readonly messagesByDialog = new Map<string, MessageRecord[]>();
  /** The private dialog of each pair of users, keyed "min:max". */
  readonly privateByPair = new Map<string, string>();
  readonly blobs = new Map<number, BlobRecord>();
  readonly blobsByUid = new Map<string, BlobRecord>();
  readonly blobData = new Map<string, Buffer>();
  readonly privacy = new Map<number, PrivacyRecord>();
  readonly roster = new Map<number, Map<number, RosterItem>>();
  readonly lastSeen = new Map<number, number>();
  readonly pushes: PushRecord[] = [];
  /** Activity changes and read markers as clients sent them, the latest `MAX_CLIENT_SIGNALS` (not persisted). */
  readonly clientSignals: ClientSignalRecord[] = [];
  /** Stanzas (serialised, with `<delay>`) kept for users who were offline, delivered when they come online. */
  readonly offline = new Map<number, string[]>();
  /** Custom objects: class name → id → record. */
  readonly customObjects = new Map<string, Map<string, CustomObjectRecord>>();
  readonly subscriptions = new Map<number, SubscriptionRecord>();
  private readonly listeners = new Set<() => void>();
  /** Counts changes: a journal knows which of them are on disk. */
  version = 0;
  /** While true (a journal is attached), named changes are collected in `pending` until taken. */
  tracking = false;
  /** Records changed since the last `takePending()`: "kind key" → [kind, key]. */
  private pending = new Map<string, [ChangeKind, string]>();
  /** True when a change did not name its record: the next write must cover everything. */
  private pendingEverything = false;

  /** Registers a callback run after every change (persistence uses it). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Tells listeners that the data changed. `kind` and `key` name the record that changed (or went away), so a
   * journal writes just that record; a change that names nothing makes the next write a whole snapshot.
   */
  changed(kind?: ChangeKind, key?: string | number): void {
    this.version++;
    if (this.tracking) {
      if (kind === undefined || key === undefined) this.pendingEverything = true;
      else this.pending.set(`${kind} ${key}`, [kind, String(key)]);
    }
    for (const listener of this.listeners) listener();
  }

  /** True when changes wait to be written. */
  hasPending(): boolean {
    return this.pendingEverything || this.pending.size > 0;
  }

  /** The changes collected since the last call (and whether one named nothing), forgetting them. */
  takePending(): { records: Array<[ChangeKind, string]>; everything: boolean } {
    const taken = { records: [...this.pending.values()], everything: this.pendingEverything };
    this.pending = new Map();
    this.pendingEverything = false;
    return taken;
  }

  addUser(user: UserRecord): void {
    this.users.set(user.id, user);
    if (user.login) this.usersByLogin.set(user.login.toLowerCase(), user);
    if (user.email) this.usersByEmail.set(user.email.toLowerCase(), user);
    this.changed("user", user.id);
  }

  /** Re-indexes a user whose login or email changed. */
  reindexUser(user: UserRecord, previous: { login: string | null; email: string | null }): void {
    if (previous.login) this.usersByLogin.delete(previous.login.toLowerCase());
    if (previous.email) this.usersByEmail.delete(previous.email.toLowerCase());
    if (user.login) this.usersByLogin.set(user.login.toLowerCase(), user);
    if (user.email) this.usersByEmail.set(user.email.toLowerCase(), user);
    this.changed("user", user.id);
  }

  removeUser(id: number): void {
    const user = this.users.get(id);
    if (!user) return;
    this.users.delete(id);
    if (user.login) this.usersByLogin.delete(user.login.toLowerCase());
    if (user.email) this.usersByEmail.delete(user.email.toLowerCase());
    for (const [token, session] of this.sessions) {
      if (session.user_id !== id) continue;
      this.sessions.delete(token);
      this.changed("session", token);
    }
    for (const subscription of this.subscriptionsOf(id)) this.removeSubscription(subscription.id);
    this.changed("user", id);
  }

  addDialog(dialog: DialogRecord): void {
    this.dialogs.set(dialog._id, dialog);
    if (!this.messagesByDialog.has(dialog._id)) this.messagesByDialog.set(dialog._id, []);
    if (dialog.type === 3 && dialog.occupants_ids.length === 2) {
      this.privateByPair.set(pairKey(dialog.occupants_ids[0], dialog.occupants_ids[1]), dialog._id);
    }
    this.changed("dialog", dialog._id);
  }

  removeDialog(id: string): void {
    const dialog = this.dialogs.get(id);
    if (!dialog) return;
    this.dialogs.delete(id);
    for (const message of this.messagesByDialog.get(id) ?? []) {
      this.messages.delete(message._id);
      this.changed("message", message._id);
    }
    this.messagesByDialog.delete(id);
    if (dialog.type === 3 && dialog.occupants_ids.length === 2) {
      const key = pairKey(dialog.occupants_ids[0], dialog.occupants_ids[1]);
      if (this.privateByPair.get(key) === id) this.privateByPair.delete(key);
    }
    this.changed("dialog", id);
  }

  /** The private dialog between two users, if there is one. */
  privateDialogOf(a: number, b: number): DialogRecord | undefined {
    const id = this.privateByPair.get(pairKey(a, b));
    return id ? this.dialogs.get(id) : undefined;
  }

  /** Takes the next arrival sequence number for a new message. */
  takeMessageSeq(): number {
    return this.nextMessageSeq++;
  }

  addMessage(message: MessageRecord): void {
    if (!(message.seq > 0))
      message.seq = this.takeMessageSeq(); // a record from a file written before `seq` existed
    else if (message.seq >= this.nextMessageSeq) this.nextMessageSeq = message.seq + 1;
    this.messages.set(message._id, message);
    let list = this.messagesByDialog.get(message.chat_dialog_id);
    if (!list) this.messagesByDialog.set(message.chat_dialog_id, (list = []));
    // Keep the per-dialog list ordered by date_sent, ties in arrival order: live traffic appends, out-of-order dates
    // insert after every message of the same second.
    if (list.length === 0 || list[list.length - 1].date_sent <= message.date_sent) list.push(message);
    else {
      let i = list.length - 1;
      while (i >= 0 && list[i].date_sent > message.date_sent) i--;
      list.splice(i + 1, 0, message);
    }
    this.changed("message", message._id);
  }

  removeMessage(id: string): void {
    const message = this.messages.get(id);
    if (!message) return;
    this.messages.delete(id);
    const list = this.messagesByDialog.get(message.chat_dialog_id);
    if (list) {
      const index = list.indexOf(message);
      if (index >= 0) list.splice(index, 1);
    }
    this.changed("message", id);
  }

  addBlob(blob: BlobRecord): void {
    this.blobs.set(blob.id, blob);
    this.blobsByUid.set(blob.uid, blob);
    this.changed("blob", blob.id);
  }

  removeBlob(id: number): void {
    const blob = this.blobs.get(id);
    if (!blob) return;
    this.blobs.delete(id);
    this.blobsByUid.delete(blob.uid);
    this.blobData.delete(blob.uid);
    this.changed("blob", id);
    this.changed("blobData", blob.uid);
  }

  /** Adds or replaces a custom object. */
  putCustomObject(record: CustomObjectRecord): void {
    let records = this.customObjects.get(record.class_name);
    if (!records) this.customObjects.set(record.class_name, (records = new Map()));
    records.set(record._id, record);
    this.changed("object", `${record.class_name}/${record._id}`);
  }

  removeCustomObject(record: CustomObjectRecord): void {
    this.customObjects.get(record.class_name)?.delete(record._id);
    this.changed("object", `${record.class_name}/${record._id}`);
  }

  putSubscription(subscription: SubscriptionRecord): void {
    this.subscriptions.set(subscription.id, subscription);
    this.changed("subscription", subscription.id);
  }

  removeSubscription(id: number): void {
    if (this.subscriptions.delete(id)) this.changed("subscription", id);
  }

  /** The push subscriptions of a user, oldest first. */
  subscriptionsOf(userId: number): SubscriptionRecord[] {
    return [...this.subscriptions.values()].filter((subscription) => subscription.user_id === userId);
  }

  /** Records a chat alert; only the latest `MAX_PUSHES` are kept. */
  addPush(push: PushRecord): void {
    this.pushes.push(push);
    if (this.pushes.length > MAX_PUSHES) this.pushes.splice(0, this.pushes.length - MAX_PUSHES);
    this.changed("push", push.id);
  }

  /** Records a client signal (not persisted; only the latest `MAX_CLIENT_SIGNALS` are kept). */
  addClientSignal(signal: ClientSignalRecord): void {
    this.clientSignals.push(signal);
    if (this.clientSignals.length > MAX_CLIENT_SIGNALS)
      this.clientSignals.splice(0, this.clientSignals.length - MAX_CLIENT_SIGNALS);
  }

  /** The roster of a user, created on first use. */
  rosterOf(userId: number): Map<number, RosterItem> {
    let roster = this.roster.get(userId);
    if (!roster) this.roster.set(userId, (roster = new Map()));
    return roster;
  }

  /** The privacy lists of a user, created on first use. */
  privacyOf(userId: number): PrivacyRecord {
    let record = this.privacy.get(userId);
    if (!record) this.privacy.set(userId, (record = { lists: {}, defaultName: null }));
    return record;
  }

  /** The whole state as JSON-able data. */
  snapshot(): DbSnapshot {
    const blobData: Record<string, string> = {};
    for (const [uid, data] of this.blobData) blobData[uid] = data.toString("base64");
    const roster: Record<string, RosterItem[]> = {};
    for (const [userId, items] of this.roster) roster[userId] = [...items.values()];
    return {
      version: 1,
      nextUserId: this.nextUserId,
      nextSessionId: this.nextSessionId,
      nextBlobId: this.nextBlobId,
      nextPushId: this.nextPushId,
      users: [...this.users.values()],
      sessions: [...this.sessions.values()],
      dialogs: [...this.dialogs.values()],
      messages: [...this.messages.values()],
      blobs: [...this.blobs.values()],
      blobData,
      privacy: Object.fromEntries(this.privacy),
      roster,
      lastSeen: Object.fromEntries(this.lastSeen),
      pushes: this.pushes,
      offline: Object.fromEntries(this.offline),
      nextSubscriptionId: this.nextSubscriptionId,
      customObjects: [...this.customObjects.values()].flatMap((records) => [...records.values()]),
      subscriptions: [...this.subscriptions.values()],
    };
  }

  /** A database holding what `snapshot()` returned. */
  static fromSnapshot(data: DbSnapshot): Db {
    const db = new Db();
    db.nextUserId = data.nextUserId;
    db.nextSessionId = data.nextSessionId;
    db.nextBlobId = data.nextBlobId;
    db.nextPushId = data.nextPushId ?? 1;
    for (const user of data.users) db.addUser(user);
    for (const session of data.sessions) db.sessions.set(session.token, session);
    for (const dialog of data.dialogs) db.addDialog(dialog);
    // Stable sort: records without `seq` (older files) keep the file's order, which is arrival order.
    const bySentThenArrival = (a: MessageRecord, b: MessageRecord) =>
      a.date_sent - b.date_sent || (a.seq ?? 0) - (b.seq ?? 0);
    for (const message of [...data.messages].sort(bySentThenArrival)) db.addMessage(message);
    for (const blob of data.blobs) db.addBlob(blob);
    for (const [uid, base64] of Object.entries(data.blobData ?? {}))
      db.blobData.set(uid, Buffer.from(base64, "base64"));
    for (const [userId, record] of Object.entries(data.privacy ?? {})) db.privacy.set(Number(userId), record);
    for (const [userId, items] of Object.entries(data.roster ?? {})) {
      db.roster.set(Number(userId), new Map(items.map((item) => [item.userId, item])));
    }
    for (const [userId, at] of Object.entries(data.lastSeen ?? {})) db.lastSeen.set(Number(userId), at);
    db.pushes.push(...(data.pushes ?? []));
    for (const [userId, stanzas] of Object.entries(data.offline ?? {})) db.offline.set(Number(userId), stanzas);
    db.nextSubscriptionId = data.nextSubscriptionId ?? 1;
    for (const record of data.customObjects ?? []) db.putCustomObject(record);
    for (const subscription of data.subscriptions ?? []) db.putSubscription(subscription);
    return db;
  }
}

/** The key of an unordered pair of user ids. */
function pairKey(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}
