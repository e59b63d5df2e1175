import type { FakeReply } from "@chatcube/test-utils/core/createFakeFetch.js";
import { errorBody } from "@chatcube/test-utils/core/createFakeFetch.js";
import { createTestRestClient } from "@chatcube/test-utils/core/createTestRestClient.js";
import { aMessage } from "@chatcube/test-utils/core/testData.js";
import { describe, expect, it } from "@jest/globals";
import type { ChatError } from "../errors/ChatError.js";
import { createMessagesStore } from "../stores/messages/createMessagesStore.js";
import { createOutbox } from "../sync/createOutbox.js";
import { createOutboxWork } from "../sync/outboxWork.js";
import { createManualClock } from "../time/createManualClock.js";
import { createReactionsCommands } from "./createReactionsCommands.js";

const D = "65f000000000000000000001";
const M = "65f0000000000000000000dd";
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(script: FakeReply[], online = true) {
  const clock = createManualClock(1_700_000_000_000);
  const { rest, requests } = createTestRestClient(script);
  const messages = createMessagesStore();
  messages.receive([aMessage(M, D, 1, { reactions: { own: [], total: { "👍": 2 } } })]);
  const errors: ChatError[] = [];
  const state = { online };
  const outbox = createOutbox({
    transport: {},
    messages,
    persistence: () => null,
    isOnline: () => state.online,
    reportError: (e) => errors.push(e),
    work: createOutboxWork({
      transport: { send: async () => {}, sendTracked: async () => {} },
      rest,
      jid: { appId: 1, domain: "localhost" },
      clock,
      recipientOf: () => null,
    }),
  });
  const reactions = createReactionsCommands({ rest, messages, outbox, clock });
  const message = () => messages.window(D).get().items[0];
  return { reactions, outbox, requests, message, errors, state };
}

describe("reactions", () => {
  it("react shows at once, goes through the outbox as PUT reactions, and replaces the user's other reaction", async () => {
    const t = setup([{ text: "" }, { text: "" }, { text: "" }]);
    await t.reactions.react(D, M, "👍");
    expect(t.message().reactions).toEqual({ own: ["👍"], total: { "👍": 3 } });
    await settle();
    await t.reactions.react(D, M, "🎉");
    expect(t.message().reactions).toEqual({ own: ["🎉"], total: { "👍": 2, "🎉": 1 } });
    await settle();
    await t.reactions.removeReaction(D, M);
    expect(t.message().reactions).toEqual({ own: [], total: { "👍": 2 } });
    await settle();
    expect(t.requests.map((r) => [r.method, r.path, JSON.parse(r.body)])).toEqual([
      ["PUT", `/chat/Message/${M}/reactions.json`, { add: "👍" }],
      ["PUT", `/chat/Message/${M}/reactions.json`, { add: "🎉", remove: "👍" }],
      ["PUT", `/chat/Message/${M}/reactions.json`, { remove: "🎉" }],
    ]);
    expect(t.outbox.entries.get()).toEqual([]);
  });

  it("a refused reaction is undone and dropped; offline it waits in the outbox", async () => {
    const t = setup([{ status: 403, json: errorBody("You can't react here") }]);
    await t.reactions.react(D, M, "❤️");
    expect(t.message().reactions.own).toEqual(["❤️"]);
    await settle();
    await settle();
    expect(t.message().reactions).toEqual({ own: [], total: { "👍": 2 } });
    expect(t.outbox.entries.get()).toEqual([]);
    expect(t.errors.map((e) => e.code)).toEqual(["forbidden"]);

    const offline = setup([{ text: "" }], false);
    await offline.reactions.react(D, M, "❤️");
    expect(offline.outbox.entries.get()).toEqual([
      expect.objectContaining({ kind: "react", add: "❤️", remove: null, state: "queued" }),
    ]);
    offline.state.online = true;
    await offline.outbox.drain();
    expect(offline.outbox.entries.get()).toEqual([]);
    expect(offline.message().reactions.own).toEqual(["❤️"]);
  });

  it("lists who reacted; refuses an empty emoji", async () => {
    const t = setup([{ json: { "👍": [101, "202"] } }]);
    expect(await t.reactions.listReactions("65f000000000000000000001", M)).toEqual({ "👍": [101, 202] });
    await expect(t.reactions.react(D, M, " ")).rejects.toMatchObject({ code: "validation" });
  });
});
