// Test-only: one table of behaviours that the React, Vue and Svelte bindings must all show, run by each binding's
// test/contract.test.* through a small harness (how that framework mounts a component, changes a prop, fires
// input events). The hooks are one line over core's Readables, so the three must behave the same.

import { describe, expect, it } from "@jest/globals";
import { aDialog, aMessage, createFakeClient, type FakeChat } from "./createFakeClient.js";

/** The hooks every binding exports under the same names. */
export type HookName =
  | "useAuth"
  | "useBlockList"
  | "useConnection"
  | "useContacts"
  | "useDialog"
  | "useDialogs"
  | "useLastActivity"
  | "useMessages"
  | "useOutbox"
  | "usePresence"
  | "useSession"
  | "useSync"
  | "useTabs"
  | "useTyping"
  | "useUnread";

/** A mounted component that calls one hook; values come back plain (a Vue ref or Svelte store read). */
export interface HookProbe {
  /** The value of the last render. */
  value(): unknown;
  /** How many times the component rendered (or the store notified it). */
  renders(): number;
  /** Changes the hook's argument as a prop would. */
  setArg(arg: unknown): Promise<void>;
  unmount(): void;
}

/** A mounted text input with `useTypingInput(dialogId)`. */
export interface InputProbe {
  type(text: string): Promise<void>;
  blur(): Promise<void>;
  setDialog(dialogId: string | null): Promise<void>;
  unmount(): void;
}

/** How a binding's test mounts things. */
export interface BindingHarness {
  mount(fake: FakeChat, hook: HookName, arg?: unknown): HookProbe;
  mountInput(fake: FakeChat, dialogId: string | null): InputProbe;
  /** Runs a change to the fake's stores and lets the framework render it. */
  change(run: () => void): Promise<void>;
}

interface Row {
  hook: HookName;
  arg?: unknown;
  /** What the test compares, from the hook's value. */
  read: (value: never) => unknown;
  before: unknown;
  change: (fake: FakeChat) => void;
  after: unknown;
}

const contact = (userId: number) => ({
  userId,
  name: null,
  subscription: "both" as const,
  pending: false,
  presence: { online: true, show: null, status: null },
});
const entry = (id: string, dialogId: string) => ({
  id,
  kind: "read" as const,
  dialogId,
  messageId: id,
  senderId: 2,
  createdAt: 1,
  state: "queued" as const,
  attempts: 0,
  nextAttemptAt: null,
  lastError: null,
});
const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);
const same = (value: unknown) => value;
const twoUnread = (fake: FakeChat) =>
  fake.dialogs.set({ A: aDialog("A", { unreadCount: 2 }), B: aDialog("B", { unreadCount: 1 }) });
const messageInA = (fake: FakeChat) =>
  fake.windows("A").set({ ...fake.windows("A").get(), items: [aMessage("m1", "A")] });
const outboxOfAB = (fake: FakeChat) => fake.outbox.set([entry("1", "A"), entry("2", "B")]);

/** Each hook, with its argument: its value before and after a change of the fake's stores. */
const ROWS: Row[] = [
  { hook: "useDialogs", read: ids, before: [], change: twoUnread, after: ["A", "B"] },
  {
    hook: "useDialog",
    arg: "A",
    read: (d?: { name: string }) => d?.name,
    before: undefined,
    change: twoUnread,
    after: "Dialog A",
  },
  { hook: "useDialog", arg: null, read: same, before: undefined, change: twoUnread, after: undefined },
  {
    hook: "useMessages",
    arg: "A",
    read: (v: { items: { id: string }[]; hasOlder: boolean }) => [ids(v.items), v.hasOlder],
    before: [[], true],
    change: messageInA,
    after: [["m1"], true],
  },
  {
    hook: "useMessages",
    arg: null,
    read: (v: { items: { id: string }[]; hasOlder: boolean }) => [ids(v.items), v.hasOlder],
    before: [[], false],
    change: messageInA,
    after: [[], false],
  },
  { hook: "useTyping", arg: "A", read: same, before: [], change: (f) => f.typing("A").set([7]), after: [7] },
  { hook: "useTyping", arg: null, read: same, before: [], change: (f) => f.typing("A").set([7]), after: [] },
  { hook: "useUnread", read: same, before: 0, change: twoUnread, after: 3 },
  { hook: "useUnread", arg: "A", read: same, before: 0, change: twoUnread, after: 2 },
  { hook: "useUnread", arg: "C", read: same, before: 0, change: twoUnread, after: 0 },
  { hook: "useOutbox", read: ids, before: [], change: outboxOfAB, after: ["1", "2"] },
  { hook: "useOutbox", arg: "A", read: ids, before: [], change: outboxOfAB, after: ["1"] },
  {
    hook: "useConnection",
    read: (c: { status: string }) => c.status,
    before: "idle",
    change: (f) => f.connection.update((c) => void (c.status = "online")),
    after: "online",
  },
  {
    hook: "useTabs",
    read: (t: { role: string; tabs: number }) => `${t.role} of ${t.tabs}`,
    before: "alone of 1",
    change: (f) => f.tabs.set({ role: "follower", term: 2, tabs: 3 }),
    after: "follower of 3",
  },
  {
    hook: "useSync",
    read: (s: { state: string }) => s.state,
    before: "idle",
    change: (f) => f.sync.update((s) => void (s.state = "synced")),
    after: "synced",
  },
  {
    hook: "useAuth",
    read: (a: { status: string }) => a.status,
    before: "signed-out",
    change: (f) => f.auth.set({ status: "expired", user: null }),
    after: "expired",
  },
  {
    hook: "useSession",
    read: (s: { token: string } | null) => s?.token,
    before: undefined,
    change: (f) => f.session.set({ token: "t", user: { id: 1 } } as never),
    after: "t",
  },
  {
    hook: "useContacts",
    read: (list: { userId: number }[]) => list.map((c) => c.userId),
    before: [],
    change: (f) => f.contacts.set([contact(2)]),
    after: [2],
  },
  {
    hook: "usePresence",
    arg: 2,
    read: (p?: { online: boolean }) => p?.online,
    before: undefined,
    change: (f) => f.contacts.set([contact(2)]),
    after: true,
  },
  {
    hook: "usePresence",
    arg: 2,
    read: same,
    before: undefined,
    change: (f) => f.contacts.set([contact(3)]),
    after: undefined,
  },
  {
    hook: "usePresence",
    arg: null,
    read: same,
    before: undefined,
    change: (f) => f.contacts.set([contact(2)]),
    after: undefined,
  },
  {
    hook: "useLastActivity",
    arg: 2,
    read: (a: { seconds: number | null }) => a.seconds,
    before: 60,
    change: (f) => f.lastActivity(2).set({ online: true, seconds: 0, at: 5000, error: null }),
    after: 0,
  },
  {
    hook: "useLastActivity",
    arg: null,
    read: (a: { online: boolean | null }) => a.online,
    before: null,
    change: (f) => f.lastActivity(2).set({ online: true, seconds: 0, at: 5000, error: null }),
    after: null,
  },
  {
    hook: "useBlockList",
    read: (blocked: ReadonlySet<number>) => [...blocked],
    before: [],
    change: (f) => f.privacy.set({ blocked: new Set([2]) }),
    after: [2],
  },
];

