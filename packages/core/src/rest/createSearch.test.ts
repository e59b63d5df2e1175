import { chatErrorOf, createTestRestClient } from "@chatcube/test-utils/core/createTestRestClient.js";
import { hexId, wireDialog, wireMessage, wireUser } from "@chatcube/test-utils/core/wireFixtures.js";
import { describe, expect, it } from "@jest/globals";

const D = hexId(0xd1);
const D2 = hexId(0xd2);

describe("search", () => {
  it("GETs /chat/search.json with text, dialogs, ISO dates and limit, and maps the results", async () => {
    const results = {
      dialogs: [wireDialog(D, { name: "hello world" })],
      messages: [wireMessage(hexId(1), D, { message: "hello world", sender_id: 202, read_ids: [202, 101] })],
      users: [wireUser(101), wireUser(202)],
    };
    const { rest, requests } = createTestRestClient([{ json: { results } }]);
    const found = await rest.search("hello world", {
      dialogIds: [D, D2],
      startDate: Date.UTC(2024, 1, 1),
      endDate: Date.UTC(2024, 0, 1),
      limit: 10,
    });
    expect(requests[0]).toMatchObject({ method: "GET", path: "/chat/search.json" });
    expect(requests[0].query).toBe(
      `chat_dialog_ids=${D}%2C${D2}&end_date=2024-01-01T00%3A00%3A00.000Z&limit=10&search_text=hello%20world&start_date=2024-02-01T00%3A00%3A00.000Z`,
    );
    expect(found.dialogs.map((d) => d.name)).toEqual(["hello world"]);
    expect(found.messages[0]).toMatchObject({ body: "hello world", status: "read" });
    expect(found.users.map((u) => u.id)).toEqual([101, 202]);
  });

  it("missing lists are empty; bad items are left out; a body without results is a protocol error", async () => {
    const { rest, rejected } = createTestRestClient([
      { json: { results: { messages: [{ _id: 1 }] } } },
      { json: { dialogs: [] } },
    ]);
    expect(await rest.search("hello")).toEqual({ dialogs: [], messages: [], users: [] });
    expect(rejected).toHaveLength(1);
    expect((await chatErrorOf(rest.search("hello"))).code).toBe("protocol");
  });

  it("a too-short text answers 422 with the field", async () => {
    const { rest } = createTestRestClient([
      { status: 422, json: { errors: { search_text: ["must be longer than 4 characters"] } } },
    ]);
    expect(await chatErrorOf(rest.search("hi"))).toMatchObject({
      code: "validation",
      details: { fields: { search_text: ["must be longer than 4 characters"] } },
    });
  });
});
