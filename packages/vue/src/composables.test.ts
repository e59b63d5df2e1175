import { createStore, shallowEqual } from "@chatcube/core";
import { aDialog, aMessage, createFakeClient, type FakeChat } from "@chatcube/test-utils";
import { describe, expect, it } from "@jest/globals";
import { mount } from "@vue/test-utils";
import { type Component, defineComponent, effectScope, h, nextTick, ref } from "vue";
import { createChatPlugin, provideChatClient, useChatClient } from "./chatPlugin.js";
import { useAuth, useConnection, useOutbox, useSession, useSync, useUnread } from "./useClientState.js";
import { useBlockList, useContacts, useLastActivity, usePresence } from "./useContacts.js";
import { useDialog, useDialogs } from "./useDialogs.js";
import { useMessages } from "./useMessages.js";
import { useReadable } from "./useReadable.js";
import { useTyping, useTypingInput } from "./useTyping.js";

const renders: Record<string, number> = {};
const count = (name: string) => void (renders[name] = (renders[name] ?? 0) + 1);

const mountWith = (fake: FakeChat, component: Component, props: Record<string, unknown> = {}) =>
  mount(component, { props, global: { plugins: [createChatPlugin(fake.client)] } });

const DialogRow = defineComponent({
  props: { id: { type: String, required: true } },
  setup(props) {
    const dialog = useDialog(() => props.id);
    const unread = useUnread(() => props.id);
    return () => (count(`row ${props.id}`), h("li", `${dialog.value?.name}: ${unread.value}`));
  },
});

const Thread = defineComponent({
  props: { id: { type: String, required: true } },
  setup(props) {
    const messages = useMessages(() => props.id);
    const typing = useTyping(() => props.id);
    return () => (
      count(`thread ${props.id}`),
      h("p", `${messages.value.items.map((m) => m.body).join("|")} ${typing.value.length ? "typing" : ""}`)
    );
  },
});

