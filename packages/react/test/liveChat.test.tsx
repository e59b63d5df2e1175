/**
 * The server runs in-process and needs the Node builds of its dependencies (ws), not the browser ones jsdom picks.
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */

import { type ChatClient, DialogType } from "@chatcube/core";
import type { RunningServer } from "@chatcube/server";
import { createTestUser, onlineClient, startChatServer, valueOf } from "@chatcube/test-utils/server";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { act, fireEvent, render, waitFor, within } from "@testing-library/react";
import {
  ChatProvider,
  useConnection,
  useDialogs,
  useMessages,
  useTyping,
  useTypingInput,
  useUnread,
} from "../src/index.js";

let server: RunningServer;
const clients: ChatClient[] = [];
beforeAll(async () => {
  server = await startChatServer();
});
afterAll(async () => {
  for (const client of clients) await client.dispose();
  await server.close();
});

function Inbox() {
  const connection = useConnection();
  const dialogs = useDialogs();
  const unread = useUnread();
  return <h1>{`${connection.status}: ${dialogs.length} dialogs, ${unread} unread`}</h1>;
}

function Thread({ dialogId }: { dialogId: string }) {
  const { items } = useMessages(dialogId);
  const typing = useTyping(dialogId);
  return (
    <section>
      <ul>
        {items.map((m) => (
          <li key={m.id}>{`${m.body} (${m.status})`}</li>
        ))}
      </ul>
      <p>{typing.length > 0 ? "someone is typing" : "quiet"}</p>
      <input aria-label="composer" {...useTypingInput(dialogId)} />
    </section>
  );
}

describe("React hooks with real clients on the real server", () => {
  it("bob's components show alice's dialog, message, unread count and typing live", async () => {
    const [aliceUser, bobUser] = [await createTestUser(server, "alice"), await createTestUser(server, "bob")];
    const alice = await onlineClient(server, aliceUser);
    const bob = await onlineClient(server, bobUser);
    clients.push(alice, bob);
    const dialog = await alice.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobUser.id] });
    await valueOf(bob.dialogs.list, (list) => list.some((d) => d.id === dialog.id), "bob's list to show the dialog");

    const bobView = render(
      <ChatProvider client={bob}>
        <Inbox />
        <Thread dialogId={dialog.id} />
      </ChatProvider>,
    );
    const aliceView = render(
      <ChatProvider client={alice}>
        <Thread dialogId={dialog.id} />
      </ChatProvider>,
    );
    await waitFor(() =>
      expect(within(bobView.container).getByRole("heading").textContent).toBe("online: 1 dialogs, 0 unread"),
    );

    await act(() => alice.messages.send(dialog.id, { body: "hello bob" }).then(() => undefined));
    await waitFor(() => expect(bobView.container.textContent).toContain("hello bob"), { timeout: 5000 });
    await waitFor(() =>
      expect(within(bobView.container).getByRole("heading").textContent).toBe("online: 1 dialogs, 1 unread"),
    );

    fireEvent.change(within(aliceView.container).getByLabelText("composer"), { target: { value: "are you there" } });
    await waitFor(() => expect(bobView.container.textContent).toContain("someone is typing"), { timeout: 5000 });
    fireEvent.blur(within(aliceView.container).getByLabelText("composer"));
    await waitFor(() => expect(bobView.container.textContent).toContain("quiet"), { timeout: 5000 });

    await act(() => bob.messages.markRead(dialog.id));
    await waitFor(() => expect(aliceView.container.textContent).toContain("hello bob (read)"), { timeout: 5000 });
    bobView.unmount();
    aliceView.unmount();
  });
});
