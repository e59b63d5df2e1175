/** @jest-environment node */

import { createChatClient } from "@chatcube/core";
import { createFakeClient } from "@chatcube/test-utils";
import { describe, expect, it } from "@jest/globals";
import { createSSRApp, defineComponent, h } from "vue";
import { renderToString } from "vue/server-renderer";
import { createChatPlugin } from "./chatPlugin.js";
import { useConnection, useUnread } from "./useClientState.js";
import { useBlockList, useLastActivity } from "./useContacts.js";
import { useDialogs } from "./useDialogs.js";
import { useMessages } from "./useMessages.js";
import { useTyping } from "./useTyping.js";

const App = defineComponent(() => {
  const connection = useConnection();
  const dialogs = useDialogs();
  const unread = useUnread();
  const messages = useMessages("0123456789abcdef01234567");
  const typing = useTyping("0123456789abcdef01234567");
  useLastActivity(1);
  useBlockList();
  return () =>
    h("main", [
      h("p", `status ${connection.value.status}, ${dialogs.value.length} dialogs, ${unread.value} unread`),
      h(
        "p",
        `${messages.value.items.length} messages, older: ${messages.value.hasOlder}, ${typing.value.length} typing`,
      ),
    ]);
});

describe("server rendering", () => {
  it("renders with a real client in Node", async () => {
    const client = createChatClient({
      appId: 1,
      authKey: "k",
      apiUrl: "http://127.0.0.1:9",
      chatUrl: "ws://127.0.0.1:9/ws",
      chatDomain: "localhost",
    });
    try {
      const html = await renderToString(createSSRApp(App).use(createChatPlugin(client)));
      expect(html).toContain("status idle, 0 dialogs, 0 unread");
      expect(html).toContain("0 messages, older: true, 0 typing");
    } finally {
      await client.dispose();
    }
  });

  it("subscribes to nothing on the server", async () => {
    const fake = createFakeClient();
    await renderToString(createSSRApp(App).use(createChatPlugin(fake.client)));
    expect(fake.subscribers()).toBe(0);
  });
});
