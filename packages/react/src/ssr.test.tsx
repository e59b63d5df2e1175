/** @jest-environment node */

import { createChatClient } from "@chatcube/core";
import { describe, expect, it } from "@jest/globals";
import { renderToString } from "react-dom/server";
import { ChatProvider } from "./ChatProvider.js";
import { useConnection, useOutbox, useSession, useSync, useUnread } from "./useClientState.js";
import { useBlockList, useContacts, useLastActivity, usePresence } from "./useContacts.js";
import { useDialog, useDialogs } from "./useDialogs.js";
import { useMessages } from "./useMessages.js";
import { useTyping, useTypingInput } from "./useTyping.js";

function App() {
  const connection = useConnection();
  const dialogs = useDialogs();
  const { items, hasOlder } = useMessages("0123456789abcdef01234567");
  const typing = useTyping("0123456789abcdef01234567");
  const input = useTypingInput("0123456789abcdef01234567");
  useDialog("0123456789abcdef01234567");
  useSession();
  useSync();
  useOutbox();
  useContacts();
  usePresence(1);
  useLastActivity(1);
  useBlockList();
  return (
    <main>
      <p>{`status ${connection.status}, ${dialogs.length} dialogs, ${useUnread()} unread`}</p>
      <p>{`${items.length} messages, older: ${hasOlder}, ${typing.length} typing`}</p>
      <textarea {...input} readOnly />
    </main>
  );
}

describe("server rendering", () => {
  it("renders every hook in Node with a real client (no DOM, no subscriptions)", async () => {
    expect(typeof document).toBe("undefined");
    const client = createChatClient({
      appId: 1,
      authKey: "k",
      apiUrl: "http://127.0.0.1:9",
      chatUrl: "ws://127.0.0.1:9/ws",
      chatDomain: "localhost",
    });
    try {
      const html = renderToString(
        <ChatProvider client={client}>
          <App />
        </ChatProvider>,
      );
      expect(html).toContain("status idle, 0 dialogs, 0 unread");
      expect(html).toContain("0 messages, older: true, 0 typing");
    } finally {
      await client.dispose();
    }
  });
});
