import { describe, expect, it } from "@jest/globals";
import { type ChatClient, type ChatError, DialogType } from "../../src/index.js";
import { createTestUser, sessionToken, type TestUser, waitFor } from "../helpers/chatTestUsers.js";
import { onlineClient, valueOf } from "../helpers/clients.js";
import { serverPerFile } from "../helpers/serverPerFile.js";

const fixture = serverPerFile();
const { clients } = fixture;

async function online(user: TestUser): Promise<ChatClient> {
  const client = await onlineClient(fixture.server, user);
  clients.push(client);
  return client;
}
const bytes = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7) % 256));

describe("client.files against the real server", () => {
  it("uploads a private file with progress and downloads it with the token; a public one needs none", async () => {
    const alice = await online(await createTestUser(fixture.server, "alice"));
    const file = bytes(300_000);
    const progress: number[] = [];
    const uploaded = await alice.files.upload(file, {
      name: "photo.png",
      contentType: "image/png",
      onProgress: (p) => progress.push(p.loaded),
    });
    expect(uploaded).toMatchObject({
      name: "photo.png",
      contentType: "image/png",
      size: 300_000,
      public: false,
      url: `${fixture.server.apiUrl}/blobs/${uploaded.uid}`,
    });
    expect(progress[0]).toBe(0);
    expect(progress[progress.length - 1]).toBe(300_000);
    expect(progress.length).toBeGreaterThan(3);
    expect((await fetch(uploaded.url)).status).toBe(401);
    const download = await fetch(alice.files.url(uploaded.uid));
    expect(Buffer.from(await download.arrayBuffer()).equals(file)).toBe(true);

    const open = await alice.files.upload(new Blob(["hello"], { type: "text/plain" }), {
      name: "hi.txt",
      public: true,
    });
    expect(await (await fetch(alice.files.url(open))).text()).toBe("hello");
    expect(alice.files.url(open)).toBe(open.url);
  });

  it("cancels an upload: rejects with `cancelled` and the half-made blob is deleted", async () => {
    const alice = await online(await createTestUser(fixture.server, "alice"));
    const controller = new AbortController();
    const before = fixture.server.context.db.blobs.size;
    const error = await alice.files
      .upload(bytes(4_000_000), {
        name: "big.bin",
        signal: controller.signal,
        onProgress: (p) => (p.loaded > 0 ? controller.abort() : undefined),
      })
      .catch((e: ChatError) => e);
    expect(error).toMatchObject({ code: "cancelled" });
    await waitFor(() => fixture.server.context.db.blobs.size === before, 3000, "the blob to be deleted");
  });

  it("send with files: pending while uploading, then sent with the attachment; the peer downloads it", async () => {
    const [aliceUser, bobUser] = [
      await createTestUser(fixture.server, "alice"),
      await createTestUser(fixture.server, "bob"),
    ];
    const [alice, bob] = [await online(aliceUser), await online(bobUser)];
    const dialog = await alice.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobUser.id] });
    const statuses: string[] = [];
    alice.messages.forDialog(dialog.id).subscribe((w) => {
      const status = w.items.find((m) => m.body === "look")?.status;
      if (status && statuses[statuses.length - 1] !== status) statuses.push(status);
    });
    const sawProgress: number[] = [];
    alice.files.progress.subscribe((all) => Object.values(all).forEach((p) => sawProgress.push(p.loaded)));
    const message = await alice.messages.send(dialog.id, {
      body: "look",
      files: [{ file: bytes(200_000), name: "cat.jpg", contentType: "image/jpeg" }],
    });
    expect(message.attachments).toEqual([{ type: "image", name: "cat.jpg", contentType: "image/jpeg", size: 200_000 }]);
    const sent = await valueOf(
      alice.messages.forDialog(dialog.id),
      (w) =>
        w.items.find((m) => m.id === message.id)?.status === "sent" ||
        w.items.find((m) => m.id === message.id)?.status === "delivered",
      "sent",
    );
    const attachment = sent.items.find((m) => m.id === message.id)!.attachments[0];
    expect(attachment).toMatchObject({
      type: "image",
      name: "cat.jpg",
      contentType: "image/jpeg",
      size: 200_000,
      uid: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(statuses[0]).toBe("pending"); // then sent (or delivered straight away, when bob's marker beats the ack)
    expect(statuses).not.toContain("failed");
    expect(sawProgress.length).toBeGreaterThan(0);
    expect(alice.files.progress.get()).toEqual({});

    const atBob = await valueOf(
      bob.messages.forDialog(dialog.id),
      (w) => w.items.some((m) => m.id === message.id),
      "bob receives it",
    );
    const got = atBob.items.find((m) => m.id === message.id)!.attachments[0];
    expect(got).toMatchObject({ uid: attachment.uid, type: "image" });
    const file = await fetch(bob.files.url(got));
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes(200_000))).toBe(true);
  });

  it("cancelling a message while its file uploads aborts the upload and removes the message", async () => {
    const [aliceUser, bobUser] = [
      await createTestUser(fixture.server, "alice"),
      await createTestUser(fixture.server, "bob"),
    ];
    const alice = await online(aliceUser);
    const dialog = await alice.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobUser.id] });
    const blobs = fixture.server.context.db.blobs.size;
    const message = await alice.messages.send(dialog.id, {
      files: [{ file: Buffer.alloc(6_000_000, 1), name: "big.bin" }],
    });
    await valueOf(alice.files.progress, (all) => (all[message.id]?.loaded ?? 0) > 0, "the upload under way");
    await alice.messages.cancel(message.id);
    expect(alice.outbox.get()).toEqual([]);
    expect(
      alice.messages
        .forDialog(dialog.id)
        .get()
        .items.some((m) => m.id === message.id),
    ).toBe(false);
    await waitFor(() => fixture.server.context.db.blobs.size === blobs, 3000, "the half-made blob to be deleted");
  });

  it("a message with files written offline waits in the outbox with its files, and goes out on connect", async () => {
    const [aliceUser, bobUser] = [
      await createTestUser(fixture.server, "alice"),
      await createTestUser(fixture.server, "bob"),
    ];
    const [alice, bob] = [await online(aliceUser), await online(bobUser)];
    const dialog = await alice.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobUser.id] });
    await alice.connection.disconnect();
    const message = await alice.messages.send(dialog.id, {
      files: [new Blob(["offline bytes"], { type: "text/plain" })],
    });
    expect(alice.outbox.get()).toEqual([
      expect.objectContaining({
        messageId: message.id,
        state: "queued",
        uploads: [expect.objectContaining({ name: "file-1", done: null })],
      }),
    ]);
    expect(message.status).toBe("pending");
    await alice.connection.connect();
    await valueOf(alice.outbox, (o) => o.length === 0, "the outbox to drain");
    const atBob = await valueOf(
      bob.messages.forDialog(dialog.id),
      (w) => w.items.some((m) => m.id === message.id),
      "bob receives it",
    );
    expect(atBob.items.find((m) => m.id === message.id)!.attachments).toEqual([
      expect.objectContaining({ type: "file", name: "file-1", contentType: "text/plain", size: 13 }),
    ]);
  });
});

