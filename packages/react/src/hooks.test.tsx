import { aDialog, aMessage, createFakeClient, type FakeChat } from "@chatcube/test-utils";
import { describe, expect, it } from "@jest/globals";
import { act, fireEvent, render } from "@testing-library/react";
import { type ReactNode, StrictMode } from "react";
import { ChatProvider, useChatClient } from "./ChatProvider.js";
import { useAuth, useConnection, useOutbox, useSession, useSync, useUnread } from "./useClientState.js";
import { useBlockList, useContacts, useLastActivity, usePresence } from "./useContacts.js";
import { useDialog, useDialogs } from "./useDialogs.js";
import { useMessages } from "./useMessages.js";
import { useTyping, useTypingInput } from "./useTyping.js";

const renders: Record<string, number> = {};
const count = (name: string) => void (renders[name] = (renders[name] ?? 0) + 1);

function withClient(fake: FakeChat, children: ReactNode) {
  return render(
    <StrictMode>
      <ChatProvider client={fake.client}>{children}</ChatProvider>
    </StrictMode>,
  );
}

function DialogRow({ id }: { id: string }) {
  const dialog = useDialog(id);
  const unread = useUnread(id);
  count(`row ${id}`);
  return <li>{`${dialog?.name}: ${unread}`}</li>;
}

function Thread({ id }: { id: string }) {
  const { items } = useMessages(id);
  const typing = useTyping(id);
  count(`thread ${id}`);
  return <p>{`${items.map((m) => m.body).join("|")} ${typing.length ? "typing" : ""}`}</p>;
}

