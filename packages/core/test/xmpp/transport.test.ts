import { type RunningServer, startServer } from "@chatcube/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import xml, { type Element } from "@xmpp/xml";
import { ChatError } from "../../src/errors/ChatError.js";
import { objectId } from "../../src/model/ids.js";
import { createXmppTransport } from "../../src/xmpp/createXmppTransport.js";
import type { TransportStatus, XmppTransport } from "../../src/xmpp/transport/XmppTransport.js";
import { createTestUser, jidOf, sessionToken, type TestUser, waitFor } from "../helpers/chatTestUsers.js";

let server: RunningServer;
const open: XmppTransport[] = [];

beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((transport) => transport.dispose()));
});
afterAll(() => server.close());

/** A transport that records what it receives and the statuses it goes through. */
function transportFor(options: { resource?: string } = {}) {
  const transport = createXmppTransport({
    service: server.chatUrl,
    domain: server.domain,
    appId: server.appId,
    ...options,
  });
  open.push(transport);
  const received: Element[] = [];
  const statuses: TransportStatus[] = [];
  transport.stanza$.subscribe((stanza) => received.push(stanza));
  transport.status$.subscribe((state) => statuses.push(state.status));
  return { transport, received, statuses };
}

async function online(user: TestUser, options: { resource?: string } = {}) {
  const side = transportFor(options);
  await side.transport.connect({ userId: user.id, password: user.password });
  return side;
}

const chat = (to: string, body: string, id = objectId()) =>
  xml("message", { to, type: "chat", id }, xml("body", {}, body));
const bodies = (received: Element[], id: string) =>
  received.filter((stanza) => stanza.name === "message" && stanza.attrs.id === id);

describe("XMPP transport against the local server", () => {
  it("connects with the user's password: bound as {userId}-{appId}@{domain}, not resumed", async () => {
    const alice = await createTestUser(server, "alice");
    const { transport, statuses } = transportFor();
    const result = await transport.connect({ userId: alice.id, password: alice.password });
    expect(result.resumed).toBe(false);
    expect(result.jid.startsWith(`${jidOf(server, alice)}/`)).toBe(true);
    expect(transport.jid).toBe(result.jid);
    expect(statuses).toEqual(["offline", "connecting", "authenticating", "online"]);
    await transport.disconnect();
    expect(transport.state).toMatchObject({ status: "offline", error: null });
  });

  it("connects with a REST session token as the password", async () => {
    const bob = await createTestUser(server, "bob");
    const token = await sessionToken(server, bob);
    const { transport } = transportFor();
    await expect(transport.connect({ userId: bob.id, password: token })).resolves.toMatchObject({ resumed: false });
  });

  it("rejects a wrong password with ChatError('unauthorized') and reports it", async () => {
    const carol = await createTestUser(server, "carol");
    const { transport } = transportFor();
    const failure = await transport
      .connect({ userId: carol.id, password: "wrong-password" })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ChatError);
    expect(failure).toMatchObject({ code: "unauthorized", condition: "not-authorized" });
    expect(transport.state.status).toBe("disconnected");
    expect(transport.state.error?.code).toBe("unauthorized");
    // the same transport signs in once given the right password
    await expect(transport.connect({ userId: carol.id, password: carol.password })).resolves.toMatchObject({
      resumed: false,
    });
  });

  it("delivers a chat message from one transport to another, and sendTracked resolves on the server's ack", async () => {
    const [alice, bob] = await Promise.all([createTestUser(server, "alice"), createTestUser(server, "bob")]);
    const a = await online(alice);
    const b = await online(bob);
    const message = chat(jidOf(server, bob), "hello bob");
    await a.transport.sendTracked(message);
    await waitFor(() => bodies(b.received, message.attrs.id).length === 1, 5000, "bob's message");
    const got = bodies(b.received, message.attrs.id)[0];
    expect(got.getChildText("body")).toBe("hello bob");
    expect(String(got.attrs.from).startsWith(jidOf(server, alice))).toBe(true);
  });

  it("enables carbons: the sender's other resource gets a <sent/> copy", async () => {
    const [alice, bob] = await Promise.all([createTestUser(server, "alice"), createTestUser(server, "bob")]);
    const phone = await online(alice, { resource: "phone" });
    const laptop = await online(alice, { resource: "laptop" });
    await online(bob);
    const message = chat(jidOf(server, bob), "copied");
    await phone.transport.sendTracked(message);
    await waitFor(() => laptop.received.some((stanza) => stanza.getChild("sent", "urn:xmpp:carbons:2") !== undefined));
  });

  it("answers iqs: ping() and iq() to the server; a peer's @xmpp answers ping and refuses unknown queries", async () => {
    const [alice, bob] = await Promise.all([createTestUser(server, "alice"), createTestUser(server, "bob")]);
    const a = await online(alice);
    const b = await online(bob);
    await a.transport.ping(2000);
    const result = await a.transport.iq(
      xml("iq", { type: "get", to: server.domain }, xml("query", { xmlns: "http://jabber.org/protocol/disco#info" })),
    );
    expect(result.attrs.type).toBe("result");
    expect(
      result
        .getChild("query")
        ?.getChildren("feature")
        .map((feature) => feature.attrs.var),
    ).toContain("urn:xmpp:sm:3");

    const peer = b.transport.jid!;
    const pong = await a.transport.iq(xml("iq", { type: "get", to: peer }, xml("ping", { xmlns: "urn:xmpp:ping" })));
    expect(pong.attrs.type).toBe("result");
    const refused = await a.transport
      .iq(xml("iq", { type: "get", to: peer }, xml("query", { xmlns: "jabber:iq:version" })))
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "server", condition: "service-unavailable" });

    b.transport.onIq("get", "jabber:iq:version", "query", () =>
      xml("query", { xmlns: "jabber:iq:version" }, xml("name", {}, "chatcube")),
    );
    const version = await a.transport.iq(
      xml("iq", { type: "get", to: peer }, xml("query", { xmlns: "jabber:iq:version" })),
    );
    expect(version.getChild("query")?.getChildText("name")).toBe("chatcube");
  });

  it("rejects an iq with the stanza error, and with 'timeout' when nothing answers in time", async () => {
    const alice = await createTestUser(server, "alice");
    const a = await online(alice);
    const error = await a.transport
      .iq(xml("iq", { type: "get", to: server.domain }, xml("query", { xmlns: "urn:example:nothing" })))
      .catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: "server", condition: "service-unavailable" });
    // An iq result the server never sends: a set to a peer that ignores results.
    const silent = await a.transport
      .iq(xml("iq", { type: "result", to: `${jidOf(server, alice)}/nowhere` }), { timeoutMs: 200 })
      .catch((reason: unknown) => reason);
    expect(silent).toMatchObject({ code: "timeout" });
  });

  it("disconnect() closes the stream cleanly: the next connect binds a new session", async () => {
    const alice = await createTestUser(server, "alice");
    const { transport } = transportFor();
    const first = await transport.connect({ userId: alice.id, password: alice.password });
    await transport.disconnect();
    const second = await transport.connect({ userId: alice.id, password: alice.password });
    expect(second.resumed).toBe(false);
    expect(second.jid).not.toBe(first.jid);
  });

  it("switches users: the first user's session is closed, never resumed by the second", async () => {
    const [alice, bob] = await Promise.all([createTestUser(server, "alice"), createTestUser(server, "bob")]);
    const { transport } = transportFor();
    await transport.connect({ userId: alice.id, password: alice.password });
    const result = await transport.connect({ userId: bob.id, password: bob.password });
    expect(result).toMatchObject({ resumed: false });
    expect(result.jid.startsWith(`${jidOf(server, bob)}/`)).toBe(true);
  });

  it("rejects sends while not online", async () => {
    const { transport } = transportFor();
    await expect(transport.send(xml("presence"))).rejects.toMatchObject({ code: "network" });
    await expect(transport.sendTracked(xml("presence"))).rejects.toMatchObject({ code: "network" });
    await expect(transport.ping()).rejects.toMatchObject({ code: "network" });
  });
});

