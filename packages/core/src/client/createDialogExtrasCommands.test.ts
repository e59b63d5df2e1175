import { errorBody, type FakeReply } from "@chatcube/test-utils/core/createFakeFetch.js";
import { createTestRestClient } from "@chatcube/test-utils/core/createTestRestClient.js";
import { aDialog } from "@chatcube/test-utils/core/testData.js";
import { wireDialog, wireUser } from "@chatcube/test-utils/core/wireFixtures.js";
import { describe, expect, it } from "@jest/globals";
import type { Element } from "@xmpp/xml";
import { createDialogsStore } from "../stores/dialogs/createDialogsStore.js";
import { upsertDialogs } from "../stores/dialogs/dialogsReducer.js";
import { createManualClock } from "../time/createManualClock.js";
import { createDialogExtrasCommands } from "./createDialogExtrasCommands.js";

const D = "65f000000000000000000001";
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(script: FakeReply[], self = 101) {
  const { rest, requests } = createTestRestClient(script);
  const dialogs = createDialogsStore();
  dialogs.apply((s) =>
    upsertDialogs(s, [aDialog(D, { ownerId: 101, occupantIds: [101, 202, 303], adminIds: [202, 303, 404, 505] })]),
  );
  const sent: Element[] = [];
  const patches: unknown[] = [];
  const extras = createDialogExtrasCommands({
    rest,
    dialogs,
    jid: { appId: 1, domain: "localhost" },
    clock: createManualClock(1_700_000_000_000),
    selfUserId: () => self,
    send: (s) => void sent.push(s),
    update: async (id, patch) => (patches.push([id, patch]), aDialog(id)),
  });
  return { extras, requests, dialogs, sent, patches };
}

describe("dialog extras", () => {
  it("pages occupants until a short page", async () => {
    const t = setup([{ json: { items: [wireUser(1), wireUser(2)] } }, { json: { items: [wireUser(3)] } }]);
    const pager = t.extras.occupants(D, { pageSize: 2 });
    await settle();
    expect(pager.get()).toMatchObject({ hasMore: true, loading: false });
    await pager.loadMore();
    expect(pager.get().items.map((u) => u.id)).toEqual([1, 2, 3]);
    expect(pager.get().hasMore).toBe(false);
    expect(t.requests.map((r) => r.query)).toEqual(["limit=2&skip=0", "limit=2&skip=2"]);
  });

  it("admins through PUT …/admins.json (owner only, at most 5), then the occupants hear of the change", async () => {
    const t = setup([
      { json: wireDialog(D, { admins_ids: [202, 303, 404, 505, 606] }) },
      { json: wireDialog(D, { admins_ids: [303] }) },
    ]);
    const dialog = await t.extras.addAdmins(D, [606]);
    expect(dialog.adminIds).toEqual([202, 303, 404, 505, 606]);
    expect(JSON.parse(t.requests[0].body)).toEqual({ push_all: { admins_ids: [606] } });
    expect(t.requests[0].path).toBe(`/chat/Dialog/${D}/admins.json`);
    expect(t.sent.map((s) => s.attrs.to)).toEqual(["202-1@localhost"]);
    await expect(t.extras.addAdmins(D, [707])).rejects.toMatchObject({ code: "validation" });
    await t.extras.removeAdmins(D, [202, 404]);
    expect(JSON.parse(t.requests[1].body)).toEqual({ pull_all: { admins_ids: [202, 404] } });
    expect(t.dialogs.state.get().byId.get(D)!.adminIds).toEqual([303]);
    await expect(setup([], 202).extras.addAdmins(D, [303])).rejects.toMatchObject({ code: "forbidden" });
  });

  it("pins through the dialog update; notification settings are shown at once and put back when refused", async () => {
    const t = setup([{ json: { notifications: { enabled: 1 } } }, { status: 403, json: errorBody("not an occupant") }]);
    await t.extras.pin(D, ["m1"]);
    await t.extras.unpin(D, ["m1"]);
    expect(t.patches).toEqual([
      [D, { pinMessageIds: ["m1"] }],
      [D, { unpinMessageIds: ["m1"] }],
    ]);
    const setting = t.extras.notifications.forDialog(D);
    expect(setting.get()).toBeNull();
    expect(await t.extras.notifications.get(D)).toBe(true);
    const seen: Array<boolean | null> = [];
    setting.subscribe((v) => seen.push(v));
    await expect(t.extras.notifications.set(D, false)).rejects.toMatchObject({ code: "forbidden" });
    expect(seen).toEqual([true, false, true]);
  });
});
