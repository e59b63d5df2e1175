import { canonicalXml } from "@chatcube/test-utils/core/xmlFixtures.js";
import { describe, expect, it } from "@jest/globals";
import xml from "@xmpp/xml";
import { buildCarbonsEnable } from "./carbons.js";
import { buildIq } from "./iq.js";
import { buildMobileState } from "./mobileState.js";
import { buildPing } from "./ping.js";

// Transcripts of the small iqs of docs/protocol.md §7 and §13.
const ctx = { appId: 1, domain: "localhost" };

describe("buildIq", () => {
  it("wraps a payload, with to and id only when given", () => {
    expect(buildIq("get", xml("query", { xmlns: "x" })).toString()).toBe('<iq type="get"><query xmlns="x"/></iq>');
    expect(buildIq("set", xml("a"), { to: "b", id: "c" }).toString()).toBe('<iq type="set" to="b" id="c"><a/></iq>');
  });
});

describe("buildPing", () => {
  it("pings the chat domain", () => {
    expect(canonicalXml(buildPing(ctx, { id: "p1:ping" }))).toBe(
      canonicalXml('<iq type="get" to="localhost" id="p1:ping"><ping xmlns="urn:xmpp:ping"/></iq>'),
    );
  });
});

describe("buildCarbonsEnable", () => {
  it("enables carbons v2", () => {
    expect(buildCarbonsEnable().toString()).toBe('<iq type="set"><enable xmlns="urn:xmpp:carbons:2"/></iq>');
  });
});

describe("buildMobileState", () => {
  it("inactive (background) sends enable=true, active sends enable=false", () => {
    expect(buildMobileState(true, { id: "m1:markActive" }).toString()).toBe(
      '<iq type="set" id="m1:markActive"><mobile xmlns="http://tigase.org/protocol/mobile#v2" enable="true"/></iq>',
    );
    expect(buildMobileState(false).toString()).toBe(
      '<iq type="set"><mobile xmlns="http://tigase.org/protocol/mobile#v2" enable="false"/></iq>',
    );
  });
});