describe("XMPP transport: dropped sockets and stream resumption", () => {
  it("resumes after server.dropConnections(): what arrived meanwhile is received once", async () => {
    const [alice, bob] = await Promise.all([createTestUser(server, "alice"), createTestUser(server, "bob")]);
    const a = await online(alice);
    const b = await online(bob);
    const before = chat(jidOf(server, bob), "before");
    await a.transport.sendTracked(before);
    await waitFor(() => bodies(b.received, before.attrs.id).length === 1);
    // Some iq traffic, whose replies stream management must count too.
    await b.transport.ping();
    await b.transport.iq(
      xml("iq", { type: "get", to: server.domain }, xml("query", { xmlns: "http://jabber.org/protocol/disco#info" })),
    );

    server.dropConnections(bob.id);
    await waitFor(() => b.transport.state.status === "disconnected", 5000, "bob's disconnect");
    expect(b.transport.state.error?.code).toBe("network");
    const during = [chat(jidOf(server, bob), "during 1"), chat(jidOf(server, bob), "during 2")];
    for (const message of during) await a.transport.sendTracked(message);

    const result = await b.transport.connect({ userId: bob.id, password: bob.password });
    expect(result.resumed).toBe(true);
    expect(b.transport.resumed).toBe(true);
    await waitFor(() => during.every((message) => bodies(b.received, message.attrs.id).length === 1));
    await b.transport.ping();
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const message of [before, ...during]) expect(bodies(b.received, message.attrs.id)).toHaveLength(1);
    expect(b.received.filter((stanza) => stanza.name === "iq" && stanza.attrs.type === "result")).toHaveLength(0);

    // Still a working session after the resumption.
    const after = chat(jidOf(server, bob), "after");
    await a.transport.sendTracked(after);
    await waitFor(() => bodies(b.received, after.attrs.id).length === 1);
  });

  it("a tracked send whose ack was lost with the socket resolves after the resumption", async () => {
    const [alice, bob] = await Promise.all([createTestUser(server, "alice"), createTestUser(server, "bob")]);
    const a = await online(alice);
    const b = await online(bob);
    const message = chat(jidOf(server, bob), "in flight");
    const tracked = a.transport.sendTracked(message);
    a.transport.terminate();
    expect(a.transport.state.status).toBe("disconnected");
    await expect(a.transport.connect({ userId: alice.id, password: alice.password })).resolves.toMatchObject({
      resumed: true,
    });
    await expect(tracked).resolves.toBeUndefined();
    await waitFor(() => bodies(b.received, message.attrs.id).length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bodies(b.received, message.attrs.id)).toHaveLength(1); // the server keeps ids idempotent
  });

  it("binds afresh when the session cannot be resumed, failing unacknowledged tracked sends", async () => {
    const [alice, bob] = await Promise.all([createTestUser(server, "alice"), createTestUser(server, "bob")]);
    const a = await online(alice, { resource: "phone" });
    await online(bob);
    const message = chat(jidOf(server, bob), "lost ack");
    const tracked = a.transport.sendTracked(message);
    a.transport.terminate();
    // Another connection binds the same resource: the server ends the detached session for good.
    const usurper = await online(alice, { resource: "phone" });
    const result = await a.transport.connect({ userId: alice.id, password: alice.password });
    expect(result.resumed).toBe(false);
    await expect(tracked).rejects.toMatchObject({ code: "network" });
    await a.transport.ping();
    await waitFor(() => usurper.transport.state.status === "disconnected");
    expect(usurper.transport.state.error?.code).toBe("conflict");
  });
});

