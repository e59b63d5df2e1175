import { describe, expect, it } from "@jest/globals";
import { DialogType } from "../../src/index.js";
import { createTestUser } from "../helpers/chatTestUsers.js";
import { onlineClient, valueOf } from "../helpers/clients.js";
import { serverPerFile } from "../helpers/serverPerFile.js";

/** The API's shapes as the guides use them: consistent ids and arguments, and a way to await a send's outcome. */

const fx = serverPerFile();

async function signedIn() {
  const [aliceUser, bobUser] = [await createTestUser(fx.server, "alice"), await createTestUser(fx.server, "bob")];
  const alice = await onlineClient(fx.server, aliceUser);
  fx.clients.push(alice);
  return { alice, aliceUser, bobUser };
}

describe("API shapes", () => {
  it("a public dialog needs no occupants; a private one without them is a validation error, not a TypeError", async () => {
    const { alice } = await signedIn();
    const lobby = await alice.dialogs.create({ type: DialogType.PUBLIC, name: "Lobby" });
    expect(lobby).toMatchObject({ type: DialogType.PUBLIC, name: "Lobby" });
    await expect(alice.dialogs.create({ type: DialogType.PRIVATE })).rejects.toMatchObject({ code: "validation" });
  });

  it("send() resolves once durable; its `settled` resolves when the server has it, and rejects when it is given up", async () => {
    const { alice, bobUser } = await signedIn();
    const dialog = await alice.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobUser.id] });
    const sent = await alice.messages.send(dialog.id, { body: "hello" });
    expect(sent.status).toBe("pending");
    expect(await sent.settled).toMatchObject({ id: sent.id, status: "sent" });

    await alice.connection.disconnect();
    const queued = await alice.messages.send(dialog.id, { body: "never mind" });
    await alice.messages.cancel(queued.id);
    await expect(queued.settled).rejects.toMatchObject({ code: "cancelled" });
  });

  it("files.remove takes an attachment's id; listReactions takes the dialog like react and removeReaction", async () => {
    const { alice, bobUser } = await signedIn();
    const dialog = await alice.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobUser.id] });
    const file = await alice.files.upload({
      file: new TextEncoder().encode("hi"),
      name: "a.txt",
      contentType: "text/plain",
    });
    const message = await alice.messages.send(dialog.id, {
      attachments: [{ type: "file", id: String(file.id), uid: file.uid }],
    });
    await message.settled;
    await alice.files.remove(message.attachments[0].id!);
    await expect(alice.files.remove("not-an-id")).rejects.toMatchObject({ code: "validation" });

    await alice.messages.react(dialog.id, message.id, "👍");
    await valueOf(alice.outbox, (o) => o.length === 0, "the reaction to go out");
    expect(await alice.messages.listReactions(dialog.id, message.id)).toEqual({ "👍": [alice.session.get()!.user.id] });
  });
});
