import { chatErrorOf, createTestRestClient } from "@chatcube/test-utils/core/createTestRestClient.js";
import { hexId, wireMessage } from "@chatcube/test-utils/core/wireFixtures.js";
import { describe, expect, it } from "@jest/globals";
import { isObjectId } from "../model/ids.js";

const D = hexId(0xd1);
const M1 = hexId(0xa1);
const M2 = hexId(0xa2);
const M3 = hexId(0xa3);
const history = (items: unknown[]) => ({ json: { skip: 0, limit: 50, items } });

describe("messages.list", () => {
  it("fetches the page before a time, newest first, without marking read", async () => {
    const { rest, requests } = createTestRestClient([history([wireMessage(M1, D)])]);
    const messages = await rest.messages.list(D, { before: 1_700_000_100_000 });
    expect(requests[0]).toMatchObject({
      method: "GET",
      path: "/chat/Message.json",
      query: `chat_dialog_id=${D}&date_sent[lt]=1700000100&limit=50&mark_as_read=0&sort_desc=date_sent`,
    });
    expect(messages[0]).toMatchObject({
      id: M1,
      dialogId: D,
      body: "hi",
      dateSent: 1_700_000_000_000,
      senderId: 101,
      recipientId: null,
    });
  });

  it("after / limit / asc / markAsRead", async () => {
    const { rest, requests } = createTestRestClient([history([]), history([])]);
    await rest.messages.list(D, { after: 1_700_000_000_000, limit: 20, sort: "asc" });
    await rest.messages.list(D, { markAsRead: true });
    expect(requests[0].query).toBe(
      `chat_dialog_id=${D}&date_sent[gt]=1700000000&limit=20&mark_as_read=0&sort_asc=date_sent`,
    );
    expect(requests[1].query).toBe(`chat_dialog_id=${D}&limit=50&sort_desc=date_sent`);
  });

  it("derives statuses relative to the current user (101)", async () => {
    const { rest } = createTestRestClient([
      history([
        wireMessage(M1, D, { read_ids: [101, 202], delivered_ids: [101, 202] }),
        wireMessage(M2, D, { sender_id: 202, read_ids: [202], delivered_ids: [202, 101] }),
        wireMessage(M3, D, { sender_id: 202, read_ids: [202, 303], delivered_ids: [202, 303] }),
      ]),
    ]);
    const statuses = Object.fromEntries((await rest.messages.list(D)).map((m) => [m.id, m.status]));
    expect(statuses).toEqual({ [M1]: "read", [M2]: "delivered", [M3]: "sent" });
  });

  it("returns a page in the order it asked for, whatever order the server answered in", async () => {
    const shuffled = [
      wireMessage(M2, D, { date_sent: 1_700_000_002 }),
      wireMessage(M1, D, { date_sent: 1_700_000_003 }),
      wireMessage(M3, D, { date_sent: 1_700_000_001 }),
    ];
    const { rest } = createTestRestClient([history(shuffled), history(shuffled)]);
    expect((await rest.messages.list(D)).map((m) => m.id)).toEqual([M1, M2, M3]);
    expect((await rest.messages.list(D, { sort: "asc" })).map((m) => m.id)).toEqual([M3, M2, M1]);
  });

  it("keeps the server's order within one second (arrival there; ids are random)", async () => {
    const sameSecond = [
      wireMessage(M3, D, { date_sent: 1_700_000_001 }),
      wireMessage(M1, D, { date_sent: 1_700_000_001 }),
      wireMessage(M2, D, { date_sent: 1_700_000_001 }),
    ];
    const { rest } = createTestRestClient([history(sameSecond)]);
    expect((await rest.messages.list(D, { sort: "asc" })).map((m) => m.id)).toEqual([M3, M1, M2]);
  });

  it("leaves malformed messages out and reports them", async () => {
    const { rest, rejected } = createTestRestClient([
      history([wireMessage(M1, D), wireMessage(M2, D, { date_sent: "soon" })]),
    ]);
    expect((await rest.messages.list(D)).map((m) => m.id)).toEqual([M1]);
    expect(rejected[0].message).toContain("date_sent");
  });
});

describe("messages.create", () => {
  it("POSTs a generated _id, text, attachments, custom parameters and send_to_chat", async () => {
    const { rest, requests } = createTestRestClient([
      (request) => ({ status: 201, json: wireMessage(JSON.parse(request.body)._id, D) }),
    ]);
    const message = await rest.messages.create({
      dialogId: D,
      body: "hello",
      attachments: [{ type: "image", uid: "u1", size: 10 }],
      custom: { city: "Kyiv" },
      sendToChat: true,
    });
    const body = JSON.parse(requests[0].body);
    expect(isObjectId(body._id)).toBe(true);
    expect(body).toEqual({
      _id: body._id,
      chat_dialog_id: D,
      message: "hello",
      attachments: [{ type: "image", uid: "u1", size: "10" }],
      send_to_chat: 1,
      city: "Kyiv",
    });
    expect(message).toMatchObject({ id: body._id, status: "sent" });
  });

  it("keeps a given id, and is retried with it after a 5xx", async () => {
    const { rest, requests } = createTestRestClient([
      { status: 500, text: "" },
      { status: 201, json: wireMessage(M1, D, { message: null }) },
    ]);
    const message = await rest.messages.create({ id: M1, dialogId: D });
    expect(message.body).toBeNull();
    expect(requests.map((r) => JSON.parse(r.body)._id)).toEqual([M1, M1]);
    expect(JSON.parse(requests[0].body).message).toBeUndefined();
  });

  it("refuses a custom parameter named like a field; a malformed answer is a protocol error", async () => {
    const { rest, requests } = createTestRestClient([{ status: 201, json: { _id: M1 } }]);
    expect((await chatErrorOf(rest.messages.create({ dialogId: D, body: "x", custom: { date_sent: "1" } }))).code).toBe(
      "validation",
    );
    expect(requests).toHaveLength(0);
    expect((await chatErrorOf(rest.messages.create({ dialogId: D, body: "x" }))).code).toBe("protocol");
  });
});

