import { describe, expect, it } from "@jest/globals";
import { createManualClock } from "../time/createManualClock.js";
import { createSessionRelay } from "./createSessionRelay.js";
import type { TabMessage } from "./TabsState.js";

const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

/** Two tabs of user 7: `a` knows the password, `b` resumed (it does not). */
function twoTabs() {
  const clock = createManualClock(0);
  const adopted: string[] = [];
  let renewals = 0;
  const relays: Record<string, ReturnType<typeof createSessionRelay>> = {};
  const open = (tabId: string, knowsPassword: boolean) => {
    relays[tabId] = createSessionRelay({
      userId: 7,
      clock,
      signal: (kind, payload) => {
        const message: TabMessage = { from: tabId, term: 1, seq: 0, kind, payload };
        for (const [id, relay] of Object.entries(relays)) if (id !== tabId) relay.receive(message);
      },
      renewHere: async () => {
        if (!knowsPassword) return null;
        const token = `t${++renewals}`;
        relays[tabId].announce(token);
        return token;
      },
      adoptSession: (userId, token) => void adopted.push(`${userId}:${token}`),
    });
  };
  open("a", true);
  open("b", false);
  return { clock, relays, adopted, renewals: () => renewals };
}

describe("createSessionRelay", () => {
  it("a tab without the password asks; the one that knows it renews once and every other tab takes the token", async () => {
    const t = twoTabs();
    const token = t.relays.b.renewElsewhere();
    await settle();
    expect(await token).toBe("t1");
    expect([t.renewals(), t.adopted]).toEqual([1, ["7:t1"]]);
  });

  it("with nobody to renew, the request gives up after a while; leaving the tabs ends what waits", async () => {
    const t = twoTabs();
    delete (t.relays as Record<string, unknown>).a; // the tab that knew the password is closed
    const late = t.relays.b.renewElsewhere();
    t.clock.advance(3000);
    expect(await late).toBeNull();
    const left = t.relays.b.renewElsewhere();
    t.relays.b.dispose();
    expect(await left).toBeNull();
    expect(
      t.relays.b.receive({ from: "x", term: 1, seq: 0, kind: "session", payload: { userId: 8, token: "no" } }),
    ).toBe(false);
  });
});
