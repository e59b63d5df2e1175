import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { type RunningServer, startServer } from "../../src/startServer.js";
import { authcid, makeUser, tokenFor } from "../helpers/fixtures.js";
import { RawXmpp } from "../helpers/rawXmpp.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterAll(() => server.close());

const OPEN = `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="localhost" version="1.0"/>`;
const plain = (id: string, password: string) => Buffer.from(`\0${id}\0${password}`).toString("base64");

describe("stream negotiation", () => {
  it("offers PLAIN, then bind and stream management, and binds a server-chosen resource", async () => {
    const alice = makeUser(server, "alice");
    const client = await RawXmpp.connect(server.chatUrl);
    client.send(OPEN);
    const open = await client.next("open");
    expect(open.attrs).toMatchObject({ from: "localhost", version: "1.0" });
    const features = await client.next("stream:features");
    expect(features.getChild("mechanisms")?.getChildText("mechanism")).toBe("PLAIN");
    client.send(
      `<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${plain(authcid(server, alice), "password1")}</auth>`,
    );
    await client.next("success");
    client.send(OPEN);
    await client.next("open");
    const bound = await client.next("stream:features");
    expect(bound.getChild("bind", "urn:ietf:params:xml:ns:xmpp-bind")).toBeTruthy();
    expect(bound.getChild("sm", "urn:xmpp:sm:3")).toBeTruthy();
    client.send(`<iq type="set" id="b"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/></iq>`);
    const result = await client.next("iq");
    expect(result.attrs.type).toBe("result");
    expect(result.getChild("bind")?.getChildText("jid")).toMatch(new RegExp(`^${alice.id}-1@localhost/.+`));
    await client.close();
  });

  it("accepts a live session token as the password, and refuses a wrong password with not-authorized", async () => {
    const bob = makeUser(server, "bob");
    const ok = await RawXmpp.login(server.chatUrl, authcid(server, bob), tokenFor(server, bob));
    expect(ok.jid).toContain(`${bob.id}-1@localhost/`);
    await ok.close();
    const client = await RawXmpp.connect(server.chatUrl);
    client.send(OPEN);
    await client.next("stream:features");
    client.send(
      `<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${plain(authcid(server, bob), "wrong")}</auth>`,
    );
    const failure = await client.next("failure");
    expect(failure.getChild("not-authorized")).toBeTruthy();
    client.send(`<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">!!!</auth>`);
    expect((await client.next("failure")).getChild("incorrect-encoding")).toBeTruthy();
    client.send(`<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="SCRAM-SHA-1">x</auth>`);
    expect((await client.next("failure")).getChild("invalid-mechanism")).toBeTruthy();
    await client.close();
  });

  it("ends the stream with not-well-formed on malformed XML", async () => {
    const client = await RawXmpp.connect(server.chatUrl);
    client.send(OPEN);
    await client.next("stream:features");
    client.send(`<message><body>unclosed`);
    const error = await client.next("stream:error");
    expect(error.getChild("not-well-formed")).toBeTruthy();
    await client.next("close");
    await client.closed;
  });

  it("ends the stream with policy-violation for a stanza over 256 KB", async () => {
    const carol = makeUser(server, "carol");
    const client = await RawXmpp.login(server.chatUrl, authcid(server, carol), "password1");
    client.send(`<message to="1-1@localhost" type="chat"><body>${"x".repeat(300 * 1024)}</body></message>`);
    const error = await client.next("stream:error");
    expect(error.getChild("policy-violation")).toBeTruthy();
    await client.closed;
  });

  it("refuses stanzas before authentication", async () => {
    const client = await RawXmpp.connect(server.chatUrl);
    client.send(OPEN);
    await client.next("stream:features");
    client.send(`<message to="1-1@localhost"><body>hi</body></message>`);
    expect((await client.next("stream:error")).getChild("not-authorized")).toBeTruthy();
    await client.closed;
  });

  it("answers ping, an unknown iq with service-unavailable, and a sender spoofing `from` with invalid-from", async () => {
    const dave = makeUser(server, "dave");
    const client = await RawXmpp.login(server.chatUrl, authcid(server, dave), "password1");
    client.send(`<iq type="get" to="localhost" id="p1"><ping xmlns="urn:xmpp:ping"/></iq>`);
    expect((await client.next((el) => el.attrs.id === "p1")).attrs.type).toBe("result");
    client.send(`<iq type="get" to="localhost" id="u1"><query xmlns="urn:example:unknown"/></iq>`);
    const unknown = await client.next((el) => el.attrs.id === "u1");
    expect(unknown.attrs.type).toBe("error");
    expect(unknown.getChild("error")?.getChild("service-unavailable")).toBeTruthy();
    expect(unknown.getChild("error")?.attrs.code).toBe("503");
    client.send(
      `<message from="999-1@localhost/x" to="${dave.id}-1@localhost" type="chat"><body>spoof</body></message>`,
    );
    expect((await client.next("stream:error")).getChild("invalid-from")).toBeTruthy();
    await client.closed;
  });

  it("answers a closing handshake with close", async () => {
    const erin = makeUser(server, "erin");
    const client = await RawXmpp.login(server.chatUrl, authcid(server, erin), "password1");
    client.send(`<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>`);
    await client.next("close");
    await client.closed;
  });
});