/** What a text input does, and the typing commands the client must receive (the input is unmounted last). */
const TYPING: { name: string; steps: (input: InputProbe) => Promise<void>; calls: string[] }[] = [
  {
    name: "typing starts on every change and stops when the input empties and on blur",
    steps: async (input) => {
      await input.type("h");
      await input.type("");
      await input.type("hey");
      await input.blur();
      await input.blur();
    },
    calls: ["typing.start A", "typing.stop A", "typing.start A", "typing.stop A"],
  },
  {
    name: "a change of dialog stops typing in the old one, only where it had started; so does unmounting",
    steps: async (input) => {
      await input.type("h");
      await input.setDialog("B");
      await input.setDialog("C");
      await input.type("x");
    },
    calls: ["typing.start A", "typing.stop A", "typing.start C", "typing.stop C"],
  },
  {
    name: "with no dialog nothing is sent",
    steps: async (input) => {
      await input.setDialog(null);
      await input.type("x");
      await input.setDialog("A");
      await input.type("y");
    },
    calls: ["typing.start A", "typing.stop A"],
  },
];

/** Runs the table against one binding. */
export function describeBindingContract(binding: string, harness: BindingHarness): void {
  describe(`${binding} binding: the shared contract`, () => {
    for (const row of ROWS) {
      const label = `${row.hook}(${row.arg === undefined ? "" : JSON.stringify(row.arg)})`;
      it(`${label} reads ${JSON.stringify(row.before)}, then ${JSON.stringify(row.after)}; unmount releases it`, async () => {
        const fake = createFakeClient();
        const probe = harness.mount(fake, row.hook, row.arg);
        const read = row.read as (value: unknown) => unknown;
        expect(read(probe.value())).toEqual(row.before);
        const renders = probe.renders();
        await harness.change(() => row.change(fake));
        expect(read(probe.value())).toEqual(row.after);
        // A change the hook does not show renders nothing more.
        if (JSON.stringify(row.before) === JSON.stringify(row.after)) expect(probe.renders()).toBe(renders);
        else expect(probe.renders()).toBeGreaterThan(renders);
        if (row.arg === null) expect(fake.subscribers()).toBe(0);
        probe.unmount();
        expect(fake.subscribers()).toBe(0);
      });
    }

    it("a new argument moves the subscription to the new key (and to nothing for null)", async () => {
      const fake = createFakeClient();
      fake.dialogs.set({ A: aDialog("A"), B: aDialog("B", { name: "Bee" }) });
      const probe = harness.mount(fake, "useDialog", "A");
      expect((probe.value() as { name: string }).name).toBe("Dialog A");
      await probe.setArg("B");
      expect((probe.value() as { name: string }).name).toBe("Bee");
      expect(fake.subscribers()).toBe(1);
      await harness.change(() => fake.dialogs.update((all) => void (all.B.name = "Bea")));
      expect((probe.value() as { name: string }).name).toBe("Bea");
      await probe.setArg(null);
      expect(probe.value()).toBeUndefined();
      expect(fake.subscribers()).toBe(0);
      probe.unmount();
    });

    it("useMessages hands loadOlder of the dialog through", async () => {
      const fake = createFakeClient();
      const probe = harness.mount(fake, "useMessages", "A");
      await (probe.value() as { loadOlder: () => Promise<void> }).loadOlder();
      expect(fake.calls).toEqual(["messages.loadOlder A"]);
      probe.unmount();
    });

    for (const { name, steps, calls } of TYPING) {
      it(`useTypingInput: ${name}`, async () => {
        const fake = createFakeClient();
        const input = harness.mountInput(fake, "A");
        await steps(input);
        input.unmount();
        expect(fake.calls).toEqual(calls);
      });
    }
  });
}
