import { canonicalXml, xmlFixture } from "@chatcube/test-utils/core/xmlFixtures.js";
import { describe, expect, it } from "@jest/globals";
import {
  buildRosterRemove,
  buildRosterRequest,
  buildRosterSet,
  buildSubscriptionPresence,
  parseRoster,
} from "./roster.js";

const ctx = { appId: 1, domain: "localhost" };

describe("roster (docs/protocol.md §12)", () => {
  it("builds get, add/rename, remove", () => {
    expect(buildRosterRequest({ id: "r1" }).toString()).toBe(
      '<iq type="get" id="r1"><query xmlns="jabber:iq:roster"/></iq>',
    );
    expect(canonicalXml(buildRosterSet(ctx, { userId: 202, name: "Bob" }))).toBe(
      canonicalXml(
        '<iq type="set"><query xmlns="jabber:iq:roster"><item jid="202-1@localhost" name="Bob"/></query></iq>',
      ),
    );
    expect(buildRosterSet(ctx, { userId: 202 }).toString()).toBe(
      '<iq type="set"><query xmlns="jabber:iq:roster"><item jid="202-1@localhost"/></query></iq>',
    );
    expect(canonicalXml(buildRosterRemove(ctx, 202))).toBe(
      canonicalXml(
        '<iq type="set"><query xmlns="jabber:iq:roster"><item jid="202-1@localhost" subscription="remove"/></query></iq>',
      ),
    );
  });

  it("builds subscription presences", () => {
    expect(buildSubscriptionPresence(ctx, 202, "subscribe").toString()).toBe(
      '<presence to="202-1@localhost" type="subscribe"/>',
    );
    expect(buildSubscriptionPresence(ctx, 202, "unsubscribed").attrs.type).toBe("unsubscribed");
  });

  it("given a roster result, we get the contacts; non-user JIDs are skipped", () => {
    expect(
      parseRoster(
        xmlFixture(`
          <iq type="result"><query xmlns="jabber:iq:roster">
            <item jid="202-1@localhost" name="Bob" subscription="both"/>
            <item jid="303-1@localhost" subscription="none" ask="subscribe"/>
            <item jid="404-1@localhost" subscription="weird"/>
            <item jid="alice@elsewhere" subscription="to"/>
          </query></iq>`),
      ),
    ).toEqual([
      { userId: 202, name: "Bob", subscription: "both", ask: false },
      { userId: 303, name: null, subscription: "none", ask: true },
      { userId: 404, name: null, subscription: "none", ask: false },
    ]);
    expect(parseRoster(xmlFixture('<iq type="result"/>'))).toEqual([]);
  });
});
