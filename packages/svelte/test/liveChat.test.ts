import { type ChatClient, DialogType } from "@chatcube/core";
import type { RunningServer } from "@chatcube/server";
import { createTestUser, onlineClient, startChatServer, valueOf } from "@chatcube/test-utils/server";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { fireEvent, render, waitFor, within } from "@testing-library/svelte";
import { CHAT_CLIENT_KEY } from "../src/index.js";
import Inbox from "./components/Inbox.svelte";
import Thread from "./components/Thread.svelte";

let server: RunningServer;
const clients: ChatClient[] = [];
beforeAll(async () => {
  server = await startChatServer();
});
afterAll(async () => {
  for (const client of clients) await client.dispose();
  await server.close();
});

const context = (client: ChatClient) => new Map<unknown, unknown>([[CHAT_CLIENT_KEY, client]]);

describe("Svelte stores with real clients on the real server", () => {
  it("bob's components show alice's message, unread count and typing live; alice's sees it read", async () => {
    const [aliceUser, bobUser] = [await createTestUser(server, "alice"), await createTestUser(server, "bob")];
    const alice = await onlineClient(server, aliceUser);
    const bob = await onlineClient(server, bobUser);
    clients.push(alice, bob);
    const dialog = await alice.dialogs.create({ type: DialogType.PRIVATE, occupantIds: [bobUser.id] });
    await valueOf(bob.dialogs.list, (list) => list.some((d) => d.id === dialog.id), "bob's list to show the dialog");

    const bobInbox = within(render(Inbox, { context: context(bob) }).container);
    const bobThread = within(render(Thread, { props: { id: dialog.id }, context: context(bob) }).container);
    const aliceThread = within(render(Thread, { props: { id: dialog.id }, context: context(alice) }).container);
    expect(bobInbox.getByRole("heading").textContent).toBe("online: 1 dialogs, 0 unread");

    await alice.messages.send(dialog.id, { body: "hello bob" });
    await waitFor(() => expect(bobThread.getByTestId("messages").textContent).toContain("hello bob"), {
      timeout: 5000,
    });
    await waitFor(() => expect(bobInbox.getByRole("heading").textContent).toBe("online: 1 dialogs, 1 unread"));

    await fireEvent.input(aliceThread.getByLabelText("composer"), { target: { value: "are you there" } });
    await waitFor(() => expect(bobThread.getByTestId("typing").textContent).toBe("someone is typing"), {
      timeout: 5000,
    });
    await fireEvent.blur(aliceThread.getByLabelText("composer"));
    await waitFor(() => expect(bobThread.getByTestId("typing").textContent).toBe("quiet"), { timeout: 5000 });

    await bob.messages.markRead(dialog.id);
    await waitFor(() => expect(aliceThread.getByTestId("messages").textContent).toBe("hello bob (read)"), {
      timeout: 5000,
    });
  });
});
