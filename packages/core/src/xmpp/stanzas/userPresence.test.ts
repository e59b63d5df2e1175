import { xmlFixture } from "@chatcube/test-utils/core/xmlFixtures.js";
import { describe, expect, it } from "@jest/globals";
import { buildPresenceProbe, parseUserPresence } from "./userPresence.js";

describe("user presence (docs/protocol.md §12)", () => {
  it("reads subscription requests and answers", () => {
    expect(parseUserPresence(xmlFixture(`<presence from="202-1@localhost" type="subscribe"/>`))).toEqual({
      kind: "subscription",
      userId: 202,
      type: "subscribe",
    });
    expect(parseUserPresence(xmlFixture(`<presence from="202-1@localhost" type="unsubscribed"/>`))).toEqual({
      kind: "subscription",
      userId: 202,
      type: "unsubscribed",
    });
  });

  it("reads availability per resource, with show and status", () => {
    expect(
      parseUserPresence(
        xmlFixture(`<presence from="202-1@localhost/web"><show>away</show><status>lunch</status></presence>`),
      ),
    ).toEqual({
      kind: "availability",
      userId: 202,
      resource: "web",
      available: true,
      show: "away",
      status: "lunch",
    });
    expect(parseUserPresence(xmlFixture(`<presence from="202-1@localhost" type="unavailable"/>`))).toEqual({
      kind: "availability",
      userId: 202,
      resource: null,
      available: false,
      show: null,
      status: null,
    });
  });

  it("leaves room presences, errors, probes and non-user senders alone", () => {
    expect(parseUserPresence(xmlFixture(`<presence from="1_65f000000000000000000001@muc.localhost/202"/>`))).toBeNull();
    expect(parseUserPresence(xmlFixture(`<presence from="202-1@localhost" type="error"/>`))).toBeNull();
    expect(parseUserPresence(xmlFixture(`<presence from="202-1@localhost" type="probe"/>`))).toBeNull();
    expect(parseUserPresence(xmlFixture(`<presence from="localhost"/>`))).toBeNull();
  });

  it("builds a probe", () => {
    expect(buildPresenceProbe({ appId: 1, domain: "localhost" }, 202).toString()).toBe(
      '<presence to="202-1@localhost" type="probe"/>',
    );
  });
});