describe("messages.update / markAllRead / remove / unread", () => {
  it("update PUTs to the ids with the dialog", async () => {
    const { rest, requests } = createTestRestClient([
      { status: 200, text: "" },
      { status: 200, text: "" },
    ]);
    await rest.messages.update([M1, M2], { dialogId: D, read: true });
    await rest.messages.update(M1, { dialogId: D, body: "fixed" });
    expect(requests[0]).toMatchObject({ method: "PUT", path: `/chat/Message/${M1},${M2}.json` });
    expect(JSON.parse(requests[0].body)).toEqual({ chat_dialog_id: D, read: 1 });
    expect(JSON.parse(requests[1].body)).toEqual({ chat_dialog_id: D, message: "fixed" });
  });

  it("markAllRead PUTs /chat/Message.json with {read: 1, chat_dialog_id}", async () => {
    const { rest, requests } = createTestRestClient([{ status: 200, text: "" }]);
    await rest.messages.markAllRead(D);
    expect(requests[0]).toMatchObject({ method: "PUT", path: "/chat/Message.json" });
    expect(JSON.parse(requests[0].body)).toEqual({ read: 1, chat_dialog_id: D });
  });

  it("remove DELETEs with force in the form body and maps the outcome", async () => {
    const outcome = { SuccessfullyDeleted: { ids: [M1] }, NotFound: { ids: [M2] }, WrongPermissions: { ids: [M3] } };
    const { rest, requests } = createTestRestClient([{ json: outcome }, { json: { SuccessfullyDeleted: "all" } }]);
    expect(await rest.messages.remove([M1, M2, M3], { force: true })).toEqual({
      deleted: [M1],
      notFound: [M2],
      forbidden: [M3],
    });
    expect(requests[0]).toMatchObject({
      method: "DELETE",
      path: `/chat/Message/${M1},${M2},${M3}.json`,
      body: "force=1",
    });
    expect((await chatErrorOf(rest.messages.remove(M1))).code).toBe("protocol");
    expect((await chatErrorOf(rest.messages.remove([]))).code).toBe("validation");
  });

  it("unread reads counts for some or all dialogs", async () => {
    const D2 = hexId(0xd2);
    const { rest, requests } = createTestRestClient([
      { json: { total: 5, [D]: 3, [D2]: 2 } },
      { json: { total: 0 } },
      { json: { total: 1, [D]: "x" } },
    ]);
    expect(await rest.messages.unread([D, D2])).toEqual({ total: 5, byDialog: { [D]: 3, [D2]: 2 } });
    expect(requests[0]).toMatchObject({ path: "/chat/Message/unread.json", query: `chat_dialog_ids=${D}%2C${D2}` });
    expect(await rest.messages.unread()).toEqual({ total: 0, byDialog: {} });
    expect(requests[1].query).toBe("");
    expect((await chatErrorOf(rest.messages.unread())).code).toBe("protocol");
  });
});

describe("messages.reactions", () => {
  it("list / add / remove / update", async () => {
    const ok = { status: 200, text: "" };
    const { rest, requests } = createTestRestClient([{ json: { "👍": [101, "202"], "❤️": [] } }, ok, ok, ok]);
    expect(await rest.messages.reactions.list(M1)).toEqual({ "👍": [101, 202] });
    await rest.messages.reactions.add(M1, "🔥");
    await rest.messages.reactions.remove(M1, "🔥");
    await rest.messages.reactions.update(M1, { add: "❤️", remove: "👍" });
    expect(requests.map((r) => `${r.method} ${r.path} ${r.body}`)).toEqual([
      `GET /chat/Message/${M1}/reactions.json `,
      `PUT /chat/Message/${M1}/reactions.json {"add":"🔥"}`,
      `PUT /chat/Message/${M1}/reactions.json {"remove":"🔥"}`,
      `PUT /chat/Message/${M1}/reactions.json {"add":"❤️","remove":"👍"}`,
    ]);
  });

  it("an empty change is refused; a malformed list is a protocol error", async () => {
    const { rest, requests } = createTestRestClient([{ json: { "👍": "101" } }]);
    expect((await chatErrorOf(rest.messages.reactions.update(M1, {}))).code).toBe("validation");
    expect((await chatErrorOf(rest.messages.reactions.list(M1))).code).toBe("protocol");
    expect(requests).toHaveLength(1);
  });
});
