import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { type RunningServer, startServer } from "../../src/startServer.js";
import { api, type Client, newClient, signedIn, tokenOf } from "./helpers.js";

let server: RunningServer;
type U = { cc: Client; user: { id: number } };
let owner: U, member: U, stranger: U;
let appToken: string;
/** A private file sent as an attachment in the owner's dialog with `member`. */
let shared: { id: number; uid: string };
/** A private file its owner never sent anywhere. */
let unsent: { id: number; uid: string };
/** A private file sent in a dialog with a third user only. */
let elsewhere: { id: number; uid: string };
const file = Buffer.from("private bytes");

beforeAll(async () => {
  server = await startServer({ port: 0 });
  const third = await signedIn(server, "third");
  [owner, member, stranger] = await Promise.all([
    signedIn(server, "owner"),
    signedIn(server, "member"),
    signedIn(server, "stranger"),
  ]);
  const app = newClient(server);
  await app.createSession();
  appToken = tokenOf(app);
  const upload = async (name: string) => {
    const blob = await owner.cc.storage.createAndUpload({
      file,
      name,
      type: "text/plain",
      size: file.length,
      public: false,
    });
    return { id: blob.id as number, uid: blob.uid as string };
  };
  [shared, unsent, elsewhere] = [await upload("shared.txt"), await upload("unsent.txt"), await upload("elsewhere.txt")];
  const send = (recipient: number, blob: { uid: string }) =>
    owner.cc.chat.message.create({
      recipient_id: recipient,
      message: "file",
      send_to_chat: 1,
      attachments: [{ type: "file", uid: blob.uid }],
    });
  await send(member.user.id, shared);
  await send(third.user.id, elsewhere);
});
afterAll(async () => {
  await server.close();
});

/** Every route that reveals a private file's info or bytes, by numeric id or uid. */
const routes = (blob: { id: number; uid: string }) => [
  { name: "info by id", path: `/blobs/${blob.id}.json` },
  { name: "info by uid", path: `/blobs/${blob.uid}.json` },
  { name: "object by uid", path: `/blobs/${blob.uid}/object.json` },
  { name: "object by id", path: `/blobs/${blob.id}/object.json` },
  { name: "bytes", path: `/blobs/${blob.uid}` },
];

const status = async (path: string, token?: string) => (await api(server, "GET", path, { token })).status;

describe("private files: who reads them", () => {
  test("the owner reads every route of every private file", async () => {
    for (const blob of [shared, unsent, elsewhere]) {
      for (const route of routes(blob))
        expect([route.name, await status(route.path, tokenOf(owner.cc))]).toEqual([route.name, 200]);
    }
  });

  test("a member of a dialog where the file was sent reads its info and bytes", async () => {
    for (const route of routes(shared))
      expect([route.name, await status(route.path, tokenOf(member.cc))]).toEqual([route.name, 200]);
    const bytes = await fetch(`${server.apiUrl}/blobs/${shared.uid}?token=${tokenOf(member.cc)}`);
    expect(Buffer.from(await bytes.arrayBuffer()).equals(file)).toBe(true);
  });

  test("the official SDK's privateUrl works for a dialog member", async () => {
    const response = await fetch(member.cc.storage.privateUrl(shared.uid));
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(file)).toBe(true);
    const info = await member.cc.storage.getInfo(shared.id);
    expect(info.blob).toMatchObject({ id: shared.id, uid: shared.uid });
  });

  test("a non-member gets 404 on every route, by numeric id as by uid", async () => {
    for (const blob of [shared, unsent, elsewhere]) {
      for (const route of routes(blob))
        expect([route.name, await status(route.path, tokenOf(stranger.cc))]).toEqual([route.name, 404]);
    }
    for (const blob of [unsent, elsewhere]) {
      for (const route of routes(blob))
        expect([route.name, await status(route.path, tokenOf(member.cc))]).toEqual([route.name, 404]);
    }
    const viaQuery = await fetch(`${server.apiUrl}/blobs/${shared.uid}?token=${tokenOf(stranger.cc)}`);
    expect(viaQuery.status).toBe(404);
    const body = await viaQuery.text();
    expect(body).not.toContain(shared.uid);
    const followed = await fetch(`${server.apiUrl}/blobs/${shared.uid}/download?token=${tokenOf(stranger.cc)}`);
    expect(followed.status).toBe(404);
  });

  test("an application-only session gets no private file", async () => {
    for (const blob of [shared, unsent]) {
      for (const route of routes(blob))
        expect([route.name, await status(route.path, appToken)]).toEqual([route.name, 404]);
    }
    expect((await fetch(`${server.apiUrl}/blobs/${shared.uid}?token=${appToken}`)).status).toBe(404);
  });

  test("no session: 401 on every route", async () => {
    for (const route of routes(shared)) expect([route.name, await status(route.path)]).toEqual([route.name, 401]);
  });

  test("changing or deleting another user's private file reveals nothing either", async () => {
    const token = tokenOf(stranger.cc);
    expect(
      (await api(server, "PUT", `/blobs/${unsent.id}.json`, { token, json: { blob: { name: "x" } } })).status,
    ).toBe(404);
    expect((await api(server, "DELETE", `/blobs/${unsent.id}.json`, { token })).status).toBe(404);
    expect((await api(server, "PUT", `/blobs/${unsent.id}/complete.json`, { token, json: { size: 1 } })).status).toBe(
      404,
    );
    expect((await api(server, "DELETE", `/blobs/${shared.id}.json`, { token: tokenOf(member.cc) })).status).toBe(403);
    expect(server.context.db.blobs.get(unsent.id)?.name).toBe("unsent.txt");
  });

  test("naming a file in one's own message grants nothing: not by numeric id, nor by a uid the sender could not read", async () => {
    const attachments = [
      { type: "file", id: String(unsent.id) },
      { type: "file", uid: unsent.uid },
      { type: "file", url: `${server.apiUrl}/blobs/${unsent.uid}` },
    ];
    await stranger.cc.chat.message.create({
      recipient_id: member.user.id,
      message: "mine now?",
      send_to_chat: 1,
      attachments,
    });
    for (const reader of [stranger, member]) {
      for (const route of routes(unsent))
        expect([route.name, await status(route.path, tokenOf(reader.cc))]).toEqual([route.name, 404]);
    }
  });

  test("a member who forwards the file passes access on to the members of that dialog", async () => {
    const before = await status(`/blobs/${shared.uid}`, tokenOf(stranger.cc));
    await member.cc.chat.message.create({
      recipient_id: stranger.user.id,
      message: "fwd",
      send_to_chat: 1,
      attachments: [{ type: "file", uid: shared.uid }],
    });
    expect([before, await status(`/blobs/${shared.uid}`, tokenOf(stranger.cc))]).toEqual([404, 200]);
  });

  test("access follows the messages: sending the file grants it, deleting the message for everyone takes it back", async () => {
    const blob = await owner.cc.storage.createAndUpload({
      file,
      name: "later.txt",
      type: "text/plain",
      size: file.length,
      public: false,
    });
    const path = `/blobs/${blob.uid}`;
    expect(await status(path, tokenOf(member.cc))).toBe(404);
    const sent = await owner.cc.chat.message.create({
      recipient_id: member.user.id,
      message: "later",
      send_to_chat: 1,
      attachments: [{ type: "file", id: String(blob.uid) }],
    });
    expect(await status(path, tokenOf(member.cc))).toBe(200);
    await owner.cc.chat.message.delete([sent._id], { force: 1 });
    expect(await status(path, tokenOf(member.cc))).toBe(404);
  });
});