describe("Vue composables over a fake client", () => {
  it("a component for dialog A does not re-render when dialog B changes", async () => {
    const fake = createFakeClient();
    fake.dialogs.set({ A: aDialog("A"), B: aDialog("B") });
    const Both = defineComponent(() => () => [
      h(DialogRow, { id: "A" }),
      h(DialogRow, { id: "B" }),
      h(Thread, { id: "A" }),
      h(Thread, { id: "B" }),
    ]);
    const wrapper = mountWith(fake, Both);
    const before = { ...renders };
    fake.dialogs.update((all) => void ((all.B.name = "Bee"), (all.B.unreadCount = 3)));
    fake.windows("B").set({ ...fake.windows("B").get(), items: [aMessage("m1", "B", "hi")] });
    fake.typing("B").set([7]);
    await nextTick();
    expect(renders["row A"]).toBe(before["row A"]);
    expect(renders["thread A"]).toBe(before["thread A"]);
    expect(renders["row B"]).toBeGreaterThan(before["row B"]);
    expect(wrapper.text()).toContain("Bee: 3");
    expect(wrapper.text()).toContain("hi typing");
  });

  it("unmount releases every subscription", () => {
    const fake = createFakeClient();
    const Everything = defineComponent(() => {
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
      return () => null;
    });
    const wrapper = mountWith(fake, Everything);
    expect(fake.subscribers()).toBe(13);
    wrapper.unmount();
    expect(fake.subscribers()).toBe(0);
  });

  it("a ref or getter id moves the subscription, and an effectScope releases it when stopped", () => {
    const fake = createFakeClient();
    fake.dialogs.set({ A: aDialog("A"), B: aDialog("B", { name: "Bee" }) });
    const id = ref<string | null>("A");
    const scope = effectScope();
    let name = "";
    scope.run(() => {
      const dialog = useReadable(
        () => (id.value ? fake.client.dialogs.get(id.value) : fake.client.dialogs.get("none")),
        (d) => d?.name ?? "none",
      );
      name = dialog.value;
      id.value = "B";
      name += ` → ${dialog.value}`;
      id.value = null;
      name += ` → ${dialog.value}`;
    });
    expect(name).toBe("Dialog A → Bee → none");
    expect(fake.subscribers()).toBe(1);
    scope.stop();
    expect(fake.subscribers()).toBe(0);
  });

  it("useReadable with a selector and isEqual triggers only when the selection changes", async () => {
    const store = createStore({ items: [1, 2, 3], other: 0 });
    let renders = 0;
    const Odd = defineComponent(() => {
      const odd = useReadable(store, (s) => s.items.filter((n) => n % 2 === 1), shallowEqual);
      return () => (renders++, h("p", odd.value.join(",")));
    });
    const wrapper = mount(Odd);
    store.update((s) => void s.items.push(4));
    store.update((s) => void (s.other = 1));
    await nextTick();
    expect(renders).toBe(1);
    store.update((s) => void s.items.push(5));
    await nextTick();
    expect(wrapper.text()).toBe("1,3,5");
    expect(renders).toBe(2);
  });

  it("useMessages gives a ref of the view and hands loadOlder through", async () => {
    const fake = createFakeClient();
    let view: ReturnType<typeof useMessages> | null = null;
    mountWith(
      fake,
      defineComponent(() => ((view = useMessages("A")), () => null)),
    );
    fake
      .windows("A")
      .set({ items: [aMessage("m1", "A")], hasOlder: true, loadingOlder: true, error: null, detached: false });
    expect(view!.value.items.map((m) => m.id)).toEqual(["m1"]);
    expect([view!.value.hasOlder, view!.value.loadingOlder, view!.value.error]).toEqual([true, true, null]);
    await view!.value.loadOlder();
    expect(fake.calls).toEqual(["messages.loadOlder A"]);
  });

  it("useTypingInput starts on input, stops when emptied, on blur, on dialog change and on unmount (core's policy: only where it started)", async () => {
    const fake = createFakeClient();
    const Composer = defineComponent({
      props: { id: { type: String, required: true } },
      setup: (props) => {
        const typing = useTypingInput(() => props.id);
        return () => h("textarea", { ...typing });
      },
    });
    const wrapper = mountWith(fake, Composer, { id: "A" });
    const input = wrapper.get("textarea");
    await input.setValue("h");
    await input.setValue("");
    await input.setValue("hey");
    await input.trigger("blur");
    await wrapper.setProps({ id: "B" });
    await input.setValue("x");
    await wrapper.setProps({ id: "C" });
    await input.setValue("y");
    wrapper.unmount();
    expect(fake.calls).toEqual([
      "typing.start A",
      "typing.stop A",
      "typing.start A",
      "typing.stop A",
      "typing.start B",
      "typing.stop B",
      "typing.start C",
      "typing.stop C",
    ]);
  });

  it("client-wide state, contacts, presence, last activity and the block list", () => {
    const fake = createFakeClient();
    let seen: Record<string, { value: unknown }> = {};
    mountWith(
      fake,
      defineComponent(() => {
        seen = {
          connection: useConnection(),
          sync: useSync(),
          session: useSession(),
          auth: useAuth(),
          unread: useUnread(),
          presence: usePresence(2),
          activity: useLastActivity(2),
          blocked: useBlockList(),
        };
        return () => null;
      }),
    );
    fake.connection.update((c) => void (c.status = "online"));
    fake.dialogs.set({ A: aDialog("A", { unreadCount: 2 }), B: aDialog("B", { unreadCount: 1 }) });
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
    fake.auth.set({ status: "expired", user: null });
    expect((seen.auth.value as { status: string }).status).toBe("expired");
    expect((seen.connection.value as { status: string }).status).toBe("online");
    expect(seen.unread.value).toBe(3);
    expect(seen.presence.value).toEqual({ online: true, show: null, status: null });
    expect(seen.activity.value).toEqual({ online: true, seconds: 0, at: 5000, error: null });
    expect([...(seen.blocked.value as Set<number>)]).toEqual([2]);
  });

  it("provideChatClient provides below a component; useChatClient without a client throws", () => {
    const fake = createFakeClient();
    let found: unknown = null;
    const Child = defineComponent(() => ((found = useChatClient()), () => null));
    mount(defineComponent(() => (provideChatClient(fake.client), () => h(Child))));
    expect(found).toBe(fake.client);
    const warn = console.warn;
    console.warn = () => {};
    try {
      expect(() => mount(defineComponent(() => (useChatClient(), () => null)))).toThrow(/no chatcube client/);
    } finally {
      console.warn = warn;
    }
  });
});
