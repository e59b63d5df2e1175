import { aDialog } from "@chatcube/test-utils/core/testData.js";
import { describe, expect, it } from "@jest/globals";
import { createMemoryPersistence } from "../persistence/memory/createMemoryPersistence.js";
import { createDialogsStore } from "../stores/dialogs/createDialogsStore.js";
import { upsertDialogs } from "../stores/dialogs/dialogsReducer.js";
import { createMessagesStore } from "../stores/messages/createMessagesStore.js";
import { createOutbox } from "../sync/createOutbox.js";
import { createOutboxWork } from "../sync/outboxWork.js";
import { createManualClock } from "../time/createManualClock.js";
import { createUserData } from "./createUserData.js";

const alice = { id: 7, login: "alice", fullName: "Alice", email: null, avatar: null, customData: null } as never;

async function setup() {
  const persistence = createMemoryPersistence();
  const cached = await persistence.open({ appId: 1, userId: 7 });
  await cached.putDialogs([aDialog("65f000000000000000000001", { unreadCount: 2 })]);
  await cached.setCursor("dialogs", 77_000);
  await cached.close();

  const clock = createManualClock(1);
  const dialogs = createDialogsStore();
  const messages = createMessagesStore();
  const steps: string[] = [];
  const outbox = createOutbox({
    transport: {},
    messages,
    persistence: () => userData.db(),
    isOnline: () => false,
    reportError: () => {},
    work: createOutboxWork({
      transport: { send: async () => {}, sendTracked: async () => {} } as never,
      rest: {} as never,
      jid: { appId: 1, domain: "localhost" },
      clock,
      recipientOf: () => null,
    }),
  });
  const userData = createUserData({
    appId: 1,
    persistence,
    dialogs,
    messages,
    outbox,
    clock,
    reportError: (error) => steps.push(`error ${error.message}`),
    eagerMessages: 100,
    onRestored: () => {},
    seedCursor: (cursor) => steps.push(`cursor ${cursor}`),
    connect: () => steps.push(`connect with ${dialogs.list.get().length} dialog(s) shown`),
    disconnect: async () => void steps.push("disconnect"),
    forget: [() => steps.push("forget stores"), () => dialogs.state.set(createDialogsStore().state.get())],
  });
  return { persistence, dialogs, userData, steps, clock };
}

describe("createUserData", () => {
  it("opens the user's database, publishes the cache and seeds the cursor before connecting", async () => {
    const t = await setup();
    expect(t.userData.db()).toBeNull();
    await t.userData.open(alice);
    expect(t.userData.db()).not.toBeNull();
    expect(t.steps).toEqual(["cursor 77000", "connect with 1 dialog(s) shown"]);
    expect(t.dialogs.list.get().map((d) => d.unreadCount)).toEqual([2]);
  });

  it("keeps what the stores wrote when closing with keepData, and deletes it otherwise", async () => {
    const t = await setup();
    await t.userData.open(alice);
    t.dialogs.apply((s) => upsertDialogs(s, [aDialog("65f000000000000000000002", { createdAt: 5 })]));
    await t.userData.close({ keepData: true });
    expect(t.steps.slice(2)).toEqual(["disconnect", "forget stores"]);
    expect(t.userData.db()).toBeNull();
    expect(t.dialogs.list.get()).toEqual([]);

    await t.userData.open(alice); // the write-behind flushed the new dialog before the database closed
    expect(
      t.dialogs.list
        .get()
        .map((d) => d.id)
        .sort(),
    ).toEqual(["65f000000000000000000001", "65f000000000000000000002"]);

    await t.userData.close({ keepData: false });
    await t.userData.open(alice);
    expect(t.dialogs.list.get()).toEqual([]);
    expect(t.steps.filter((s) => s.startsWith("error"))).toEqual([]);
  });

  it("dispose writes what is pending and closes the database", async () => {
    const t = await setup();
    await t.userData.open(alice);
    t.dialogs.apply((s) => upsertDialogs(s, [aDialog("65f000000000000000000003", { createdAt: 9 })]));
    await t.userData.dispose();
    const reopened = await t.persistence.open({ appId: 1, userId: 7 });
    const snapshot = await reopened.load();
    expect(snapshot.dialogs.map((d) => d.id).sort()).toEqual(["65f000000000000000000001", "65f000000000000000000003"]);
  });
});
