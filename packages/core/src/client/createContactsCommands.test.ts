import { createFakeXmppPort } from "@chatcube/test-utils/core/createFakeXmppPort.js";
import { canonicalXml } from "@chatcube/test-utils/core/xmlFixtures.js";
import { describe, expect, it } from "@jest/globals";
import type { ChatError } from "../errors/ChatError.js";
import { createManualClock } from "../time/createManualClock.js";
import { createStanzaRouter } from "../xmpp/handlers/createStanzaRouter.js";
import { createContactsCommands } from "./createContactsCommands.js";

const jid = { appId: 1, domain: "localhost" };
const R = `xmlns="jabber:iq:roster"`;
const xml = (text: string) => canonicalXml(text);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const port = createFakeXmppPort();
  const errors: ChatError[] = [];
  const contacts = createContactsCommands({
    transport: port.transport,
    onStanza: createStanzaRouter({ stanza$: port.transport.stanza$, reportError: () => {} }).on,
    jid,
    clock: createManualClock(5000),
    selfUserId: () => 101,
    online$: port.online$,
    reportError: (e) => errors.push(e),
  });
  return { port, contacts, errors };
}

describe("client.contacts", () => {
  it("reads the roster on connect, probes contacts it sees, and shows their presence per device", async () => {
    const t = setup();
    t.port.answer(
      `<query ${R}><item jid="202-1@localhost" name="Bob" subscription="both"/><item jid="303-1@localhost" subscription="from"/></query>`,
    );
    t.port.goOnline();
    await settle();
    expect(t.port.sent).toEqual([
      xml(`<iq type="get"><query ${R}/></iq>`),
      xml(`<presence to="202-1@localhost" type="probe"/>`),
    ]);
    expect(t.contacts.get()).toEqual([
      {
        userId: 202,
        name: "Bob",
        subscription: "both",
        pending: false,
        presence: { online: false, show: null, status: null },
      },
      {
        userId: 303,
        name: null,
        subscription: "from",
        pending: false,
        presence: { online: false, show: null, status: null },
      },
    ]);
    const carol = t.contacts.get()[1];
    await t.port.receive(`<presence from="202-1@localhost/phone"><show>away</show></presence>`);
    await t.port.receive(`<presence from="202-1@localhost/web"/>`);
    expect(t.contacts.get()[0].presence).toEqual({ online: true, show: "away", status: null });
    expect(t.contacts.get()[1]).toBe(carol); // unchanged contacts keep their identity
    await t.port.receive(`<presence from="202-1@localhost/phone" type="unavailable"/>`);
    expect(t.contacts.get()[0].presence.online).toBe(true);
    await t.port.receive(`<presence from="202-1@localhost/web" type="unavailable"/>`);
    expect(t.contacts.get()[0].presence.online).toBe(false);
    await t.port.receive(`<presence from="1_65f000000000000000000001@muc.localhost/202"/>`); // a room presence is not a contact's
    expect(t.contacts.get()[0].presence.online).toBe(false);
  });

  it("add: roster set with the name, then a subscription request; roster pushes move the state", async () => {
    const t = setup();
    await t.contacts.add(202, { name: "Bob" });
    expect(t.port.sent).toEqual([
      xml(`<iq type="set"><query ${R}><item jid="202-1@localhost" name="Bob"/></query></iq>`),
      xml(`<presence to="202-1@localhost" type="subscribe"/>`),
    ]);
    expect(
      await t.port.receive(
        `<iq type="set" id="p1"><query ${R}><item jid="202-1@localhost" name="Bob" subscription="none" ask="subscribe"/></query></iq>`,
      ),
    ).toBe(true);
    expect(t.contacts.get()).toEqual([expect.objectContaining({ userId: 202, subscription: "none", pending: true })]);
    await t.port.receive(
      `<iq type="set" id="p2" from="101-1@localhost"><query ${R}><item jid="202-1@localhost" name="Bob" subscription="to"/></query></iq>`,
    );
    expect(t.contacts.get()[0]).toMatchObject({ subscription: "to", pending: false });
    await expect(
      t.port.receive(
        `<iq type="set" id="p3" from="666-1@localhost"><query ${R}><item jid="202-1@localhost" subscription="remove"/></query></iq>`,
      ),
    ).rejects.toMatchObject({ code: "forbidden" });
    await t.contacts.rename(202, "Robert");
    await t.contacts.remove(202);
    expect(t.port.sent.slice(-2)).toEqual([
      xml(`<iq type="set"><query ${R}><item jid="202-1@localhost" name="Robert"/></query></iq>`),
      xml(`<iq type="set"><query ${R}><item jid="202-1@localhost" subscription="remove"/></query></iq>`),
    ]);
    await t.port.receive(
      `<iq type="set" id="p4"><query ${R}><item jid="202-1@localhost" subscription="remove"/></query></iq>`,
    );
    expect(t.contacts.get()).toEqual([]);
    await expect(t.contacts.rename(202, "x")).rejects.toMatchObject({ code: "not-found" });
  });

  it("requests: listed until confirmed (with a request back) or rejected; auto-approved from a contact you see", async () => {
    const t = setup();
    await t.port.receive(`<presence from="202-1@localhost" type="subscribe"/>`);
    await t.port.receive(`<presence from="303-1@localhost" type="subscribe"/>`);
    expect(t.contacts.requests.get()).toEqual([
      { userId: 202, at: 5000 },
      { userId: 303, at: 5000 },
    ]);
    await t.contacts.confirm(202);
    await t.contacts.reject(303);
    expect(t.contacts.requests.get()).toEqual([]);
    expect(t.port.sent).toEqual([
      xml(`<presence to="202-1@localhost" type="subscribed"/>`),
      xml(`<iq type="set"><query ${R}><item jid="202-1@localhost"/></query></iq>`),
      xml(`<presence to="202-1@localhost" type="subscribe"/>`),
      xml(`<presence to="303-1@localhost" type="unsubscribed"/>`),
    ]);
    await t.port.receive(
      `<iq type="set" id="p1"><query ${R}><item jid="404-1@localhost" subscription="to"/></query></iq>`,
    );
    await t.port.receive(`<presence from="404-1@localhost" type="subscribe"/>`);
    await settle();
    expect(t.port.sent.slice(-1)).toEqual([xml(`<presence to="404-1@localhost" type="subscribed"/>`)]);
    expect(t.contacts.requests.get()).toEqual([]);
    await t.port.receive(`<presence from="505-1@localhost" type="subscribe"/>`);
    await t.port.receive(`<presence from="505-1@localhost" type="unsubscribe"/>`); // withdrawn
    expect(t.contacts.requests.get()).toEqual([]);
  });

  it("refuses the 301st contact with a clear validation error, before and from the server", async () => {
    const t = setup();
    const items = Array.from(
      { length: 300 },
      (_, i) => `<item jid="${1000 + i}-1@localhost" subscription="none"/>`,
    ).join("");
    t.port.answer(`<query ${R}>${items}</query>`);
    await t.contacts.refresh();
    const error = await t.contacts.add(5000).catch((e: ChatError) => e);
    expect(error).toMatchObject({ code: "validation", details: { reason: "contacts-limit", limit: 300 } });
    expect((error as ChatError).message).toMatch(/300/);
    const fresh = setup();
    fresh.port.answer(
      `<iq type="error"><error type="cancel" code="406"><not-acceptable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">the contact list is full (300 contacts at most)</text></error></iq>`,
    );
    await expect(fresh.contacts.add(5000)).rejects.toMatchObject({ code: "validation", details: { limit: 300 } });
    await expect(fresh.contacts.add(101)).rejects.toMatchObject({ code: "validation" });
  });
});
