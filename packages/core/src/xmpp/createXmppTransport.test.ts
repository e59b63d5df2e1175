import { createFakeXmppSocket, type FakeXmppServer } from "@chatcube/test-utils/core/createFakeXmppSocket.js";
import { afterEach, describe, expect, it } from "@jest/globals";
import xml, { type Element } from "@xmpp/xml";
import { ChatError } from "../errors/ChatError.js";
import { createManualClock } from "../time/createManualClock.js";
import { createXmppTransport } from "./createXmppTransport.js";
import type { XmppTransport, XmppTransportOptions } from "./transport/XmppTransport.js";

const credentials = { userId: 5, password: "secret-password" };
const transports: XmppTransport[] = [];

afterEach(async () => {
  await Promise.all(transports.splice(0).map((transport) => transport.dispose()));
});

function setup(options: Partial<XmppTransportOptions> = {}, server: FakeXmppServer = createFakeXmppSocket()) {
  const warnings: unknown[][] = [];
  const transport = createXmppTransport({
    service: "ws://localhost:5280/ws",
    domain: "localhost",
    appId: 1,
    WebSocket: server.WebSocket,
    logger: { warn: (...args) => warnings.push(args) },
    ...options,
  });
  transports.push(transport);
  const stanzas: Element[] = [];
  transport.stanza$.subscribe((stanza) => stanzas.push(stanza));
  return { transport, server, stanzas, warnings };
}

