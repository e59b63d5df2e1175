import { canonicalXml, xmlFixture } from "@chatcube/test-utils/core/xmlFixtures.js";
import { describe, expect, it } from "@jest/globals";
import { buildLastActivityQuery, buildLastActivitySubscription, parseLastActivity } from "./lastActivity.js";

const ctx = { appId: 1, domain: "localhost" };

describe("last activity (docs/protocol.md §13, §16.10)", () => {
  it("builds the query to a user JID", () => {
    expect(canonicalXml(buildLastActivityQuery(ctx, 202, { id: "q1" }))).toBe(
      canonicalXml('<iq type="get" to="202-1@localhost" id="q1"><query xmlns="jabber:iq:last"/></iq>'),
    );
  });

  it("builds the status_streaming subscribe and unsubscribe", () => {
    expect(canonicalXml(buildLastActivitySubscription(ctx, 202, true))).toBe(
      canonicalXml(
        '<iq type="set"><subscribe xmlns="https://connectycube.com/protocol/status_streaming" user_jid="202-1@localhost" enable="true"/></iq>',
      ),
    );
    expect(buildLastActivitySubscription(ctx, 202, false).getChild("subscribe")?.attrs.enable).toBe("false");
  });

  it("given a result or a push, we get {userId, seconds}", () => {
    expect(
      parseLastActivity(
        xmlFixture(
          '<iq type="result" from="202-1@localhost" id="q1"><query xmlns="jabber:iq:last" seconds="42"/></iq>',
        ),
      ),
    ).toEqual({
      userId: 202,
      seconds: 42,
    });
    expect(
      parseLastActivity(
        xmlFixture('<iq type="result" from="202-1@localhost/r1"><query xmlns="jabber:iq:last" seconds="0"/></iq>'),
      ),
    ).toEqual({
      userId: 202,
      seconds: 0,
    });
  });

  it("given the online attribute chatcube-server adds, we get it too", () => {
    expect(
      parseLastActivity(
        xmlFixture(
          '<iq type="result" from="202-1@localhost"><query xmlns="jabber:iq:last" seconds="0" online="false"/></iq>',
        ),
      ),
    ).toEqual({
      userId: 202,
      seconds: 0,
      online: false,
    });
  });

  it("given an error, a foreign namespace, a bad seconds or a non-user from, we get null", () => {
    expect(
      parseLastActivity(xmlFixture('<iq type="error" from="202-1@localhost"><error code="404"/></iq>')),
    ).toBeNull();
    expect(
      parseLastActivity(xmlFixture('<iq type="result" from="202-1@localhost"><query xmlns="x" seconds="1"/></iq>')),
    ).toBeNull();
    expect(
      parseLastActivity(
        xmlFixture('<iq type="result" from="202-1@localhost"><query xmlns="jabber:iq:last" seconds="soon"/></iq>'),
      ),
    ).toBeNull();
    expect(
      parseLastActivity(
        xmlFixture('<iq type="result" from="localhost"><query xmlns="jabber:iq:last" seconds="1"/></iq>'),
      ),
    ).toBeNull();
    expect(parseLastActivity(xmlFixture('<message from="202-1@localhost"/>'))).toBeNull();
  });
});
