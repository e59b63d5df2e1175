import { type ChatClient, DialogType } from "@chatcube/core";
import type { RunningServer } from "@chatcube/server";
import { createTestUser, onlineClient, startChatServer, valueOf } from "@chatcube/test-utils/server";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { mount } from "@vue/test-utils";
import { defineComponent, h, nextTick } from "vue";
import { createChatPlugin, useConnection, useMessages, useTyping, useTypingInput, useUnread } from "../src/index.js";

let server: RunningServer;
const clients: ChatClient[] = [];
beforeAll(async () => {
  server = await startChatServer();
});
afterAll(async () => {
  for (const client of clients) await client.dispose();
  await server.close();
});

const Thread = defineComponent({
  props: { dialogId: { type: String, required: true } },
  setup(props) {
    const connection = useConnection();
    const unread = useUnread();
    const messages = useMessages(() => props.dialogId);
    const typing = useTyping(() => props.dialogId);
    const input = useTypingInput(() => props.dialogId);
    return () =>
      h("section", [
        h("h1", `${connection.value.status}, ${unread.value} unread`),
        h(
          "ul",
          messages.value.items.map((m) => h("li", { key: m.id }, `${m.body} (${m.status})`)),
        ),
        h("p", typing.value.length > 0 ? "someone is typing" : "quiet"),
        h("input", { ...input }),
      ]);
  },
});

/** Resolves once `check` passes, retrying every 20 ms. */
async function eventually(check: () => void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await nextTick();
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe("Vue composables with real clients on the real server", () => {
  it("bob's component shows alice's message, unread count and typing live; alice's sees it read", async () => {
    const [aliceUser, bobUser] = [await createTestUser(server, "alice"), await createTestUser(server, "bob")];
    const alice = await onlineClient(server, aliceUser);
    const bob = await onlineClient(server, bobUser);
    clients.push(alice, bob);
    const dialog = await alice.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobUser.id] });
    await valueOf(bob.dialogs.list, (list) => list.some((d) => d.id === dialog.id), "bob's list to show the dialog");

    const bobView = mount(Thread, { props: { dialogId: dialog.id }, global: { plugins: [createChatPlugin(bob)] } });
    const aliceView = mount(Thread, { props: { dialogId: dialog.id }, global: { plugins: [createChatPlugin(alice)] } });
    expect(bobView.get("h1").text()).toBe("online, 0 unread");

    await alice.messages.send(dialog.id, { body: "hello bob" });
    await eventually(() => expect(bobView.text()).toContain("hello bob"));
    await eventually(() => expect(bobView.get("h1").text()).toBe("online, 1 unread"));

    await aliceView.get("input").setValue("are you there");
    await eventually(() => expect(bobView.text()).toContain("someone is typing"));
    await aliceView.get("input").trigger("blur");
    await eventually(() => expect(bobView.text()).toContain("quiet"));

    await bob.messages.markRead(dialog.id);
    await eventually(() => expect(aliceView.text()).toContain("hello bob (read)"));
    bobView.unmount();
    aliceView.unmount();
  });
});
