import { createFakeFetch } from "@chatcube/test-utils/core/createFakeFetch.js";
import { chatErrorOf, testRestOptions } from "@chatcube/test-utils/core/createTestRestClient.js";
import { wireUser } from "@chatcube/test-utils/core/wireFixtures.js";
import { describe, expect, it } from "@jest/globals";
import { ChatError } from "../errors/ChatError.js";
import { createRestClient, type RestClientOptions } from "../rest/createRestClient.js";
import { createLazyRest } from "./createLazyRest.js";

/** A lazy REST client whose "chunk" is the real `createRestClient`, failing the first `failures` loads. */
function setup(failures = 0, ...script: Parameters<typeof createFakeFetch>) {
  const fake = createFakeFetch(...script);
  const options: RestClientOptions = { ...testRestOptions(fake.fetch), apiUrl: "http://api.test/" };
  let loads = 0;
  let made = 0;
  const load = async () => {
    loads++;
    if (loads <= failures) throw new ChatError("network", "Could not load the chat connection");
    return {
      createRestClient: (o: RestClientOptions) => {
        made++;
        return createRestClient(o);
      },
    };
  };
  const rest = createLazyRest(options, load);
  return { rest, requests: fake.requests, counts: () => ({ loads, made }) };
}

describe("createLazyRest", () => {
  it("knows apiUrl at once and loads nothing until a call", () => {
    const { rest, counts } = setup();
    expect(rest.apiUrl).toBe("http://api.test");
    expect(typeof rest.dialogs.list).toBe("function");
    expect(counts()).toEqual({ loads: 0, made: 0 });
  });

  it("a call waits for the chunk, makes the real client once and answers as it does (nested groups too)", async () => {
    const { rest, requests, counts } = setup(
      0,
      { json: { user: wireUser(5) } },
      { json: { user: wireUser(6) } },
      { json: { notifications: { enabled: 0 } } },
    );
    const [five, six] = await Promise.all([rest.users.get(5), rest.users.get(6)]);
    expect([five.id, six.id]).toEqual([5, 6]);
    expect(await rest.dialogs.notifications.get("d1")).toBe(false);
    expect(requests.map((r) => r.path)).toEqual([
      "/users/5.json",
      "/users/6.json",
      "/chat/Dialog/d1/notifications.json",
    ]);
    expect(counts()).toEqual({ loads: 1, made: 1 });
  });

  it("a chunk that did not load rejects that call with network; the next call loads it again", async () => {
    const { rest, counts } = setup(1, { json: { user: wireUser(5) } });
    expect((await chatErrorOf(rest.users.get(5))).code).toBe("network");
    expect((await rest.users.get(5)).id).toBe(5);
    expect(counts()).toEqual({ loads: 2, made: 1 });
  });

  it("the real client's errors pass through unchanged", async () => {
    const { rest } = setup(0, { status: 404, json: { errors: ["Not found"] } });
    expect((await chatErrorOf(rest.users.get(9))).code).toBe("not-found");
  });

  it("is not a thenable (awaiting a group does not call it)", async () => {
    const { rest, counts } = setup();
    expect(await Promise.resolve(rest.dialogs)).toBe(rest.dialogs);
    expect(counts()).toEqual({ loads: 0, made: 0 });
  });
});