describe("client.search against the real server", () => {
  it("finds messages and dialogs by text; bad parameters are refused before any request", async () => {
    const [aliceUser, bobUser] = [
      await createTestUser(fixture.server, "alice"),
      await createTestUser(fixture.server, "bob"),
    ];
    const alice = await online(aliceUser);
    const project = await alice.dialogs.create({
      type: DialogType.GROUP,
      name: "Project Apollo",
      occupantIds: [bobUser.id],
    });
    const other = await alice.dialogs.create({ type: DialogType.GROUP, name: "Other", occupantIds: [bobUser.id] });
    await alice.messages.send(project.id, { body: "the Apollo launch is at noon" });
    await alice.messages.send(other.id, { body: "Apollo elsewhere" });
    await valueOf(alice.outbox, (o) => o.length === 0, "sent");

    const found = await alice.search("Apollo");
    expect(found.dialogs.map((d) => d.id)).toEqual([project.id]);
    expect(found.messages.map((m) => m.body).sort()).toEqual(["Apollo elsewhere", "the Apollo launch is at noon"]);
    expect(found.users.map((u) => u.id).sort()).toEqual([aliceUser.id, bobUser.id].sort());
    const scoped = await alice.search("Apollo", {
      dialogIds: [project.id],
      startDate: Date.now() + 1000,
      endDate: Date.now() - 60_000,
      limit: 10,
    });
    expect(scoped.messages.map((m) => m.body)).toEqual(["the Apollo launch is at noon"]);

    await expect(alice.search("Apo")).rejects.toMatchObject({
      code: "validation",
      details: { fields: { search_text: expect.any(Array) } },
    });
    const ids = Array.from({ length: 11 }, (_, i) => i.toString(16).padStart(24, "0"));
    await expect(alice.search("Apollo", { dialogIds: ids, limit: 500 })).rejects.toMatchObject({
      details: { fields: { chat_dialog_ids: expect.any(Array), limit: expect.any(Array) } },
    });
    await expect(
      alice.search("Apollo", { startDate: Date.now(), endDate: Date.now() - 200 * 86_400_000 }),
    ).rejects.toMatchObject({ details: { fields: { end_date: expect.any(Array) } } });
  });
});

