import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { UserRecord } from "../../src/model/types.js";
import { type RunningServer, startServer } from "../../src/startServer.js";
import { makeUser } from "../helpers/fixtures.js";
import { type Sdk, sdkClient } from "../helpers/sdk.js";
import { rejection } from "../rest/helpers.js";

/** The Custom Objects API as the official SDK's `data` module drives it. */
let server: RunningServer;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "chatcube-data-"));
  server = await startServer({ port: 0, data: join(dir, "state.json") });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signedIn(user: UserRecord): Promise<Sdk> {
  const cc = sdkClient(server);
  await cc.createSession({ login: user.login!, password: "password1" });
  return cc;
}

type Movie = {
  _id: string;
  user_id: number;
  name: string;
  rating: number;
  tags?: string[];
  created_at: number;
  updated_at: number;
};

/** `data.list`, whose typings know neither field filters nor ids, though the SDK sends both. */
const list = (cc: Sdk, className: string, params: unknown) => cc.data.list(className, params as never);

describe("custom objects through the SDK's data module", () => {
  it("creates one or many, lists with filters, sort, limit, skip and count, and gets by id(s)", async () => {
    const alice = await signedIn(makeUser(server, "alice"));
    const one = (await alice.data.create("Movie", { name: "Alpha", rating: 7, tags: ["a", "b"] })) as unknown as Movie;
    expect(one).toMatchObject({ name: "Alpha", rating: 7, tags: ["a", "b"], _parent_id: null });
    expect(one._id).toMatch(/^[0-9a-f]{24}$/);
    expect(typeof one.created_at).toBe("number");
    const many = (await alice.data.create("Movie", [
      { name: "Beta", rating: 9 },
      { name: "Gamma", rating: 4 },
      { name: "Delta", rating: 8 },
    ])) as unknown as { items: Movie[] };
    expect(many.items.map((m) => m.name)).toEqual(["Beta", "Gamma", "Delta"]);

    const good = (await list(alice, "Movie", { rating: { gte: 7 }, sort_desc: "rating" })) as unknown as {
      class_name: string;
      items: Movie[];
    };
    expect(good.class_name).toBe("Movie");
    expect(good.items.map((m) => m.name)).toEqual(["Beta", "Delta", "Alpha"]);
    const page = (await list(alice, "Movie", { sort_asc: "name", limit: 2, skip: 1 })) as unknown as {
      items: Movie[];
      limit: number;
      skip: number;
    };
    expect(page).toMatchObject({ limit: 2, skip: 1 });
    expect(page.items.map((m) => m.name)).toEqual(["Beta", "Delta"]);
    expect(await list(alice, "Movie", { name: { in: ["Alpha", "Gamma"] }, count: 1 })).toMatchObject({
      items_count: 2,
    });
    expect(
      ((await list(alice, "Movie", { name: { ctn: "lph" } })) as unknown as { items: Movie[] }).items.map(
        (m) => m.name,
      ),
    ).toEqual(["Alpha"]);
    expect(
      ((await list(alice, "Movie", { tags: "b" })) as unknown as { items: Movie[] }).items.map((m) => m.name),
    ).toEqual(["Alpha"]);

    const byIds = (await list(alice, "Movie", [one._id, many.items[1]._id])) as unknown as { items: Movie[] };
    expect(byIds.items.map((m) => m.name).sort()).toEqual(["Alpha", "Gamma"]);
    const single = (await list(alice, "Movie", one._id)) as unknown as { items: Movie[] };
    expect(single.items).toEqual([expect.objectContaining({ _id: one._id, name: "Alpha" })]);
    expect(((await list(alice, "Series", {})) as unknown as { items: Movie[] }).items).toEqual([]);
  });

  it("updates by id, with operators, many at once and by criteria; only the owner by default", async () => {
    const owner = await signedIn(makeUser(server, "owner"));
    const other = await signedIn(makeUser(server, "other"));
    const created = (await owner.data.create("Book", { title: "One", pages: 10, tags: ["x"] })) as unknown as Movie & {
      title: string;
    };
    const updated = (await owner.data.update("Book", {
      _id: created._id,
      title: "Uno",
      inc: { pages: 5 },
      push: { tags: ["y"] },
    })) as unknown as Record<string, unknown>;
    expect(updated).toMatchObject({ _id: created._id, title: "Uno", pages: 15, tags: ["x", "y"] });
    // Someone else reads it but may not change or delete it.
    const seen = (await list(other, "Book", created._id)) as unknown as { items: Array<Record<string, unknown>> };
    expect(seen.items[0]).toMatchObject({ title: "Uno" });
    expect((await rejection(other.data.update("Book", { _id: created._id, title: "Hacked" }))).code).toBe(403);
    expect((await rejection(other.data.delete("Book", created._id))).code).toBe(403);

    const second = (await owner.data.create("Book", { title: "Two", pages: 20 })) as unknown as Movie;
    const multi = (await owner.data.update("Book", [
      { _id: created._id, pages: 11 },
      { _id: second._id, pages: 21 },
    ] as never)) as unknown as { items: Array<Record<string, unknown>>; not_found: { ids: string[] } };
    expect(multi.items.map((item) => item.pages)).toEqual([11, 21]);
    expect(multi.not_found.ids).toEqual([]);
    const byCriteria = (await owner.data.update("Book", {
      search_criteria: { pages: { gt: 15 } },
      genre: "long",
    })) as unknown as { total_found: number; items: Array<Record<string, unknown>> };
    expect(byCriteria.total_found).toBe(1);
    expect(byCriteria.items[0]).toMatchObject({ _id: second._id, genre: "long" });
    expect((await rejection(owner.data.update("Book", { _id: "0123456789abcdef01234567", title: "x" }))).code).toBe(
      404,
    );
  });

  it("deletes by id, by ids and by criteria; permissions can open a record to others", async () => {
    const owner = await signedIn(makeUser(server, "keeper"));
    const helperUser = makeUser(server, "helper");
    const helper = await signedIn(helperUser);
    const [a, b, c, d] = (
      (await owner.data.create("Note", [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }])) as unknown as { items: Movie[] }
    ).items;
    expect(await owner.data.delete("Note", a._id)).toBe("");
    expect((await rejection(owner.data.delete("Note", a._id))).code).toBe(404);
    const outcome = await owner.data.delete("Note", [b._id, a._id]);
    expect(outcome).toEqual({
      SuccessfullyDeleted: { ids: [b._id] },
      NotFound: { ids: [a._id] },
      WrongPermissions: { ids: [] },
    });
    expect(await owner.data.delete("Note", { n: { gte: 4 } })).toEqual({ total_deleted: 1 });
    expect(((await list(owner, "Note", {})) as unknown as { items: Movie[] }).items.map((m) => m._id)).toEqual([c._id]);
    expect(d).toBeDefined();

    const shared = (await owner.data.create("Note", {
      n: 5,
      permissions: {
        read: { access: "owner" },
        update: { access: "open_for_users_ids", ids: [String(helperUser.id)] },
      },
    } as never)) as unknown as Movie;
    // The helper may update the record but not read it: only the open record c shows.
    expect(((await list(helper, "Note", {})) as unknown as { items: Movie[] }).items.map((m) => m._id)).toEqual([
      c._id,
    ]);
    expect(await owner.data.readPermissions("Note", shared._id)).toEqual({
      record_id: shared._id,
      permissions: {
        read: { access: "owner" },
        update: { access: "open_for_users_ids", ids: [String(helperUser.id)] },
        delete: { access: "owner" },
      },
    });
  });

  it("answers bad input with 422 and keeps records across a restart", async () => {
    const user = makeUser(server, "keeper2");
    const cc = await signedIn(user);
    expect((await rejection(cc.data.create("9bad", { a: 1 }))).code).toBe(422);
    expect((await rejection(cc.data.create("Good", { "bad-field": 1 }))).code).toBe(422);
    await cc.data.create("Good", { rating: 5 });
    expect((await rejection(list(cc, "Good", { rating: { gt: "not a number" } }))).code).toBe(422);
    expect((await rejection(cc.data.update("Good", { search_criteria: "x" } as never))).code).toBe(422);
    const kept = (await cc.data.create("Kept", { v: "stays" })) as unknown as Movie;

    await server.close();
    server = await startServer({ port: 0, data: join(dir, "state.json") });
    const again = await signedIn(user);
    const found = (await list(again, "Kept", kept._id)) as unknown as { items: Array<Record<string, unknown>> };
    expect(found.items).toEqual([expect.objectContaining({ _id: kept._id, v: "stays", user_id: user.id })]);
  });
});