describe("XMPP transport: a stream handed over to another client of the same user (tabs)", () => {
  const sessionsOf = (user: TestUser) =>
    (server.context.chat as unknown as { sessionsOf(id: number): unknown[] }).sessionsOf(user.id).length;

  it("the other resumes it: same JID, one session, what came before the handover is not received again", async () => {
    const [alice, bob] = await Promise.all([createTestUser(server, "alice"), createTestUser(server, "bob")]);
    const a = await online(alice);
    const first = await online(bob);
    const before = chat(jidOf(server, bob), "before");
    await a.transport.sendTracked(before);
    await waitFor(() => bodies(first.received, before.attrs.id).length === 1);
    await first.transport.ping(); // an iq reply, counted too

    const handover = first.transport.handOverStream();
    expect(handover).toMatchObject({ jid: first.transport.jid });
    expect(first.transport.state).toMatchObject({ status: "offline", error: null });
    const during = chat(jidOf(server, bob), "during the handover");
    await a.transport.sendTracked(during);

    const second = transportFor();
    second.transport.takeOverStream(handover!);
    const result = await second.transport.connect({ userId: bob.id, password: bob.password });
    expect(result).toEqual({ resumed: true, jid: first.transport.jid });
    expect(sessionsOf(bob)).toBe(1);
    await waitFor(() => bodies(second.received, during.attrs.id).length === 1);
    expect(bodies(second.received, before.attrs.id)).toHaveLength(0);
    expect(first.statuses.at(-1)).toBe("offline"); // no reconnect of its own

    // The resumed stream counts this client's stanzas from the server's h: its own sends are acknowledged.
    const reply = chat(jidOf(server, alice), "from the resumed stream");
    await second.transport.sendTracked(reply);
    await waitFor(() => bodies(a.received, reply.attrs.id).length === 1);
    await second.transport.ping();
    const later = chat(jidOf(server, bob), "after");
    await a.transport.sendTracked(later);
    await waitFor(() => bodies(second.received, later.attrs.id).length === 1);
  });

  it("a stanza sent but not acknowledged at the handover fails there, for the other client to send again", async () => {
    const [alice, bob] = await Promise.all([createTestUser(server, "alice"), createTestUser(server, "bob")]);
    const first = await online(alice);
    await online(bob);
    const tracked = first.transport.sendTracked(chat(jidOf(server, bob), "unacknowledged"));
    const handover = first.transport.handOverStream();
    expect(handover).not.toBeNull();
    await expect(tracked).rejects.toMatchObject({ code: "network" });
  });

  it("nothing to hand over when offline; a stale handover binds afresh", async () => {
    const bob = await createTestUser(server, "bob");
    const idle = transportFor();
    expect(idle.transport.handOverStream()).toBeNull();
    const second = transportFor();
    second.transport.takeOverStream({ id: "gone", h: 3, jid: `${jidOf(server, bob)}/old` });
    const result = await second.transport.connect({ userId: bob.id, password: bob.password });
    expect(result.resumed).toBe(false);
    expect(result.jid).not.toBe(`${jidOf(server, bob)}/old`);
    await second.transport.ping();
  });
});
