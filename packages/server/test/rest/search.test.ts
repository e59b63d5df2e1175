import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { DialogType } from "../../src/model/types.js";
import { type RunningServer, startServer } from "../../src/startServer.js";
import { api, type Client, rejection, signedIn, tokenOf } from "./helpers.js";

let server: RunningServer;
type U = { cc: Client; user: { id: number } };
let alice: U, bob: U, carol: U;
beforeAll(async () => {
  server = await startServer({ port: 0 });
  [alice, bob, carol] = await Promise.all(["alice", "bob", "carol"].map((name) => signedIn(server, name)));
});
afterAll(async () => {
  await server.close();
});

describe("search", () => {
  test("messages and dialog names in the user's own dialogs, case-sensitive", async () => {
    const project = await alice.cc.chat.dialog.create({
      type: DialogType.GROUP,
      name: "Project Apollo",
      occupants_ids: [bob.user.id],
    });
    const other = await carol.cc.chat.dialog.create({ type: DialogType.GROUP, name: "Apollo fans", occupants_ids: [] });
    const now = Math.floor(Date.now() / 1000);
    await bob.cc.chat.message.create({
      chat_dialog_id: project._id,
      message: "the Apollo launch is at noon",
      date_sent: now - 60,
    });
    await alice.cc.chat.message.create({
      chat_dialog_id: project._id,
      message: "apollo in lower case",
      date_sent: now - 30,
    });
    await carol.cc.chat.message.create({ chat_dialog_id: other._id, message: "Apollo elsewhere" });

    const { results } = await alice.cc.chat.search({ search_text: "Apollo" });
    expect(results.dialogs.map((d) => d._id)).toEqual([project._id]);
    expect((results.messages as Array<{ message: string }>).map((m) => m.message)).toEqual([
      "the Apollo launch is at noon",
    ]);
    expect(results.users.map((u) => u.id).sort()).toEqual([alice.user.id, bob.user.id].sort());

    const ranged = await alice.cc.chat.search({
      search_text: "Apollo",
      start_date: new Date(),
      end_date: new Date(Date.now() - 45_000),
    });
    expect(ranged.results.messages).toHaveLength(0);
    const scoped = await alice.cc.chat.search({ search_text: "lower case", chat_dialog_ids: [project._id] });
    expect(scoped.results.messages).toHaveLength(1);
  });

  test("bad parameters answer 422 per field", async () => {
    const short = await rejection(alice.cc.chat.search({ search_text: "abcd" }));
    expect(short).toEqual({ code: 422, info: { errors: { search_text: ["must be longer than 4 characters"] } } });
    const ids = Array.from({ length: 11 }, (_, i) => i.toString(16).padStart(24, "0"));
    const tooMany = await rejection(alice.cc.chat.search({ search_text: "hello", chat_dialog_ids: ids }));
    expect(Object.keys((tooMany.info as { errors: object }).errors)).toEqual(["chat_dialog_ids"]);
    const wide = await rejection(
      alice.cc.chat.search({
        search_text: "hello",
        start_date: "2024-06-01T00:00:00Z",
        end_date: "2024-01-01T00:00:00Z",
      }),
    );
    expect(Object.keys((wide.info as { errors: object }).errors)).toEqual(["end_date"]);
    const limit = await api(server, "GET", "/chat/search.json?search_text=hello&limit=500&start_date=nope", {
      token: tokenOf(alice.cc),
    });
    expect(limit.status).toBe(422);
    expect(Object.keys(limit.body.errors).sort()).toEqual(["limit", "start_date"]);
  });
});
