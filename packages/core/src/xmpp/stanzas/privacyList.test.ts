import { canonicalXml, xmlFixture } from "@chatcube/test-utils/core/xmlFixtures.js";
import { describe, expect, it } from "@jest/globals";
import {
  blockedUsersOf,
  buildPrivacyActive,
  buildPrivacyDefault,
  buildPrivacyListRequest,
  buildPrivacyListSet,
  buildPrivacyNamesRequest,
  parsePrivacyList,
  parsePrivacyNames,
  rulesFromItems,
} from "./privacyList.js";

const ctx = { appId: 1, domain: "localhost" };

describe("privacy list builders (docs/protocol.md §11)", () => {
  it("builds the §11 example: one-way block of 202, mutual block of 303", () => {
    const element = buildPrivacyListSet(
      ctx,
      "DEFAULT",
      [
        { userId: 202, action: "deny", mutual: false },
        { userId: 303, action: "deny" },
      ],
      { id: "p1:edit" },
    );
    expect(canonicalXml(element)).toBe(
      canonicalXml(`
        <iq type="set" id="p1:edit"><query xmlns="jabber:iq:privacy"><list name="DEFAULT">
          <item type="jid" value="202-1@localhost" action="deny" order="1"><message/><presence-in/><presence-out/><iq/></item>
          <item type="jid" value="muc.localhost/202" action="deny" order="2"><message/><presence-in/><presence-out/><iq/></item>
          <item type="jid" value="303-1@localhost" action="deny" order="3"/>
          <item type="jid" value="muc.localhost/303" action="deny" order="4"/>
        </list></query></iq>`),
    );
  });

  it("an empty list deletes it", () => {
    expect(buildPrivacyListSet(ctx, "DEFAULT", []).toString()).toBe(
      '<iq type="set"><query xmlns="jabber:iq:privacy"><list name="DEFAULT"/></query></iq>',
    );
  });

  it("builds names, get, default, decline and active", () => {
    expect(buildPrivacyNamesRequest().toString()).toBe('<iq type="get"><query xmlns="jabber:iq:privacy"/></iq>');
    expect(buildPrivacyListRequest("DEFAULT").toString()).toBe(
      '<iq type="get"><query xmlns="jabber:iq:privacy"><list name="DEFAULT"/></query></iq>',
    );
    expect(buildPrivacyDefault("DEFAULT").toString()).toBe(
      '<iq type="set"><query xmlns="jabber:iq:privacy"><default name="DEFAULT"/></query></iq>',
    );
    expect(buildPrivacyDefault(null).toString()).toBe(
      '<iq type="set"><query xmlns="jabber:iq:privacy"><default/></query></iq>',
    );
    expect(buildPrivacyActive("DEFAULT").toString()).toBe(
      '<iq type="set"><query xmlns="jabber:iq:privacy"><active name="DEFAULT"/></query></iq>',
    );
    expect(buildPrivacyActive(null).toString()).toBe(
      '<iq type="set"><query xmlns="jabber:iq:privacy"><active/></query></iq>',
    );
  });
});

describe("privacy list parsers", () => {
  it("given the names result, we get active, default and the list names only", () => {
    expect(
      parsePrivacyNames(
        xmlFixture(
          `<iq type="result"><query xmlns="jabber:iq:privacy"><active name="DEFAULT"/><default name="DEFAULT"/><list name="DEFAULT"/><list name="work"/></query></iq>`,
        ),
      ),
    ).toEqual({ active: "DEFAULT", default: "DEFAULT", names: ["DEFAULT", "work"] });
    expect(parsePrivacyNames(xmlFixture('<iq type="result"><query xmlns="jabber:iq:privacy"/></iq>'))).toEqual({
      active: null,
      default: null,
      names: [],
    });
  });

  it("given a list result, we get ordered items and the blocked users (user JIDs only)", () => {
    const list = parsePrivacyList(
      xmlFixture(`
        <iq type="result"><query xmlns="jabber:iq:privacy"><list name="DEFAULT">
          <item type="jid" value="muc.localhost/303" action="deny" order="4"/>
          <item type="jid" value="303-1@localhost" action="deny" order="3"/>
          <item type="jid" value="202-1@localhost" action="deny" order="1"><message/><presence-in/><presence-out/><iq/></item>
          <item type="jid" value="muc.localhost/202" action="deny" order="2"><message/><presence-in/><presence-out/><iq/></item>
          <item type="jid" value="404-1@localhost" action="allow" order="5"/>
        </list></query></iq>`),
    );
    expect(list?.name).toBe("DEFAULT");
    expect(list?.items.map((item) => item.order)).toEqual([1, 2, 3, 4, 5]);
    expect(list?.items[0]).toEqual({
      type: "jid",
      value: "202-1@localhost",
      action: "deny",
      order: 1,
      kinds: ["message", "presence-in", "presence-out", "iq"],
    });
    expect(blockedUsersOf(list!.items)).toEqual([
      { userId: 202, mutual: false },
      { userId: 303, mutual: true },
    ]);
  });

  it("given no list, we get null; odd items are tolerated", () => {
    expect(parsePrivacyList(xmlFixture('<iq type="result"><query xmlns="jabber:iq:privacy"/></iq>'))).toBeNull();
    const odd = parsePrivacyList(
      xmlFixture('<iq><query xmlns="jabber:iq:privacy"><list name="x"><item action="deny"/></list></query></iq>'),
    );
    expect(odd?.items).toEqual([{ type: null, value: null, action: "deny", order: 0, kinds: [] }]);
    expect(blockedUsersOf(odd!.items)).toEqual([]);
  });

  it("reads user rules from list items: the user JID decides, the muc twin and foreign items are skipped", () => {
    const rules = rulesFromItems([
      { type: "jid", value: "muc.localhost/202", action: "deny", order: 2, kinds: ["message"] },
      {
        type: "jid",
        value: "202-1@localhost",
        action: "deny",
        order: 1,
        kinds: ["message", "presence-in", "presence-out", "iq"],
      },
      { type: "jid", value: "303-1@localhost", action: "deny", order: 3, kinds: [] },
      { type: "jid", value: "404-1@localhost", action: "allow", order: 5, kinds: [] },
      { type: "subscription", value: "none", action: "deny", order: 9, kinds: [] },
    ]);
    expect(rules).toEqual([
      { userId: 202, action: "deny", mutual: false },
      { userId: 303, action: "deny", mutual: true },
      { userId: 404, action: "allow", mutual: true },
    ]);
  });
});