describe("public dialogs, admins, pinned messages, notifications against the real server", () => {
  it("subscribe and page occupants; owner-only admins (at most 5); pin and unpin; notification settings", async () => {
    const users = await Promise.all(Array.from({ length: 8 }, (_, i) => createTestUser(fixture.server, `u${i}`)));
    const owner = await online(users[0]);
    const lobby = await owner.dialogs.create({ type: DialogType.PUBLIC, name: "Lobby", occupantIds: [] });
    const fan = await online(users[1]);
    await fan.dialogs.subscribePublic(lobby.id);
    for (const user of users.slice(2)) {
      await fetch(`${fixture.server.apiUrl}/chat/Dialog/${lobby.id}/subscribe.json`, {
        method: "POST",
        headers: { "CB-Token": await sessionToken(fixture.server, user) },
      });
    }
    const pager = fan.dialogs.occupants(lobby.id, { pageSize: 3 });
    await valueOf(pager, (p) => !p.loading && p.items.length === 3, "first page");
    while (pager.get().hasMore) await pager.loadMore();
    expect(pager.get().items.map((u) => u.id)).toEqual(users.map((u) => u.id));

    await expect(fan.dialogs.addAdmins(lobby.id, [users[2].id])).rejects.toMatchObject({ code: "forbidden" });
    const withAdmins = await owner.dialogs.addAdmins(
      lobby.id,
      users.slice(1, 6).map((u) => u.id),
    );
    expect(withAdmins.adminIds).toEqual(users.slice(1, 6).map((u) => u.id));
    await expect(owner.dialogs.addAdmins(lobby.id, [users[6].id])).rejects.toMatchObject({ code: "validation" });
    const fewer = await owner.dialogs.removeAdmins(lobby.id, [users[5].id]);
    expect(fewer.adminIds).toHaveLength(4);
    expect(owner.dialogs.get(lobby.id).get()?.adminIds).toHaveLength(4);

    const message = await owner.messages.send(lobby.id, { body: "pin me" });
    await valueOf(owner.outbox, (o) => o.length === 0, "sent");
    const pinned = await owner.dialogs.pin(lobby.id, [message.id]);
    expect(pinned.pinnedMessageIds).toEqual([message.id]);
    await valueOf(
      fan.dialogs.get(lobby.id),
      (d) => d?.pinnedMessageIds.includes(message.id) === true,
      "the fan's copy shows the pin",
    );
    expect((await owner.dialogs.unpin(lobby.id, [message.id])).pinnedMessageIds).toEqual([]);

    expect(await fan.dialogs.notifications.get(lobby.id)).toBe(true);
    const setting = fan.dialogs.notifications.forDialog(lobby.id);
    expect(setting.get()).toBe(true);
    expect(await fan.dialogs.notifications.set(lobby.id, false)).toBe(false);
    expect(setting.get()).toBe(false);
    expect(await fan.dialogs.notifications.get(lobby.id)).toBe(false);
    await fan.dialogs.unsubscribePublic(lobby.id);
    await expect(fan.dialogs.notifications.set(lobby.id, true)).rejects.toMatchObject({ code: "forbidden" });
    expect(setting.get()).toBe(false); // rolled back
  });
});
