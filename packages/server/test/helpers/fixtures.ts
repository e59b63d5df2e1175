import { createDialog } from "../../src/domain/dialogs.js";
import { createSession } from "../../src/domain/sessions.js";
import { createUser } from "../../src/domain/users.js";
import { type DialogRecord, DialogType, type UserRecord } from "../../src/model/types.js";
import type { RunningServer } from "../../src/startServer.js";

let counter = 0;

/** Creates a user directly in the server's database (password `password1`). */
export function makeUser(server: RunningServer, name = "user"): UserRecord {
  counter++;
  return createUser(server.context, {
    login: `${name}${counter}_${process.pid}`,
    password: "password1",
    full_name: name,
  });
}

/** A live session token for a user. */
export function tokenFor(server: RunningServer, user: UserRecord): string {
  return createSession(server.context, user).token;
}

/** Creates a dialog directly in the server's database. */
export function makeDialog(
  server: RunningServer,
  owner: UserRecord,
  type: number,
  others: UserRecord[],
  name = "Room",
): DialogRecord {
  return createDialog(server.context, owner, {
    type,
    occupants_ids: others.map((u) => u.id),
    name: type === DialogType.PRIVATE ? undefined : name,
  }).dialog;
}

/** `{id}-{appId}` as SASL wants it. */
export const authcid = (server: RunningServer, user: UserRecord) => `${user.id}-${server.appId}`;

/** `{id}-{appId}@{domain}` */
export const jidOf = (server: RunningServer, user: UserRecord) => `${user.id}-${server.appId}@${server.domain}`;

/** `{appId}_{dialogId}@muc.{domain}` */
export const roomOf = (server: RunningServer, dialog: DialogRecord) =>
  `${server.appId}_${dialog._id}@muc.${server.domain}`;

/** A fresh 24-hex id. */
export function oid(): string {
  counter++;
  return `${Math.floor(Date.now() / 1000).toString(16)}0000000000${counter.toString(16).padStart(6, "0")}`.slice(0, 24);
}
