import { errorBody } from "@chatcube/test-utils/core/createFakeFetch.js";
import { chatErrorOf, createTestRestClient } from "@chatcube/test-utils/core/createTestRestClient.js";
import { hexId, wireDialog, wireUser } from "@chatcube/test-utils/core/wireFixtures.js";
import { describe, expect, it } from "@jest/globals";
import { DialogType } from "../model/dialog.js";

const D = hexId(0xd1);
const D2 = hexId(0xd2);
const page = (items: unknown[], total = items.length, skip = 0, limit = 100) => ({
  json: { total_entries: total, skip, limit, items },
});

describe("dialogs.list", () => {
  it("asks for the most recent activity first by default and maps the page", async () => {
    const { rest, requests } = createTestRestClient([
      page([wireDialog(D, { last_message: "yo", last_message_date_sent: 1_700_000_100 })]),
    ]);
    const result = await rest.dialogs.list();
    expect(requests[0]).toMatchObject({
      method: "GET",
      path: "/chat/Dialog.json",
      query: "limit=100&skip=0&sort_desc=last_message_date_sent",
    });
    expect(result).toMatchObject({ total: 1, skip: 0, limit: 100 });
    expect(result.items[0]).toMatchObject({
      id: D,
      type: DialogType.GROUP,
      lastMessage: { text: "yo", dateSent: 1_700_000_100_000 },
    });
  });

  it("sends updatedAfter as updated_at[gt] in unix seconds, with paging and sort", async () => {
    const { rest, requests } = createTestRestClient([page([], 0, 20, 10)]);
    await rest.dialogs.list({
      updatedAfter: 1_700_000_000_999,
      limit: 10,
      skip: 20,
      sort: { by: "updated_at", order: "asc" },
    });
    expect(requests[0].query).toBe("limit=10&skip=20&sort_asc=updated_at&updated_at[gt]=1700000000");
  });

  it("leaves a malformed dialog out (reported) and fails on a malformed envelope", async () => {
    const { rest, rejected } = createTestRestClient([
      page([wireDialog(D), { _id: "nope" }], 2),
      { json: { items: "x" } },
    ]);
    expect((await rest.dialogs.list()).items.map((d) => d.id)).toEqual([D]);
    expect(rejected.map((e) => e.code)).toEqual(["protocol"]);
    expect((await chatErrorOf(rest.dialogs.list())).code).toBe("protocol");
  });
});

describe("dialogs.listAll", () => {
  it("pages by 100 until total_entries, de-duplicating by id", async () => {
    const first = Array.from({ length: 100 }, (_, i) => wireDialog(hexId(i + 1)));
    const second = [wireDialog(hexId(100), { name: "moved" }), wireDialog(hexId(101))];
    const { rest, requests } = createTestRestClient([page(first, 102), page(second, 102, 100)]);
    const all = await rest.dialogs.listAll(1_700_000_000_000);
    expect(requests.map((r) => r.query)).toEqual([
      "limit=100&skip=0&sort_desc=last_message_date_sent&updated_at[gt]=1700000000",
      "limit=100&skip=100&sort_desc=last_message_date_sent&updated_at[gt]=1700000000",
    ]);
    expect(all).toHaveLength(101);
    expect(all.find((d) => d.id === hexId(100))?.name).toBe("moved");
  });

  it("stops on an empty page even if total says more", async () => {
    const { rest, requests } = createTestRestClient([page([], 5)]);
    expect(await rest.dialogs.listAll()).toEqual([]);
    expect(requests).toHaveLength(1);
  });
});

describe("dialogs.get / create / update", () => {
  it("get filters by _id; nothing found is not-found", async () => {
    const { rest, requests } = createTestRestClient([page([wireDialog(D)]), page([])]);
    expect((await rest.dialogs.get(D)).id).toBe(D);
    expect(requests[0].query).toBe(`_id=${D}&limit=1`);
    expect((await chatErrorOf(rest.dialogs.get(D2))).code).toBe("not-found");
  });

  it("create POSTs the wire body and is not retried", async () => {
    const { rest, requests } = createTestRestClient([
      { status: 201, json: wireDialog(D) },
      { status: 503, text: "" },
    ]);
    await rest.dialogs.create({
      type: DialogType.GROUP,
      occupantIds: [202, 303],
      name: "Team",
      extensions: { color: "red" },
    });
    expect(JSON.parse(requests[0].body)).toEqual({
      type: 2,
      occupants_ids: [202, 303],
      name: "Team",
      extensions: { color: "red" },
    });
    expect(
      (await chatErrorOf(rest.dialogs.create({ type: DialogType.GROUP, occupantIds: [202], name: "x" }))).code,
    ).toBe("server");
    expect(requests).toHaveLength(2);
  });

  it("create refuses a private dialog with two others before any request", async () => {
    const { rest, requests } = createTestRestClient([]);
    expect((await chatErrorOf(rest.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [202, 303] }))).code).toBe(
      "validation",
    );
    expect(requests).toHaveLength(0);
  });

  it("update PUTs push_all / pull_all", async () => {
    const { rest, requests } = createTestRestClient([{ json: wireDialog(D, { name: "New" }) }]);
    const dialog = await rest.dialogs.update(D, {
      name: "New",
      addOccupantIds: [404],
      removeAdminIds: [202],
      pinMessageIds: ["m1"],
    });
    expect(dialog.name).toBe("New");
    expect(requests[0]).toMatchObject({ method: "PUT", path: `/chat/Dialog/${D}.json` });
    expect(JSON.parse(requests[0].body)).toEqual({
      name: "New",
      push_all: { occupants_ids: [404], pinned_messages_ids: ["m1"] },
      pull_all: { admins_ids: [202] },
    });
  });
});

