import { createTestRestClient } from "@chatcube/test-utils/core/createTestRestClient.js";
import { describe, expect, it } from "@jest/globals";
import { createSearchCommand } from "./createSearchCommand.js";

describe("client.search", () => {
  it("asks GET /chat/search.json with the documented parameters", async () => {
    const { rest, requests } = createTestRestClient([{ json: { results: { dialogs: [], messages: [], users: [] } } }]);
    const search = createSearchCommand(rest);
    expect(
      await search("hello world", {
        dialogIds: ["65f000000000000000000001"],
        startDate: Date.UTC(2024, 5, 1),
        endDate: Date.UTC(2024, 4, 1),
        limit: 20,
      }),
    ).toEqual({ dialogs: [], messages: [], users: [] });
    expect(requests[0].path).toBe("/chat/search.json");
    expect(decodeURIComponent(requests[0].query)).toBe(
      "chat_dialog_ids=65f000000000000000000001&end_date=2024-05-01T00:00:00.000Z&limit=20&search_text=hello world&start_date=2024-06-01T00:00:00.000Z",
    );
  });

  it("refuses what the server would refuse, per field, without a request", async () => {
    const { rest, requests } = createTestRestClient([]);
    const search = createSearchCommand(rest);
    await expect(search("four")).rejects.toMatchObject({
      code: "validation",
      details: { fields: { search_text: ["must be longer than 4 characters"] } },
    });
    const error = await search("hello", {
      dialogIds: Array.from({ length: 11 }, (_, i) => `d${i}`),
      startDate: 0,
      endDate: 100 * 86_400_000,
      limit: 0,
    }).catch((e: unknown) => e);
    expect(Object.keys((error as { details: { fields: object } }).details.fields).sort()).toEqual([
      "chat_dialog_ids",
      "end_date",
      "limit",
    ]);
    expect(requests).toEqual([]);
  });
});
