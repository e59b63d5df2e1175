import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { DialogType } from "../../src/model/types.js";
import { parseMultipart } from "../../src/rest/parseMultipart.js";
import { parseParams } from "../../src/rest/parseParams.js";
import { type RunningServer, startServer } from "../../src/startServer.js";
import { api, signedIn, tokenOf } from "./helpers.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterAll(async () => {
  await server.close();
});

describe("query strings and form bodies", () => {
  test("bracket nesting, arrays, operators and encodings", () => {
    expect(parseParams("updated_at[gt]=1700000000&type[in]=2%2C3&limit=10")).toEqual({
      updated_at: { gt: "1700000000" },
      type: { in: "2,3" },
      limit: "10",
    });
    expect(parseParams("id[in][]=1&id[in][]=2&k[]=v&k[]=w")).toEqual({ id: { in: ["1", "2"] }, k: ["v", "w"] });
    expect(parseParams("?a=1&a=2&name=John+Doe&x[y][z]=%E2%9C%93")).toEqual({
      a: "2",
      name: "John Doe",
      x: { y: { z: "✓" } },
    });
    expect(parseParams("__proto__[polluted]=1&a[constructor]=2&ok=1")).toEqual({ ok: "1" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(parseParams("weird]=1&also[broken=2")).toEqual({ "weird]": "1", "also[broken": "2" });
  });

  test("multipart bodies as the SDK's form-data sends them", () => {
    const boundary = "----abc123";
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="key"\r\n\r\nuid1\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="Content-Type"\r\n\r\nimage/png\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from([0, 13, 10, 45, 45, 255]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const parts = parseMultipart(body, `multipart/form-data; boundary=${boundary}`);
    expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
      ["key", null, null],
      ["Content-Type", null, null],
      ["file", null, "application/octet-stream"],
    ]);
    expect(parts[0].data.toString()).toBe("uid1");
    expect([...parts[2].data]).toEqual([0, 13, 10, 45, 45, 255]);
    expect(() => parseMultipart(Buffer.from("nothing"), "multipart/form-data; boundary=x")).toThrow();
  });

  test("through the server: nested query filters, form bodies, JSON sent as text/plain", async () => {
    const owner = await signedIn(server, "reader");
    const token = tokenOf(owner.cc);
    const groupId = (await owner.cc.chat.dialog.create({ type: DialogType.GROUP, name: "Alpha", occupants_ids: [] }))
      ._id;
    const publicId = (await owner.cc.chat.dialog.create({ type: DialogType.PUBLIC, name: "Beta" }))._id;
    const inList = await api(server, "GET", "/chat/Dialog.json?type[in]=1%2C3&sort_asc=name", { token });
    expect(inList.body.items.map((d: { _id: string }) => d._id)).toEqual([publicId]);
    const ninList = await api(server, "GET", "/chat/Dialog.json?type[nin][]=1&type[nin][]=3", { token });
    expect(ninList.body.items.map((d: { _id: string }) => d._id)).toEqual([groupId]);
    const all = await api(server, "GET", `/chat/Dialog.json?occupants_ids[all]=${owner.user.id}&name[start_with]=al`, {
      token,
    });
    expect(all.body.items.map((d: { _id: string }) => d._id)).toEqual([groupId]);

    const form = await api(server, "PUT", `/chat/Dialog/${groupId}.json`, {
      token,
      body: "name=Form+Name&extensions[k]=v",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(form.body).toMatchObject({ name: "Form Name", extensions: { k: "v" } });
    const plain = await api(server, "PUT", `/chat/Dialog/${groupId}.json`, {
      token,
      body: JSON.stringify({ description: "plain" }),
    });
    expect(plain.body.description).toBe("plain");
  });

  test("broadcast dialogs take posts from the owner only; at most 5 admins", async () => {
    const owner = await signedIn(server, "bcast");
    const listeners = await Promise.all(Array.from({ length: 6 }, () => signedIn(server, "listener")));
    const ids = listeners.map((l) => l.user.id);
    const broadcast = await owner.cc.chat.dialog.create({
      type: DialogType.BROADCAST,
      name: "News",
      occupants_ids: ids,
    });
    expect((await owner.cc.chat.message.create({ chat_dialog_id: broadcast._id, message: "news" })).message).toBe(
      "news",
    );
    const denied = await api(server, "POST", "/chat/Message.json", {
      token: tokenOf(listeners[0].cc),
      json: { chat_dialog_id: broadcast._id, message: "reply" },
    });
    expect(denied.status).toBe(403);
    const tooMany = await api(server, "PUT", `/chat/Dialog/${broadcast._id}/admins.json`, {
      token: tokenOf(owner.cc),
      json: { push_all: { admins_ids: ids } },
    });
    expect(tooMany).toMatchObject({
      status: 422,
      body: { errors: { admins_ids: [expect.stringContaining("at most 5")] } },
    });
  });
});
