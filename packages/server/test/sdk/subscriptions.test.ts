import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { DialogType, type UserRecord } from "../../src/model/types.js";
import { type RunningServer, startServer } from "../../src/startServer.js";
import { makeDialog, makeUser } from "../helpers/fixtures.js";
import { type Sdk, sdkClient } from "../helpers/sdk.js";
import { rejection } from "../rest/helpers.js";

/** Push subscriptions through the SDK's `pushnotifications.subscriptions`; nothing leaves the machine. */
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterAll(() => server.close());

async function signedIn(user: UserRecord): Promise<Sdk> {
  const cc = sdkClient(server);
  await cc.createSession({ login: user.login!, password: "password1" });
  return cc;
}

const android = {
  notification_channel: "gcm",
  push_token: { environment: "development", client_identification_sequence: "fcm-token-1" },
  device: { platform: "android", udid: "device-1" },
};
const browser = {
  notification_channel: "web",
  push_token: { environment: "production", web_endpoint: "http://127.0.0.1/push", web_auth: "auth", web_p256dh: "key" },
  device: { platform: "web", udid: "browser-1" },
};

describe("push subscriptions", () => {
  it("creates, lists and deletes a user's subscriptions; the same device re-subscribing replaces its entry", async () => {
    const user = makeUser(server, "subscriber");
    const cc = await signedIn(user);
    expect(await cc.pushnotifications.subscriptions.list()).toEqual([]);
    const created = (await cc.pushnotifications.subscriptions.create(android)) as unknown as Array<{
      subscription: { id: number };
    }>;
    expect(created).toEqual([
      {
        subscription: expect.objectContaining({
          notification_channel: { name: "gcm" },
          device: { udid: "device-1", platform: { name: "android" } },
        }),
      },
    ]);
    await cc.pushnotifications.subscriptions.create(browser);
    const again = (await cc.pushnotifications.subscriptions.create({
      ...android,
      push_token: { ...android.push_token, client_identification_sequence: "fcm-token-2" },
    })) as unknown as Array<{ subscription: { id: number } }>;
    expect(again[0].subscription.id).toBe(created[0].subscription.id);
    const listed = await cc.pushnotifications.subscriptions.list();
    expect(listed.map((s) => s.subscription.notification_channel.name)).toEqual(["gcm", "web"]);

    const stranger = await signedIn(makeUser(server, "stranger"));
    expect(await stranger.pushnotifications.subscriptions.list()).toEqual([]);
    expect((await rejection(stranger.pushnotifications.subscriptions.delete(created[0].subscription.id))).code).toBe(
      404,
    );

    expect(await cc.pushnotifications.subscriptions.delete(created[0].subscription.id)).toBe("");
    expect(
      (await cc.pushnotifications.subscriptions.list()).map((s) => s.subscription.notification_channel.name),
    ).toEqual(["web"]);
    expect((await rejection(cc.pushnotifications.subscriptions.delete(created[0].subscription.id))).code).toBe(404);
  });

  it("refuses a bad channel, platform, udid or token with 422", async () => {
    const cc = await signedIn(makeUser(server, "careless"));
    expect(
      (await rejection(cc.pushnotifications.subscriptions.create({ ...android, notification_channel: "pigeon" }))).code,
    ).toBe(422);
    expect(
      (
        await rejection(
          cc.pushnotifications.subscriptions.create({ ...android, device: { platform: "toaster", udid: "x" } }),
        )
      ).code,
    ).toBe(422);
    expect(
      (
        await rejection(
          cc.pushnotifications.subscriptions.create({ ...android, device: { platform: "android", udid: "" } }),
        )
      ).code,
    ).toBe(422);
    expect(
      (
        await rejection(
          cc.pushnotifications.subscriptions.create({ ...browser, push_token: { environment: "production" } } as never),
        )
      ).code,
    ).toBe(422);
    expect((await rejection(cc.pushnotifications.subscriptions.create({} as never))).code).toBe(422);
  });

  it("the dev view of chat alerts shows which subscriptions an alert would have reached", async () => {
    const [alice, bob, carol] = [makeUser(server, "alice"), makeUser(server, "bob"), makeUser(server, "carol")];
    const b = await signedIn(bob);
    await b.pushnotifications.subscriptions.create(android);
    await b.pushnotifications.subscriptions.create(browser);
    const group = makeDialog(server, alice, DialogType.GROUP, [bob, carol]);
    const a = await signedIn(alice);
    const sent = await a.chat.message.create({ chat_dialog_id: group._id, message: "anyone there?" });
    const pushes = async (userId: number) =>
      (
        (await (await fetch(`${server.apiUrl}/_dev/pushes?user_id=${userId}`)).json()) as {
          items: Array<{ message_id: string; subscriptions: unknown[] }>;
        }
      ).items;
    const [toBob] = await pushes(bob.id);
    expect(toBob.message_id).toBe(sent._id);
    expect(toBob.subscriptions).toEqual([
      expect.objectContaining({ notification_channel: "gcm", platform: "android", udid: "device-1" }),
      expect.objectContaining({ notification_channel: "web", platform: "web", udid: "browser-1" }),
    ]);
    const [toCarol] = await pushes(carol.id);
    expect(toCarol).toMatchObject({ message_id: sent._id, subscriptions: [] });
  });
});
