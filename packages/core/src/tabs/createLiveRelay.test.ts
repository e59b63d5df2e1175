import { aMessage } from "@chatcube/test-utils/core/testData.js";
import { describe, expect, it } from "@jest/globals";
import { createMessagesStore } from "../stores/messages/createMessagesStore.js";
import { setStatus } from "../stores/messages/messagesReducer.js";
import { applyLiveMessages, createLiveRelay, type LiveMessages } from "./createLiveRelay.js";

const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe("createLiveRelay", () => {
  it("posts only what changed, gathered per microtask, and a follower merges it like incoming messages", async () => {
    const leader = createMessagesStore();
    const posts: LiveMessages[][] = [];
    const stop = createLiveRelay(leader, (changes) => posts.push(structuredClone(changes)));
    leader.receive([aMessage("m1", "d1", 1000)]);
    leader.receive([aMessage("m2", "d1", 2000)]);
    await settle();
    expect(posts).toHaveLength(1);
    expect(posts[0].map((c) => [c.dialogId, c.items.map((m) => m.id)])).toEqual([["d1", ["m1", "m2"]]]);
    leader.apply("d1", (w) => setStatus(w, "m2", "read"));
    await settle();
    expect(posts[1][0].items.map((m) => [m.id, m.status])).toEqual([["m2", "read"]]);

    const follower = createMessagesStore();
    for (const changes of posts) applyLiveMessages(changes, follower, 500);
    expect(
      follower
        .window("d1")
        .get()
        .items.map((m) => [m.id, m.status]),
    ).toEqual([
      ["m1", leader.window("d1").get().items[0].status],
      ["m2", "read"],
    ]);
    stop();
    leader.receive([aMessage("m3", "d1", 3000)]);
    await settle();
    expect(posts).toHaveLength(2);
  });
});