/** The last element the client wrote that matches. */
async function written(server: FakeXmppServer, match: (element: Element) => boolean): Promise<Element> {
  for (let i = 0; i < 100; i++) {
    const found = server.received.find(match);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error("the client never wrote the expected element");
}

describe("createXmppTransport (in-memory server)", () => {
  it("signs in with PLAIN as {userId}-{appId}, binds, enables SM with resume, carbons and presence, in that order", async () => {
    const { transport, server } = setup();
    await expect(transport.connect(credentials)).resolves.toEqual({ resumed: false, jid: "5-1@localhost/fake" });
    const names = server.received.map((element) =>
      element.getChild("enable", "urn:xmpp:carbons:2") ? "carbons" : element.name,
    );
    expect(names).toEqual(["open", "auth", "open", "iq", "enable", "carbons", "presence"]);
    expect(atob(server.received[1].getText())).toBe("\u00005-1\u0000secret-password");
    expect(server.received[4].attrs.resume).toBe("true");
  });

  it("answers a server iq nobody handles with service-unavailable, and pings with a result", async () => {
    const { transport, server } = setup();
    await transport.connect(credentials);
    server.push(`<iq type="get" id="q1" from="localhost"><query xmlns="urn:example:unknown"/></iq>`);
    const error = await written(server, (element) => element.attrs.id === "q1");
    expect(error.attrs.type).toBe("error");
    expect(
      error.getChild("error")?.getChild("service-unavailable", "urn:ietf:params:xml:ns:xmpp-stanzas"),
    ).toBeDefined();
    server.push(`<iq type="get" id="p1" from="localhost"><ping xmlns="urn:xmpp:ping"/></iq>`);
    expect((await written(server, (element) => element.attrs.id === "p1")).attrs.type).toBe("result");
  });

  it("answers with a registered handler, and with the condition of a ChatError it throws", async () => {
    const { transport, server } = setup();
    await transport.connect(credentials);
    transport.onIq("set", "jabber:iq:roster", "query", () => true);
    transport.onIq("get", "jabber:iq:last", "query", () => {
      throw new ChatError("forbidden", "no", { condition: "forbidden" });
    });
    server.push(`<iq type="set" id="r1" from="localhost"><query xmlns="jabber:iq:roster"/></iq>`);
    server.push(`<iq type="get" id="l1" from="localhost"><query xmlns="jabber:iq:last"/></iq>`);
    expect((await written(server, (element) => element.attrs.id === "r1")).attrs.type).toBe("result");
    const refused = await written(server, (element) => element.attrs.id === "l1");
    expect(refused.getChild("error")?.getChild("forbidden")).toBeDefined();
  });

  it("survives a malformed stanza, drops it, and still counts it for stream management", async () => {
    const { transport, server, stanzas, warnings } = setup();
    await transport.connect(credentials);
    server.push(`<message from="broken@" id="bad"><body>?</body></message>`);
    server.push(`<message from="6-1@localhost/x" id="good"><body>fine</body></message>`);
    server.push(`<r xmlns="urn:xmpp:sm:3"/>`);
    const ack = await written(server, (element) => element.is("a", "urn:xmpp:sm:3"));
    // carbons result + the malformed message + the good one
    expect(ack.attrs.h).toBe("3");
    expect(stanzas.map((stanza) => stanza.attrs.id)).toEqual(["good"]);
    expect(warnings).toHaveLength(1);
    expect(transport.state.status).toBe("online");
  });

  it("resolves sendTracked on the <a/> that covers the stanza", async () => {
    const { transport, server } = setup();
    await transport.connect(credentials);
    const message = xml("message", { to: "6-1@localhost", type: "chat", id: "m1" }, xml("body", {}, "hi"));
    let acked = false;
    const tracked = transport.sendTracked(message).then(() => (acked = true));
    await written(server, (element) => element.attrs.id === "m1");
    expect(acked).toBe(false);
    await tracked; // @xmpp sends <r/> after 250 ms; the fake answers with its count
    expect(server.handled).toBe(3); // carbons iq, presence, message
  });

  it("falls back to a ping round trip for sendTracked without stream management", async () => {
    const server = createFakeXmppSocket({ sm: false });
    const { transport } = setup({}, server);
    await transport.connect(credentials);
    const done = transport.sendTracked(xml("presence"));
    const ping = await written(server, (element) => element.getChild("ping", "urn:xmpp:ping") !== undefined);
    server.push(`<iq type="result" id="${ping.attrs.id}"/>`);
    await expect(done).resolves.toBeUndefined();
  });

  it("rejects wrong credentials with unauthorized", async () => {
    const { transport } = setup();
    await expect(transport.connect({ userId: 5, password: "nope-nope" })).rejects.toMatchObject({
      code: "unauthorized",
    });
  });

  it("refuses PLAIN over a non-secure, non-loopback ws:// URL", async () => {
    const { transport } = setup({ service: "ws://chat.example.com/ws", domain: "chat.example.com" });
    await expect(transport.connect(credentials)).rejects.toMatchObject({ code: "protocol" });
  });

  it("fails an attempt that takes longer than connectTimeoutMs", async () => {
    const clock = createManualClock();
    const { transport } = setup({ clock, connectTimeoutMs: 5000 }, createFakeXmppSocket({ silent: true }));
    const attempt = transport.connect(credentials).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 20));
    clock.advance(5000);
    expect(await attempt).toMatchObject({ code: "timeout" });
    expect(transport.state).toMatchObject({ status: "disconnected", error: { code: "timeout" } });
  });

  it("reports disconnected when the server drops the socket, and times out an iq on the injected clock", async () => {
    const clock = createManualClock();
    const { transport, server } = setup({ clock });
    await transport.connect(credentials);
    const pending = transport.iq(
      xml("iq", { type: "get", to: "localhost" }, xml("query", { xmlns: "urn:example:slow" })),
      { timeoutMs: 1000 },
    );
    clock.advance(1000);
    await expect(pending).rejects.toMatchObject({ code: "timeout" });
    server.drop();
    for (let i = 0; i < 20 && transport.state.status === "online"; i++)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(transport.state).toMatchObject({ status: "disconnected", error: { code: "network" } });
    await expect(transport.send(xml("presence"))).rejects.toMatchObject({ code: "network" });
  });
});