describe("dialogs.remove / clearHistory", () => {
  it("one id: an empty 200 means deleted, force goes in the form body", async () => {
    const { rest, requests } = createTestRestClient([{ status: 200, text: "" }]);
    expect(await rest.dialogs.remove(D, { force: true })).toEqual({ deleted: [D], notFound: [], forbidden: [] });
    expect(requests[0]).toMatchObject({ method: "DELETE", path: `/chat/Dialog/${D}.json`, body: "force=1", query: "" });
  });

  it("one id: 404 and 403 become notFound and forbidden", async () => {
    const { rest } = createTestRestClient([
      { status: 404, json: errorBody("Dialog not found") },
      { status: 403, json: errorBody("no") },
    ]);
    expect(await rest.dialogs.remove([D])).toEqual({ deleted: [], notFound: [D], forbidden: [] });
    expect(await rest.dialogs.remove([D])).toEqual({ deleted: [], notFound: [], forbidden: [D] });
  });

  it("several ids: comma-joined path, outcome per id", async () => {
    const outcome = { SuccessfullyDeleted: { ids: [D] }, NotFound: { ids: [D2] }, WrongPermissions: { ids: [] } };
    const { rest, requests } = createTestRestClient([{ json: outcome }]);
    expect(await rest.dialogs.remove([D, D2])).toEqual({ deleted: [D], notFound: [D2], forbidden: [] });
    expect(requests[0]).toMatchObject({ path: `/chat/Dialog/${D},${D2}.json`, body: "" });
  });

  it("clearHistory DELETEs /chat/Dialog/clearHistory/{id}.json", async () => {
    const { rest, requests } = createTestRestClient([{ status: 200, text: "" }]);
    await rest.dialogs.clearHistory(D, { force: true });
    expect(requests[0]).toMatchObject({
      method: "DELETE",
      path: `/chat/Dialog/clearHistory/${D}.json`,
      body: "force=1",
    });
  });

  it("refuses ids that would change the path", async () => {
    const { rest, requests } = createTestRestClient([]);
    expect((await chatErrorOf(rest.dialogs.remove("a/b"))).code).toBe("validation");
    expect((await chatErrorOf(rest.dialogs.update("a,b", {}))).code).toBe("validation");
    expect(requests).toHaveLength(0);
  });
});

describe("dialogs membership and settings", () => {
  it("subscribe POSTs (retried), unsubscribe DELETEs", async () => {
    const { rest, requests } = createTestRestClient([
      { status: 502, text: "" },
      { json: wireDialog(D, { type: 1 }) },
      { status: 200, text: "" },
    ]);
    expect((await rest.dialogs.subscribe(D)).type).toBe(DialogType.PUBLIC);
    await rest.dialogs.unsubscribe(D);
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /chat/Dialog/${D}/subscribe.json`,
      `POST /chat/Dialog/${D}/subscribe.json`,
      `DELETE /chat/Dialog/${D}/subscribe.json`,
    ]);
  });

  it("occupants reads a page of users", async () => {
    const { rest, requests } = createTestRestClient([{ json: { items: [wireUser(101), wireUser(202)] } }]);
    expect((await rest.dialogs.occupants(D, { limit: 10 })).map((u) => u.id)).toEqual([101, 202]);
    expect(requests[0]).toMatchObject({ path: `/chat/Dialog/${D}/occupants.json`, query: "limit=10&skip=0" });
  });

  it("notifications get / set", async () => {
    const { rest, requests } = createTestRestClient([
      { json: { notifications: { enabled: 1 } } },
      { json: { notifications: { enabled: 0 } } },
      { json: { notifications: {} } },
    ]);
    expect(await rest.dialogs.notifications.get(D)).toBe(true);
    expect(await rest.dialogs.notifications.set(D, false)).toBe(false);
    expect(JSON.parse(requests[1].body)).toEqual({ enabled: 0 });
    expect(requests[1]).toMatchObject({ method: "PUT", path: `/chat/Dialog/${D}/notifications.json` });
    expect((await chatErrorOf(rest.dialogs.notifications.get(D))).code).toBe("protocol");
  });
});
