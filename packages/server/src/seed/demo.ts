import type { ServerContext } from "../context.js";
import { createDialog } from "../domain/dialogs.js";
import { markRead, saveMessage } from "../domain/messages.js";
import { createUser } from "../domain/users.js";
import { DialogType, type UserRecord } from "../model/types.js";

/** The demo users; every one has the password `password`. */
export const DEMO_USERS = [
  { login: "alice", full_name: "Alice Liddell" },
  { login: "bob", full_name: "Bob Builder" },
  { login: "carol", full_name: "Carol Danvers" },
  { login: "dave", full_name: "Dave Bowman" },
] as const;

/** The demo password. */
export const DEMO_PASSWORD = "password";

/** Fills an empty database with the demo users, a private, a group and a public dialog with some history. */
export function seedDemo(ctx: ServerContext): void {
  const users: Record<string, UserRecord> = {};
  for (const { login, full_name } of DEMO_USERS) {
    users[login] = createUser(ctx, { login, full_name, password: DEMO_PASSWORD });
  }
  const { alice, bob, carol, dave } = users;
  const start = ctx.clock() - 60 * 60 * 1000;
  let minute = 0;
  const say = (dialogId: string, sender: UserRecord, body: string, readBy: UserRecord[] = []) => {
    const dialog = ctx.db.dialogs.get(dialogId)!;
    const { message } = saveMessage(ctx, {
      dialog,
      senderId: sender.id,
      body,
      dateSent: Math.floor((start + minute++ * 60_000) / 1000),
      silent: true,
    });
    for (const reader of readBy) markRead(ctx, message, reader.id);
  };

  const direct = createDialog(ctx, alice, { type: DialogType.PRIVATE, occupants_ids: [bob.id] }).dialog;
  say(direct._id, alice, "Hi Bob! Are we still on for the review tomorrow?", [bob]);
  say(direct._id, bob, "Yes, 10:00 in the small meeting room.", [alice]);
  say(direct._id, alice, "Great, I'll bring the slides.", [bob]);
  say(direct._id, bob, "Perfect. Don't forget the numbers from last week.");

  const team = createDialog(ctx, alice, {
    type: DialogType.GROUP,
    name: "Team chatcube",
    description: "Everything about the chatcube launch",
    occupants_ids: [bob.id, carol.id, dave.id],
  }).dialog;
  say(team._id, alice, "Welcome to the team chat!", [bob, carol, dave]);
  say(team._id, carol, "Thanks! Happy to be here.", [alice, bob, dave]);
  say(team._id, dave, "Has anyone tried the offline mode yet?", [alice]);
  say(team._id, bob, "Yes: I wrote three messages on the train and they all arrived once.");

  const lobby = createDialog(ctx, carol, {
    type: DialogType.PUBLIC,
    name: "Lobby",
    description: "A public dialog anyone can join",
    occupants_ids: [alice.id],
  }).dialog;
  say(lobby._id, carol, "This is a public dialog: subscribe to follow it.", [alice]);
  say(lobby._id, alice, "Hello, lobby!");
}
