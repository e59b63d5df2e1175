import { canonicalXml, xmlFixture } from "@chatcube/test-utils/core/xmlFixtures.js";
import { describe, expect, it } from "@jest/globals";
import { buildMucJoin, buildMucLeave, parseMucPresence } from "./mucPresence.js";

const ctx = { appId: 1, domain: "localhost" };
const D = "65f000000000000000000001";
const ROOM = `1_${D}@muc.localhost`;

describe("MUC join/leave (docs/protocol.md §10)", () => {
  it("builds the join presence with no history", () => {
    expect(canonicalXml(buildMucJoin(ctx, D, 101, { id: "j1:join" }))).toBe(
      canonicalXml(`
        <presence id="j1:join" to="${ROOM}/101">
          <x xmlns="http://jabber.org/protocol/muc"><history maxstanzas="0"/></x>
        </presence>`),
    );
  });

  it("builds the leave presence", () => {
    expect(buildMucLeave(ctx, D, 101).toString()).toBe(`<presence type="unavailable" to="${ROOM}/101"/>`);
  });
});

describe("parseMucPresence", () => {
  it("given our own join echo (status 110), we get a self occupant", () => {
    expect(
      parseMucPresence(
        xmlFixture(`
          <presence from="${ROOM}/101" to="101-1@localhost/r1">
            <x xmlns="http://jabber.org/protocol/muc#user"><item affiliation="member" role="participant"/><status code="110"/></x>
          </presence>`),
      ),
    ).toEqual({ kind: "occupant", dialogId: D, userId: 101, available: true, self: true, statusCodes: [110] });
  });

  it("given another occupant leaving after a kick, we get available=false with the status", () => {
    expect(
      parseMucPresence(
        xmlFixture(
          `<presence type="unavailable" from="${ROOM}/202"><x xmlns="http://jabber.org/protocol/muc#user"><status code="307"/></x></presence>`,
        ),
      ),
    ).toEqual({ kind: "occupant", dialogId: D, userId: 202, available: false, self: false, statusCodes: [307] });
  });

  it("given a join error, we get the error with the join id", () => {
    const parsed = parseMucPresence(
      xmlFixture(
        `<presence type="error" id="j1:join" from="${ROOM}/101"><error code="403" type="auth"><forbidden xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></presence>`,
      ),
    );
    expect(parsed.kind).toBe("error");
    if (parsed.kind !== "error") return;
    expect(parsed).toMatchObject({ dialogId: D, id: "j1:join" });
    expect(parsed.error.code).toBe("forbidden");
  });

  it("given a presence that is not from a room occupant, we get not-muc", () => {
    expect(parseMucPresence(xmlFixture('<presence from="202-1@localhost/r1"/>'))).toEqual({ kind: "not-muc" });
    expect(parseMucPresence(xmlFixture(`<presence from="${ROOM}"/>`))).toEqual({ kind: "not-muc" });
    expect(parseMucPresence(xmlFixture(`<presence from="${ROOM}/alice"/>`))).toEqual({ kind: "not-muc" });
    expect(parseMucPresence(xmlFixture("<presence/>"))).toEqual({ kind: "not-muc" });
  });
});
