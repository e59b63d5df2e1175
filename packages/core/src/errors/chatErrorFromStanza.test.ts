import { xmlFixture } from "@chatcube/test-utils/core/xmlFixtures.js";
import { describe, expect, it } from "@jest/globals";
import { chatErrorFromStanza } from "./chatErrorFromStanza.js";

describe("chatErrorFromStanza", () => {
  it("given a 1-1 message bounced with service-unavailable, we get blocked (the recipient blocked you)", () => {
    const error = chatErrorFromStanza(
      xmlFixture(`
        <message type="error" id="65f0a1b2c3d4e5f601020304" from="202-1@localhost">
          <error code="503" type="cancel">
            <service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>
            <text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">the recipient blocked you</text>
          </error>
        </message>`),
    );
    expect(error.code).toBe("blocked");
    expect(error.condition).toBe("service-unavailable");
    expect(error.message).toBe("the recipient blocked you");
    expect(error.details).toEqual({ text: "the recipient blocked you", errorType: "cancel", legacyCode: 503 });
  });

  it("given a 1-1 message bounced with not-acceptable, we get blocked (you blocked the recipient)", () => {
    const error = chatErrorFromStanza(
      xmlFixture(`
        <message type="error" id="x" from="202-1@localhost">
          <error code="406" type="cancel"><not-acceptable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error>
        </message>`),
    );
    expect(error.code).toBe("blocked");
    expect(error.message).toBe("not-acceptable");
  });

  it("given a legacy-only 503 bounce of a 1-1 message (no condition), we still get blocked", () => {
    const error = chatErrorFromStanza(
      xmlFixture(`<message type="error" from="202-1@localhost"><error code="503"/></message>`),
    );
    expect(error.code).toBe("blocked");
    expect(error.message).toBe("XMPP error 503");
  });

  it("given a room bounce with service-unavailable, we get server, not blocked", () => {
    const error = chatErrorFromStanza(
      xmlFixture(`
        <message type="error" from="1_65f000000000000000000001@muc.localhost">
          <error code="503" type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error>
        </message>`),
    );
    expect(error.code).toBe("server");
  });

  it("given a room bounce with forbidden, we get forbidden", () => {
    const error = chatErrorFromStanza(
      xmlFixture(`
        <message type="error" from="1_65f000000000000000000001@muc.localhost">
          <error code="403" type="auth"><forbidden xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>
            <text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">you are not an occupant of this dialog</text></error>
        </message>`),
    );
    expect(error.code).toBe("forbidden");
    expect(error.details?.errorType).toBe("auth");
  });

  it("given iq errors, we map the condition", () => {
    const iq = (condition: string) =>
      chatErrorFromStanza(
        xmlFixture(
          `<iq type="error" id="q1"><error type="cancel"><${condition} xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
        ),
      );
    expect(iq("item-not-found").code).toBe("not-found");
    expect(iq("service-unavailable").code).toBe("server");
    expect(iq("not-authorized").code).toBe("unauthorized");
    expect(iq("bad-request").code).toBe("validation");
    expect(iq("conflict").code).toBe("conflict");
    expect(iq("remote-server-timeout").code).toBe("timeout");
    expect(iq("unexpected-request").code).toBe("protocol");
    expect(iq("some-future-condition").code).toBe("server");
  });

  it("accepts the <error> element itself, and a condition without namespace", () => {
    const error = chatErrorFromStanza(xmlFixture(`<error code="404"><item-not-found/></error>`));
    expect(error.code).toBe("not-found");
    expect(error.condition).toBe("item-not-found");
  });

  it("the oneToOne option overrides the guess", () => {
    const stanza = xmlFixture(
      `<message type="error"><error><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></message>`,
    );
    expect(chatErrorFromStanza(stanza).code).toBe("blocked");
    expect(chatErrorFromStanza(stanza, { oneToOne: false }).code).toBe("server");
  });

  it("given only a legacy code, maps it like an HTTP status", () => {
    expect(chatErrorFromStanza(xmlFixture(`<iq type="error"><error code="404"/></iq>`)).code).toBe("not-found");
  });

  it("given an error stanza without <error>, we get a protocol error, not a throw", () => {
    const error = chatErrorFromStanza(xmlFixture(`<message type="error" id="x"/>`));
    expect(error.code).toBe("protocol");
    expect(error.message).toMatch(/without an <error>/);
    expect(chatErrorFromStanza(xmlFixture(`<iq type="error"><error/></iq>`)).code).toBe("server");
  });
});
