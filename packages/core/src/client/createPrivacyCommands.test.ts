import { createFakeXmppPort } from "@chatcube/test-utils/core/createFakeXmppPort.js";
import { canonicalXml } from "@chatcube/test-utils/core/xmlFixtures.js";
import { describe, expect, it } from "@jest/globals";
import type { ChatError } from "../errors/ChatError.js";
import { createPrivacyCommands } from "./createPrivacyCommands.js";

const jid = { appId: 1, domain: "localhost" };
const NS = `xmlns="jabber:iq:privacy"`;
const xml = (text: string) => canonicalXml(text);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const port = createFakeXmppPort();
  const errors: ChatError[] = [];
  const privacy = createPrivacyCommands({
    transport: port.transport,
    jid,
    online$: port.online$,
    reportError: (e) => errors.push(e),
  });
  return { port, privacy, errors };
}

const mutualItems = (userId: number, first: number) =>
  `<item type="jid" value="${userId}-1@localhost" action="deny" order="${first}"/><item type="jid" value="muc.localhost/${userId}" action="deny" order="${first + 1}"/>`;

describe("client.privacy", () => {
  it("reads names and lists on connect; blocked is the default list's denied users", async () => {
    const t = setup();
    t.port.answer(
      `<query ${NS}><default name="DEFAULT"/><list name="DEFAULT"/></query>`,
      `<query ${NS}><list name="DEFAULT">${mutualItems(202, 1)}</list></query>`,
    );
    t.port.goOnline();
    await settle();
    expect(t.port.sent.slice(0, 2)).toEqual([
      xml(`<iq type="get"><query ${NS}/></iq>`),
      xml(`<iq type="get"><query ${NS}><list name="DEFAULT"/></query></iq>`),
    ]);
    expect(t.privacy.get()).toMatchObject({
      defaultName: "DEFAULT",
      loaded: true,
      lists: { DEFAULT: [{ userId: 202, action: "deny", mutual: true }] },
    });
    expect(t.privacy.get().blocked.has(202)).toBe(true);
  });

  it("block with no list: creates DEFAULT and makes it default; a second block declines, replaces, re-activates", async () => {
    const t = setup();
    t.port.answer(`<query ${NS}/>`); // no lists
    await t.privacy.block(202, { mutual: false });
    expect(t.privacy.get().blocked.has(202)).toBe(true);
    expect(t.port.sent.slice(1)).toEqual([
      xml(
        `<iq type="set"><query ${NS}><list name="DEFAULT"><item type="jid" value="202-1@localhost" action="deny" order="1"><message/><presence-in/><presence-out/><iq/></item><item type="jid" value="muc.localhost/202" action="deny" order="2"><message/><presence-in/><presence-out/><iq/></item></list></query></iq>`,
      ),
      xml(`<iq type="set"><query ${NS}><default name="DEFAULT"/></query></iq>`),
    ]);
    t.port.sent.length = 0;
    await t.privacy.block(303);
    expect(t.port.sent).toEqual([
      xml(`<iq type="set"><query ${NS}><default/></query></iq>`),
      xml(
        `<iq type="set"><query ${NS}><list name="DEFAULT">${mutualItems(303, 1)}<item type="jid" value="202-1@localhost" action="deny" order="3"><message/><presence-in/><presence-out/><iq/></item><item type="jid" value="muc.localhost/202" action="deny" order="4"><message/><presence-in/><presence-out/><iq/></item></list></query></iq>`,
      ),
      xml(`<iq type="set"><query ${NS}><default name="DEFAULT"/></query></iq>`),
    ]);
    expect([...t.privacy.get().blocked].sort()).toEqual([202, 303]);
  });

  it("shows a block at once and rolls it back when the server refuses", async () => {
    const t = setup();
    t.port.answer(`<query ${NS}/>`, { error: "not-acceptable" });
    const seen: boolean[] = [];
    t.privacy.subscribe((s) => {
      if (seen[seen.length - 1] !== s.blocked.has(202)) seen.push(s.blocked.has(202));
    });
    const error = await t.privacy.block(202).catch((e: ChatError) => e);
    expect(error).toMatchObject({ code: "validation", condition: "not-acceptable" });
    expect(seen).toEqual([false, true, false]);
    expect(t.privacy.get()).toMatchObject({ defaultName: null, lists: {} });
  });

  it("rolls back when offline, and restores the default when a replace fails after the decline", async () => {
    const t = setup();
    t.port.answer(
      `<query ${NS}><default name="DEFAULT"/><list name="DEFAULT"/></query>`,
      `<query ${NS}><list name="DEFAULT">${mutualItems(202, 1)}</list></query>`,
    );
    await t.privacy.refresh();
    const before = t.privacy.get();
    t.port.answer("", { error: "internal-server-error" }, "");
    await expect(t.privacy.block(303)).rejects.toMatchObject({ code: "server" });
    expect(t.privacy.get()).toBe(before);
    expect(t.port.sent.slice(-1)).toEqual([xml(`<iq type="set"><query ${NS}><default name="DEFAULT"/></query></iq>`)]);
    t.port.online = false;
    await expect(t.privacy.unblock(202)).rejects.toMatchObject({ code: "network" });
    expect(t.privacy.get()).toBe(before);
  });

  it("unblocking the last user declines the default and deletes the list", async () => {
    const t = setup();
    t.port.answer(
      `<query ${NS}><default name="DEFAULT"/><list name="DEFAULT"/></query>`,
      `<query ${NS}><list name="DEFAULT">${mutualItems(202, 1)}</list></query>`,
    );
    await t.privacy.refresh();
    t.port.sent.length = 0;
    await t.privacy.unblock(202);
    expect(t.port.sent).toEqual([
      xml(`<iq type="set"><query ${NS}><default/></query></iq>`),
      xml(`<iq type="set"><query ${NS}><list name="DEFAULT"/></query></iq>`),
    ]);
    expect(t.privacy.get()).toMatchObject({ defaultName: null, lists: {} });
    expect(t.privacy.get().blocked.size).toBe(0);
  });

  it("list commands: names, get, set, default, decline, active, delete", async () => {
    const t = setup();
    t.port.answer(
      `<query ${NS}><active name="work"/><default name="DEFAULT"/><list name="DEFAULT"/><list name="work"/></query>`,
    );
    expect(await t.privacy.names()).toEqual({ active: "work", default: "DEFAULT", names: ["DEFAULT", "work"] });
    t.port.answer(`<query ${NS}><list name="work">${mutualItems(7, 1)}</list></query>`);
    expect(await t.privacy.getList("work")).toEqual([{ userId: 7, action: "deny", mutual: true }]);
    expect([...t.privacy.get().blocked]).toEqual([7]); // work is active
    t.port.answer({ error: "item-not-found" });
    await expect(t.privacy.getList("nope")).rejects.toMatchObject({ code: "not-found" });
    await t.privacy.setList("friends", [{ userId: 9, action: "allow", mutual: true }]);
    await t.privacy.setActive(null);
    await t.privacy.declineDefault();
    await t.privacy.setDefault("friends");
    await t.privacy.deleteList("work");
    expect(t.port.sent.slice(-5)).toEqual([
      xml(
        `<iq type="set"><query ${NS}><list name="friends"><item type="jid" value="9-1@localhost" action="allow" order="1"/><item type="jid" value="muc.localhost/9" action="allow" order="2"/></list></query></iq>`,
      ),
      xml(`<iq type="set"><query ${NS}><active/></query></iq>`),
      xml(`<iq type="set"><query ${NS}><default/></query></iq>`),
      xml(`<iq type="set"><query ${NS}><default name="friends"/></query></iq>`),
      xml(`<iq type="set"><query ${NS}><list name="work"/></query></iq>`),
    ]);
    expect(t.privacy.get()).toMatchObject({
      activeName: null,
      defaultName: "friends",
      lists: { friends: [{ userId: 9, action: "allow" }] },
    });
    t.port.answer({ error: "conflict" });
    await expect(t.privacy.deleteList("friends")).rejects.toMatchObject({ code: "conflict" });
    expect(t.privacy.get().lists.friends).toHaveLength(1);
  });

  it("a list push from another session is answered and the lists are read again", async () => {
    const t = setup();
    t.port.answer(
      `<query ${NS}><default name="DEFAULT"/><list name="DEFAULT"/></query>`,
      `<query ${NS}><list name="DEFAULT">${mutualItems(5, 1)}</list></query>`,
    );
    expect(await t.port.receive(`<iq type="set" id="push1"><query ${NS}><list name="DEFAULT"/></query></iq>`)).toBe(
      true,
    );
    await settle();
    expect(t.privacy.get().blocked.has(5)).toBe(true);
  });
});
