import { errorBody } from "@chatcube/test-utils/core/createFakeFetch.js";
import { chatErrorOf, createTestRestClient } from "@chatcube/test-utils/core/createTestRestClient.js";
import { wireUser } from "@chatcube/test-utils/core/wireFixtures.js";
import { describe, expect, it } from "@jest/globals";

describe("users.signup", () => {
  it("POSTs {user} with CB-AuthKey and no CB-Token", async () => {
    const { rest, requests } = createTestRestClient([
      { status: 201, json: { user: wireUser(7, { login: "alice", email: "a@x.io" }) } },
    ]);
    const user = await rest.users.signup({ login: "alice", password: "password1", fullName: "Alice", email: "a@x.io" });
    expect(user).toMatchObject({ id: 7, login: "alice", email: "a@x.io" });
    expect(requests[0]).toMatchObject({ method: "POST", path: "/users.json" });
    expect(requests[0].headers["cb-authkey"]).toBe("KEY");
    expect(requests[0].headers["cb-token"]).toBeUndefined();
    expect(JSON.parse(requests[0].body)).toEqual({
      user: { login: "alice", password: "password1", full_name: "Alice", email: "a@x.io" },
    });
  });

  it("a taken login is a validation error with the field; a 5xx is not retried", async () => {
    const { rest, requests } = createTestRestClient([
      { status: 422, json: { errors: { login: ["has already been taken"] } } },
      { status: 503, text: "" },
    ]);
    const taken = await chatErrorOf(rest.users.signup({ login: "alice", password: "password1" }));
    expect(taken).toMatchObject({ code: "validation", details: { fields: { login: ["has already been taken"] } } });
    expect((await chatErrorOf(rest.users.signup({ login: "bob", password: "password1" }))).code).toBe("server");
    expect(requests).toHaveLength(2);
  });
});

describe("users.get / getMany", () => {
  it("get reads /users/{id}.json; a malformed user is a protocol error", async () => {
    const { rest, requests } = createTestRestClient([
      { json: { user: wireUser(5) } },
      { json: { user: { id: "five" } } },
    ]);
    expect((await rest.users.get(5)).id).toBe(5);
    expect(requests[0].path).toBe("/users/5.json");
    expect((await chatErrorOf(rest.users.get(6))).code).toBe("protocol");
  });

  it("getMany uses users v2 with id[in][]=… (deduplicated), leaving out malformed items", async () => {
    const { rest, requests, rejected } = createTestRestClient([
      { json: { limit: 2, skip: 0, total_entries: 2, items: [wireUser(2), { id: null }] } },
    ]);
    const users = await rest.users.getMany([3, 2, 3]);
    expect(requests[0]).toMatchObject({ path: "/users/v2.json", query: "id[in][]=3&id[in][]=2&limit=2" });
    expect(users.map((u) => u.id)).toEqual([2]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0].code).toBe("protocol");
  });

  it("getMany asks 100 ids per request, and nothing for no ids", async () => {
    const page = (ids: number[]) => ({
      json: { limit: ids.length, skip: 0, total_entries: ids.length, items: ids.map((id) => wireUser(id)) },
    });
    const ids = Array.from({ length: 150 }, (_, i) => i + 1);
    const { rest, requests } = createTestRestClient([page(ids.slice(0, 100)), page(ids.slice(100))]);
    expect(await rest.users.getMany([])).toEqual([]);
    expect(await rest.users.getMany(ids)).toHaveLength(150);
    expect(requests).toHaveLength(2);
    expect(requests[1].query).toMatch(/limit=50$/);
  });

  it("an ids list that is not an envelope is a protocol error", async () => {
    const { rest } = createTestRestClient([{ json: [wireUser(1)] }]);
    expect((await chatErrorOf(rest.users.getMany([1]))).code).toBe("protocol");
  });
});

describe("users.update", () => {
  it("PUTs the current user's profile in wire names", async () => {
    const { rest, requests } = createTestRestClient([
      { json: { user: wireUser(101, { full_name: "New", user_tags: "a,b" }) } },
    ]);
    const user = await rest.users.update({ fullName: "New", tags: ["a", "b"], customData: null });
    expect(user).toMatchObject({ fullName: "New", tags: ["a", "b"] });
    expect(requests[0]).toMatchObject({ method: "PUT", path: "/users/101.json" });
    expect(JSON.parse(requests[0].body)).toEqual({ user: { full_name: "New", custom_data: null, tag_list: "a,b" } });
  });

  it("needs a signed-in user, and the old password for a new one", async () => {
    const { rest, requests } = createTestRestClient([], { getUserId: () => null });
    expect((await chatErrorOf(rest.users.update({ fullName: "x" }))).code).toBe("unauthorized");
    const { rest: signedIn } = createTestRestClient([]);
    expect((await chatErrorOf(signedIn.users.update({ password: "newpassword" }))).code).toBe("validation");
    expect(requests).toHaveLength(0);
  });

  it("a 403 maps to forbidden", async () => {
    const { rest } = createTestRestClient([{ status: 403, json: errorBody("You can only update your own profile") }]);
    expect(await chatErrorOf(rest.users.update({ fullName: "x" }))).toMatchObject({
      code: "forbidden",
      message: "You can only update your own profile",
    });
  });
});
