import { shareTabs } from "@chatcube/test-utils/core/shareTabs.js";
import { aMessage } from "@chatcube/test-utils/core/testData.js";
import { describe, expect, it } from "@jest/globals";
import type { Message } from "../model/message.js";
import { createMessagesStore } from "../stores/messages/createMessagesStore.js";
import { VISIBLE_REPORT } from "./createSharedVisibility.js";
import { createTabNotifier } from "./createTabNotifier.js";

const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

function threeTabs(visible: boolean[]) {
  const { open } = shareTabs();
  const messages = createMessagesStore(); // the leader's
  const got: Array<[string, string]> = [];
  const tabs = ["a", "b", "c"].map((tabId, i) => {
    const { share } = open(tabId, tabId === "a" ? "leader" : "follower");
    share.report(VISIBLE_REPORT, visible[i]);
    const notifier = createTabNotifier({ share, messages, isVisible: () => visible[i] });
    notifier.notifications$.subscribe((m: Message) => got.push([tabId, m.id]));
    return notifier;
  });
  const arrive = (id: string) => {
    messages.receive([aMessage(id, "d1", 1000 + id.length, { senderId: 2 })], { cap: 100 });
    tabs[0].incoming({ id, dialogId: "d1" }); // only the leader ingests
  };
  return { got, arrive };
}

describe("createTabNotifier", () => {
  it("notifies once per message, in the first visible tab", async () => {
    const { got, arrive } = threeTabs([false, false, true]);
    await settle();
    arrive("m1");
    arrive("m1"); // a repeat (a resend, a replay)
    await settle();
    expect(got).toEqual([["c", "m1"]]);
  });

  it("the leader notifies when it is visible, or when no tab is", async () => {
    const visibleLeader = threeTabs([true, true, false]);
    await settle();
    visibleLeader.arrive("m1");
    const none = threeTabs([false, false, false]);
    await settle();
    none.arrive("m2");
    await settle();
    expect(visibleLeader.got).toEqual([["a", "m1"]]);
    expect(none.got).toEqual([["a", "m2"]]);
  });
});
