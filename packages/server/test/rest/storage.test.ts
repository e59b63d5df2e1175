import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { type RunningServer, startServer } from "../../src/startServer.js";
import { api, type Client, rejection, signedIn, tokenOf } from "./helpers.js";

let server: RunningServer;
type U = { cc: Client; user: { id: number } };
let alice: U, bob: U;
beforeAll(async () => {
  server = await startServer({ port: 0 });
  [alice, bob] = await Promise.all([signedIn(server, "alice"), signedIn(server, "bob")]);
});
afterAll(async () => {
  await server.close();
});

const bytes = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31) % 256));

describe("storage", () => {
  test("createAndUpload a private file, then download it with privateUrl", async () => {
    const file = bytes(3000);
    const blob = await alice.cc.storage.createAndUpload({
      file,
      name: "photo.png",
      type: "image/png",
      size: file.length,
      public: false,
    });
    expect(blob).toMatchObject({ name: "photo.png", content_type: "image/png", size: 3000, public: false });
    expect(blob.uid).toMatch(/^[0-9a-f]{32}$/);
    expect(server.context.db.blobs.get(blob.id)?.completed).toBe(true);

    const url = alice.cc.storage.privateUrl(blob.uid);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await response.arrayBuffer()).equals(file)).toBe(true);

    // Another user's live token doesn't (the file was sent to nobody: see blobAccess.test.ts); no token or a dead one
    // doesn't either.
    expect((await fetch(`${server.apiUrl}/blobs/${blob.uid}?token=${tokenOf(bob.cc)}`)).status).toBe(404);
    expect((await fetch(`${server.apiUrl}/blobs/${blob.uid}`)).status).toBe(401);
    expect((await fetch(`${server.apiUrl}/blobs/${blob.uid}?token=nope`)).status).toBe(401);
    const withHeader = await fetch(`${server.apiUrl}/blobs/${blob.uid}`, {
      headers: { "CB-Token": tokenOf(alice.cc) },
    });
    expect(withHeader.status).toBe(200);

    // The documented download path redirects to the file.
    const redirect = await fetch(`${server.apiUrl}/blobs/${blob.uid}/download?token=${tokenOf(alice.cc)}`, {
      redirect: "manual",
    });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get("location")).toBe(`${server.apiUrl}/blobs/${blob.uid}?token=${tokenOf(alice.cc)}`);
  });

  test("public files need no token; info, download URL and delete", async () => {
    const file = Buffer.from("hello, world");
    const blob = await alice.cc.storage.createAndUpload({
      file,
      name: "hello.txt",
      type: "text/plain",
      size: file.length,
    });
    expect(blob.public).toBe(true);
    const response = await fetch(alice.cc.storage.publicUrl(blob.uid));
    expect(await response.text()).toBe("hello, world");

    const info = await bob.cc.storage.getInfo(blob.id);
    expect(info.blob).toMatchObject({ id: blob.id, uid: blob.uid, size: file.length, blob_status: "complete" });
    const byUid = await bob.cc.storage.getFile(blob.uid!);
    expect(byUid.blob.id).toBe(blob.id);
    const object = await bob.cc.storage.getFileObject(blob.uid!, { download_url: "1" });
    expect(object.blob.blob_object_access?.download_url).toBe(`${server.apiUrl}/blobs/${blob.uid}`);

    expect((await rejection(bob.cc.storage.delete(blob.id))).code).toBe(403);
    await alice.cc.storage.delete(blob.id);
    expect((await fetch(alice.cc.storage.publicUrl(blob.uid))).status).toBe(404);
  });

  test("the documented complete body {blob:{size}} and the upload without a token", async () => {
    const created = await api(server, "POST", "/blobs.json", {
      token: tokenOf(bob.cc),
      json: { blob: { name: "raw.bin", content_type: "application/octet-stream" } },
    });
    expect(created.status).toBe(201);
    const { blob } = created.body;
    expect(blob.public).toBe(false);
    expect(blob.blob_object_access).toMatchObject({ blob_id: blob.id, object_access_type: "Write" });
    const params = new URL(blob.blob_object_access.params);
    const form = new FormData();
    for (const [key, value] of params.searchParams) form.append(key, value);
    form.append("file", new Blob([bytes(10)]), "raw.bin");
    const upload = await fetch(`${params.origin}${params.pathname}`, { method: "POST", body: form });
    expect(upload.status).toBe(201);
    const complete = await api(server, "PUT", `/blobs/${blob.id}/complete.json`, {
      token: tokenOf(bob.cc),
      json: { blob: { size: 10 } },
    });
    expect(complete.status).toBe(200);
    expect(server.context.db.blobs.get(blob.id)).toMatchObject({ size: 10, completed: true });
    const download = await fetch(`${server.apiUrl}/blobs/${blob.uid}?token=${tokenOf(bob.cc)}`);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes(10))).toBe(true);

    const unknownKey = new FormData();
    unknownKey.append("key", "0".repeat(32));
    unknownKey.append("file", new Blob([bytes(1)]), "x");
    expect((await fetch(`${server.apiUrl}/blobs/upload`, { method: "POST", body: unknownKey })).status).toBe(404);
  });

  test("uploads over 10 MB are refused with 413", async () => {
    const created = await api(server, "POST", "/blobs.json", {
      token: tokenOf(bob.cc),
      json: { blob: { name: "big.bin", content_type: "application/octet-stream" } },
    });
    const form = new FormData();
    form.append("key", created.body.blob.uid);
    form.append("file", new Blob([Buffer.alloc(10 * 1024 * 1024 + 1)]), "big.bin");
    const response = await fetch(`${server.apiUrl}/blobs/upload`, { method: "POST", body: form });
    expect(response.status).toBe(413);
  });
});
