import { createFakeFetch, type FakeReply, type RecordedRequest } from "@chatcube/test-utils/core/createFakeFetch.js";
import { aMessage } from "@chatcube/test-utils/core/testData.js";
import { describe, expect, it } from "@jest/globals";
import type { OutboxEntry, OutboxSend } from "../model/outboxEntry.js";
import { pendingUploadOf } from "../model/pendingUpload.js";
import { createStore } from "../reactive/createStore.js";
import { createRestClient } from "../rest/createRestClient.js";
import { createMessagesStore } from "../stores/messages/createMessagesStore.js";
import { createFilesCommands } from "./createFilesCommands.js";

const D = "65f000000000000000000001";
const M = "65f0000000000000000000aa";
const grant = (id: number, uid: string): FakeReply => ({
  status: 201,
  json: {
    blob: {
      id,
      uid,
      name: "x",
      content_type: "image/png",
      public: false,
      blob_object_access: { params: `http://api.test/blobs/upload?key=${uid}&success_action_status=201` },
    },
  },
});

function setup(script: FakeReply[]) {
  const fake = createFakeFetch(...script);
  const rest = createRestClient({
    apiUrl: "http://api.test",
    appId: 1,
    authKey: "KEY",
    getToken: () => "T",
    fetch: fake.fetch,
    retryDelay: () => 0,
    loadRarelyUsed: () => import("../rest/rarelyUsedRestApis.js"),
  });
  const requests = fake.requests;
  const messages = createMessagesStore();
  messages.receive([
    aMessage(M, D, 1, {
      senderId: 101,
      status: "pending",
      attachments: [
        { type: "image", name: "a.png", size: 3 },
        { type: "image", name: "b.png", size: 2 },
      ],
    }),
  ]);
  const entries = createStore<readonly OutboxEntry[]>([]);
  const files = createFilesCommands({ rest, messages, outboxEntries: entries, token: () => "T", fetch: fake.fetch });
  return { files, requests, messages, entries };
}

const entryWith = (uploads: OutboxSend["uploads"]): OutboxSend => ({
  id: M,
  kind: "send",
  dialogId: D,
  messageId: M,
  createdAt: 1,
  state: "in-flight",
  attempts: 1,
  nextAttemptAt: null,
  lastError: null,
  body: null,
  attachments: [],
  customParams: {},
  recipientId: null,
  uploads,
});

describe("client.files", () => {
  it("prepareSend uploads each pending file (create → upload → complete), checkpoints after each, and fills the message's attachments", async () => {
    const uploadsSeen: RecordedRequest[] = [];
    const t = setup([
      grant(1, "u1"),
      (r) => (uploadsSeen.push(r), { status: 201, text: "<PostResponse/>" }),
      { text: "" },
      grant(2, "u2"),
      (r) => (uploadsSeen.push(r), { status: 201, text: "<PostResponse/>" }),
      { text: "" },
    ]);
    const checkpoints: OutboxSend[] = [];
    const ready = await t.files.prepareSend(
      entryWith([
        pendingUploadOf({ file: new Uint8Array(3), name: "a.png", contentType: "image/png" }),
        pendingUploadOf({ file: new Uint8Array(2), name: "b.png", contentType: "image/png" }),
      ]),
      async (entry) => void checkpoints.push(entry),
    );
    expect(t.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /blobs.json",
      "POST /blobs/upload",
      "PUT /blobs/1/complete.json",
      "POST /blobs.json",
      "POST /blobs/upload",
      "PUT /blobs/2/complete.json",
    ]);
    expect(JSON.parse(t.requests[0].body)).toEqual({
      blob: { name: "a.png", content_type: "image/png", public: false },
    });
    expect(JSON.parse(t.requests[2].body)).toEqual({ size: 3 });
    expect(uploadsSeen[0].headers["cb-token"]).toBe("T");
    expect(uploadsSeen[0].body).toContain('name="key"\r\n\r\nu1\r\n');
    expect(checkpoints.map((c) => c.uploads?.map((u) => u.done?.uid ?? null))).toEqual([
      ["u1", null],
      ["u1", "u2"],
    ]);
    expect(ready.uploads).toEqual([]);
    expect(ready.attachments).toEqual([
      { type: "image", id: "1", uid: "u1", name: "x", contentType: "image/png", size: 3 },
      { type: "image", id: "2", uid: "u2", name: "x", contentType: "image/png", size: 2 },
    ]);
    expect(t.messages.window(D).get().items[0].attachments).toEqual(ready.attachments);
    expect(t.files.progress.get()).toEqual({});
  });

  it("a resumed entry skips files already up; a failed upload deletes its blob and rejects", async () => {
    const t = setup([grant(7, "u7"), { status: 500, text: "boom" }, { text: "" }]);
    const done = { type: "image", id: "1", uid: "u1", name: "a.png", contentType: "image/png", size: 3 };
    const error = await t.files
      .prepareSend(
        entryWith([{ ...pendingUploadOf(new Uint8Array(3)), done }, pendingUploadOf(new Uint8Array(2))]),
        async () => {},
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "server" });
    expect(t.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /blobs.json",
      "POST /blobs/upload",
      "DELETE /blobs/7.json",
    ]);
  });

  it("builds download URLs: private ones carry the token, public ones do not", () => {
    const t = setup([]);
    expect(t.files.url("abc")).toBe("http://api.test/blobs/abc?token=T");
    expect(t.files.url({ uid: "abc", public: true })).toBe("http://api.test/blobs/abc");
    expect(t.files.url({ url: "https://cdn.test/x.png" })).toBe("https://cdn.test/x.png");
    expect(() => t.files.url({})).toThrow();
  });
});