describe("React hooks over a fake client", () => {
  it("a component for dialog A does not re-render when dialog B changes", () => {
    const fake = createFakeClient();
    fake.dialogs.set({ A: aDialog("A"), B: aDialog("B") });
    for (const key of Object.keys(renders)) delete renders[key];
    const view = withClient(
      fake,
      <>
        <DialogRow id="A" />
        <DialogRow id="B" />
        <Thread id="A" />
        <Thread id="B" />
      </>,
    );
    const before = { ...renders };
    act(() => fake.dialogs.update((all) => void ((all.B.name = "Bee"), (all.B.unreadCount = 3))));
    act(() => fake.windows("B").set({ ...fake.windows("B").get(), items: [aMessage("m1", "B", "hi")] }));
    act(() => fake.typing("B").set([7]));
    expect(renders["row A"]).toBe(before["row A"]);
    expect(renders["thread A"]).toBe(before["thread A"]);
    expect(renders["row B"]).toBeGreaterThan(before["row B"]);
    expect(renders["thread B"]).toBeGreaterThan(before["thread B"]);
    expect(view.container.textContent).toContain("Bee: 3");
    expect(view.container.textContent).toContain("hi typing");
  });

  it("unmount releases every subscription (StrictMode mounts twice)", () => {
    const fake = createFakeClient();
    function Everything() {
      useDialogs();
      useDialog("A");
      useMessages("A");
      useTyping("A");
      useUnread();
      useOutbox("A");
      useConnection();
      useSession();
      useSync();
      useContacts();
      usePresence(2);
      useLastActivity(2);
      useBlockList();
      return null;
    }
    const view = withClient(fake, <Everything />);
    expect(fake.subscribers()).toBe(13);
    view.unmount();
    expect(fake.subscribers()).toBe(0);
  });

  it("useMessages hands loadOlder through and reports the window", async () => {
    const fake = createFakeClient();
    let seen: ReturnType<typeof useMessages> | null = null;
    function Pane() {
      seen = useMessages("A");
      return null;
    }
    withClient(fake, <Pane />);
    act(() =>
      fake
        .windows("A")
        .set({ items: [aMessage("m1", "A")], hasOlder: true, loadingOlder: true, error: null, detached: false }),
    );
    expect(seen).toMatchObject({ items: [{ id: "m1" }], hasOlder: true, loadingOlder: true, error: null });
    await seen!.loadOlder();
    expect(fake.calls).toEqual(["messages.loadOlder A"]);
  });

  it("useTypingInput starts typing on input, stops when emptied, on blur and on unmount", () => {
    const fake = createFakeClient();
    function Composer() {
      return <textarea aria-label="message" {...useTypingInput("A")} />;
    }
    const view = withClient(fake, <Composer />);
    const input = view.getByLabelText("message");
    fake.calls.length = 0; // StrictMode's simulated unmount already called stop (a no-op in core)
    fireEvent.change(input, { target: { value: "h" } });
    fireEvent.change(input, { target: { value: "" } });
    fireEvent.change(input, { target: { value: "hey" } });
    fireEvent.blur(input);
    expect(fake.calls).toEqual(["typing.start A", "typing.stop A", "typing.start A", "typing.stop A"]);
    view.unmount();
    expect(fake.calls.at(-1)).toBe("typing.stop A");
  });

  it("client-wide state: connection, session, sync, unread total and outbox per dialog", () => {
    const fake = createFakeClient();
    let state: unknown = null;
    function Status() {
      state = {
        connection: useConnection().status,
        sync: useSync().state,
        session: useSession(),
        unread: useUnread(),
        outbox: useOutbox("B").length,
        auth: useAuth().status,
      };
      return null;
    }
    withClient(fake, <Status />);
    act(() => {
      fake.connection.update((c) => void (c.status = "online"));
      fake.sync.update((s) => void (s.state = "synced"));
      fake.dialogs.set({ A: aDialog("A", { unreadCount: 2 }), B: aDialog("B", { unreadCount: 1 }) });
      fake.auth.set({ status: "expired", user: null });
    });
    expect(state).toEqual({
      connection: "online",
      sync: "synced",
      session: null,
      unread: 3,
      outbox: 0,
      auth: "expired",
    });
  });

  it("contacts, presence, last activity and the block list", () => {
    const fake = createFakeClient();
    let presenceRenders = 0;
    function Peer() {
      const presence = usePresence(2);
      const activity = useLastActivity(2);
      const blocked = useBlockList();
      presenceRenders += 1;
      return (
        <p>{`${presence?.online ? "online" : "offline"} ${activity.seconds}s ${blocked.has(2) ? "blocked" : ""}`}</p>
      );
    }
    const view = withClient(fake, <Peer />);
    const rendersBefore = presenceRenders;
    act(() =>
      fake.contacts.set([
        {
          userId: 3,
          name: "carol",
          subscription: "both",
          pending: false,
          presence: { online: true, show: null, status: null },
        },
      ]),
    );
    expect(presenceRenders).toBe(rendersBefore);
    act(() => {
      fake.contacts.set([
        {
          userId: 2,
          name: "bob",
          subscription: "both",
          pending: false,
          presence: { online: true, show: null, status: null },
        },
      ]);
      fake.lastActivity(2).set({ online: true, seconds: 0, at: 5000, error: null });
      fake.privacy.set({ blocked: new Set([2]) });
    });
    expect(view.container.textContent).toBe("online 0s blocked");
  });

  it("hooks with no dialog or user read empty values; useChatClient outside a provider throws", () => {
    const fake = createFakeClient();
    let seen: unknown = null;
    function Nothing() {
      seen = {
        dialog: useDialog(null),
        messages: useMessages(undefined).items,
        typing: useTyping(null),
        activity: useLastActivity(null).online,
      };
      return null;
    }
    withClient(fake, <Nothing />);
    expect(seen).toEqual({ dialog: undefined, messages: [], typing: [], activity: null });
    expect(fake.subscribers()).toBe(0);
    function Orphan() {
      useChatClient();
      return null;
    }
    const quiet = console.error;
    console.error = () => {};
    try {
      expect(() => render(<Orphan />)).toThrow(/ChatProvider/);
    } finally {
      console.error = quiet;
    }
  });
});
