import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { DialogType } from "../../src/model/types.js";
import { type RunningServer, startServer } from "../../src/startServer.js";
import { jidOf, makeDialog, makeUser, oid } from "../helpers/fixtures.js";
import { RawXmpp } from "../helpers/rawXmpp.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterAll(() => server.close());

const OPEN = `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="localhost" version="1.0"/>`;
const login = (user: { id: number }, options?: Parameters<typeof RawXmpp.login>[3]) =>
  RawXmpp.login(server.chatUrl, `${user.id}-${server.appId}`, "password1", options);

describe("stream management (XEP-0198)", () => {
  it("counts handled stanzas and answers <r/> with <a h/>", async () => {
    const alice = makeUser(server, "alice");
    const a = await login(alice, { sm: true });
    a.send(`<iq type="get" id="1"><ping xmlns="urn:xmpp:ping"/></iq>`);
    a.send(`<presence/>`);
    a.send(`<r xmlns="urn:xmpp:sm:3"/>`);
    expect((await a.next("a")).attrs.h).toBe("2");
    await a.close();
  });

  it("offers resumption and replays, after <resumed/>, what the client had not acknowledged", async () => {
    const alice = makeUser(server, "alice");
    const bob = makeUser(server, "bob");
    const dialog = makeDialog(server, alice, DialogType.PRIVATE, [bob]);
    const client = await login(bob, { resource: "phone" });
    client.send(`<enable xmlns="urn:xmpp:sm:3" resume="true"/>`);
    const enabled = await client.next("enabled");
    expect(enabled.attrs).toMatchObject({ resume: "true", max: "60" });
    client.send(`<presence/>`);
    const a = await login(alice);
    const first = oid();
    a.send(
      `<message to="${jidOf(server, bob)}" type="chat" id="${first}"><body>one</body><extraParams xmlns="jabber:client"><save_to_history>1</save_to_history><dialog_id>${dialog._id}</dialog_id></extraParams></message>`,
    );
    await client.next((el) => el.attrs.id === first);
    client.send(`<a xmlns="urn:xmpp:sm:3" h="1"/>`);
    // the socket dies; the session waits for resumption while more arrives
    client.ws.terminate();
    await client.closed;
    const second = oid();
    a.send(
      `<message to="${jidOf(server, bob)}" type="chat" id="${second}"><body>two</body><extraParams xmlns="jabber:client"><save_to_history>1</save_to_history><dialog_id>${dialog._id}</dialog_id></extraParams></message>`,
    );
    a.send(`<iq type="get" id="sync"><ping xmlns="urn:xmpp:ping"/></iq>`);
    await a.next((el) => el.attrs.id === "sync");

    const again = await RawXmpp.connect(server.chatUrl);
    again.send(OPEN);
    await again.next("stream:features");
    again.send(
      `<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${Buffer.from(`\0${bob.id}-1\0password1`).toString("base64")}</auth>`,
    );
    await again.next("success");
    again.send(OPEN);
    await again.next("stream:features");
    again.send(`<resume xmlns="urn:xmpp:sm:3" previd="${enabled.attrs.id}" h="1"/>`);
    const resumed = await again.next("resumed");
    expect(resumed.attrs.h).toBe("1"); // the server handled one stanza of the client's (the presence)
    const replayed = await again.next("message");
    expect(replayed.attrs.id).toBe(second);
    await Promise.all([a.close(), again.close()]);
  });

  it("fails a resume with an unknown id", async () => {
    const carol = makeUser(server, "carol");
    const c = await RawXmpp.connect(server.chatUrl);
    c.send(OPEN);
    await c.next("stream:features");
    c.send(
      `<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${Buffer.from(`\0${carol.id}-1\0password1`).toString("base64")}</auth>`,
    );
    await c.next("success");
    c.send(OPEN);
    await c.next("stream:features");
    c.send(`<resume xmlns="urn:xmpp:sm:3" previd="nope" h="0"/>`);
    expect((await c.next("failed")).getChild("item-not-found")).toBeTruthy();
    await c.close();
  });

  it("keeps unacknowledged messages offline when a non-resumable session dies", async () => {
    const alice = makeUser(server, "alice");
    const bob = makeUser(server, "bob");
    const b = await login(bob, { sm: true });
    b.send(`<presence/>`);
    const a = await login(alice);
    const id = oid();
    a.send(`<message to="${jidOf(server, bob)}" type="chat" id="${id}"><body>lost?</body></message>`);
    await b.next((el) => el.attrs.id === id);
    b.ws.terminate(); // never acknowledged
    await b.closed;
    await new Promise((r) => setTimeout(r, 50));
    const back = await login(bob);
    back.send(`<presence/>`);
    expect((await back.next("message")).attrs.id).toBe(id);
    await Promise.all([a.close(), back.close()]);
  });
});
