import { createFakeXmppPort } from "@chatcube/test-utils/core/createFakeXmppPort.js";
import { canonicalXml } from "@chatcube/test-utils/core/xmlFixtures.js";
import { describe, expect, it } from "@jest/globals";
import { createManualClock } from "../time/createManualClock.js";
import { createStanzaRouter } from "../xmpp/handlers/createStanzaRouter.js";
import { createLastActivityCommands } from "./createLastActivityCommands.js";

const jid = { appId: 1, domain: "localhost" };
const xml = (text: string) => canonicalXml(text);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const subscribeIq = (enable: boolean) =>
  xml(
    `<iq type="set"><subscribe xmlns="https://connectycube.com/protocol/status_streaming" user_jid="202-1@localhost" enable="${enable}"/></iq>`,
  );
const queryIq = xml(`<iq type="get" to="202-1@localhost"><query xmlns="jabber:iq:last"/></iq>`);

function setup() {
  const port = createFakeXmppPort();
  const clock = createManualClock(1_000_000);
  const activity = createLastActivityCommands({
    transport: port.transport,
    onStanza: createStanzaRouter({ stanza$: port.transport.stanza$, reportError: () => {} }).on,
    jid,
    clock,
    isOnline: () => port.online,
    online$: port.online$,
    keepAliveMs: 1000,
  });
  return { port, clock, activity };
}

describe("client.lastActivity", () => {
  it("forUser streams while subscribed: asks, subscribes, follows pushes, unsubscribes a while after the last listener", async () => {
    const t = setup();
    t.port.answer(""); // the subscription's result
    t.port.answer(
      `<iq type="result" from="202-1@localhost"><query xmlns="jabber:iq:last" seconds="90" online="false"/></iq>`,
    );
    const bob = t.activity.forUser(202);
    const seen: Array<boolean | null> = [];
    const stop = bob.subscribe((s) => seen.push(s.online));
    await settle();
    expect(t.port.sent).toEqual([subscribeIq(true), queryIq]);
    expect(bob.get()).toEqual({ online: false, seconds: 90, at: 1_000_000 - 90_000, error: null });
    await t.port.receive(
      `<iq type="result" from="202-1@localhost" id="push1"><query xmlns="jabber:iq:last" seconds="0" online="true"/></iq>`,
    );
    expect(bob.get()).toMatchObject({ online: true, seconds: 0, at: 1_000_000 });
    t.clock.advance(5000);
    await t.port.receive(
      `<iq type="result" from="202-1@localhost" id="push2"><query xmlns="jabber:iq:last" seconds="0" online="false"/></iq>`,
    );
    expect(bob.get()).toMatchObject({ online: false, seconds: 0, at: 1_005_000 });
    expect(seen).toEqual([null, false, true, false]);
    expect(
      await t.port.receive(
        `<iq type="set" from="202-1@localhost" id="push3"><query xmlns="jabber:iq:last" seconds="0" online="true"/></iq>`,
      ),
    ).toBe(true);
    expect(bob.get().online).toBe(true);
    stop();
    t.clock.advance(999);
    expect(t.port.sent).toHaveLength(2);
    t.clock.advance(1);
    expect(t.port.sent).toEqual([subscribeIq(true), queryIq, subscribeIq(false)]);
  });

  it("the newest fact wins: an answer never overwrites a push that came after its query was sent", async () => {
    const t = setup();
    t.port.answer(
      `<iq type="result" from="202-1@localhost"><query xmlns="jabber:iq:last" seconds="0" online="true"/></iq>`,
    );
    const asked = t.activity.query(202); // the user goes offline while the query is out
    void t.port.receive(
      `<iq type="result" from="202-1@localhost" id="push1"><query xmlns="jabber:iq:last" seconds="0" online="false"/></iq>`,
    );
    expect(await asked).toMatchObject({ online: false });
    expect(t.activity.forUser(202).get()).toMatchObject({ online: false });
    t.port.answer(
      `<iq type="result" from="202-1@localhost"><query xmlns="jabber:iq:last" seconds="0" online="true"/></iq>`,
    );
    expect(await t.activity.query(202)).toMatchObject({ online: true }); // no push meanwhile: the answer is the news
  });

  it("never online is an error state; a hidden user is forbidden; without the online attribute 0 s means online", async () => {
    const t = setup();
    t.port.answer({ error: "item-not-found" });
    await expect(t.activity.query(202)).rejects.toMatchObject({ code: "not-found" });
    expect(t.activity.forUser(202).get()).toMatchObject({ online: false, seconds: null, error: { code: "not-found" } });
    t.port.answer({ error: "forbidden" });
    await expect(t.activity.query(202)).rejects.toMatchObject({ code: "forbidden" });
    expect(t.activity.forUser(202).get()).toMatchObject({ online: null, error: { code: "forbidden" } });
    t.port.answer(`<query xmlns="jabber:iq:last" seconds="0"/>`);
    expect(await t.activity.query(202)).toEqual({ online: true, seconds: 0, at: 1_000_000, error: null });
  });

  it("subscribing offline waits for the connection, and a fresh connect subscribes again", async () => {
    const t = setup();
    t.port.online = false;
    const stop = t.activity.forUser(202).subscribe(() => {});
    expect(t.port.sent).toEqual([]);
    t.port.answer("", `<query xmlns="jabber:iq:last" seconds="3" online="false"/>`);
    t.port.goOnline();
    await settle();
    expect(t.port.sent).toEqual([subscribeIq(true), queryIq]);
    t.port.goOnline({ resumed: true }); // a resumed stream kept the server's subscription
    expect(t.port.sent).toHaveLength(2);
    stop();
  });
});
