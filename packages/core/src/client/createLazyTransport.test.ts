import { createFakeXmppSocket } from "@chatcube/test-utils/core/createFakeXmppSocket.js";
import { afterEach, describe, expect, it } from "@jest/globals";
import type { Element } from "@xmpp/xml";
import type { XmppTransport } from "../xmpp/transport/XmppTransport.js";
import { createLazyTransport, type TransportLoader } from "./createLazyTransport.js";

const credentials = { userId: 5, password: "secret-password" };
const transports: XmppTransport[] = [];
afterEach(async () => {
  await Promise.all(transports.splice(0).map((transport) => transport.dispose()));
});

/** A lazy transport on the in-memory server; `gate` holds the chunk back until released, `failures` fail it first. */
function setup(failures = 0) {
  const server = createFakeXmppSocket();
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let loads = 0;
  const load: TransportLoader = async () => {
    loads++;
    await gate;
    if (failures-- > 0) throw new Error("chunk failed to load");
    return import("../xmpp/createXmppTransport.js");
  };
  const options = { service: "ws://localhost:5280/ws", domain: "localhost", appId: 1, WebSocket: server.WebSocket };
  const transport = createLazyTransport(options, load);
  transports.push(transport);
  const stanzas: Element[] = [];
  transport.stanza$.subscribe((stanza) => stanzas.push(stanza));
  return { transport, server, release, stanzas, loads: () => loads };
}

describe("createLazyTransport", () => {
  it("starts loading at once, is offline until connected, and rejects sends as not connected meanwhile", async () => {
    const { transport, loads } = setup();
    expect(loads()).toBe(1);
    expect(transport.state.status).toBe("offline");
    await expect(transport.send({} as Element)).rejects.toMatchObject({ code: "network" });
    await expect(transport.iq({} as Element)).rejects.toMatchObject({ code: "network" });
  });

  it("connects once the chunk is there, with iq handlers registered before it, and passes stanzas on", async () => {
    const { transport, server, release, stanzas } = setup();
    const answered: string[] = [];
    transport.onIq("set", "jabber:iq:roster", "query", (iq) => (answered.push(iq.attrs.id), true));
    const statuses: string[] = [];
    transport.status$.subscribe((state) => statuses.push(state.status));
    const connecting = transport.connect(credentials);
    release();
    await expect(connecting).resolves.toEqual({ resumed: false, jid: "5-1@localhost/fake" });
    expect(transport.jid).toBe("5-1@localhost/fake");
    expect(statuses[0]).toBe("offline");
    expect(statuses.at(-1)).toBe("online");
    server.push(`<iq type="set" id="r1" from="localhost"><query xmlns="jabber:iq:roster"/></iq>`);
    server.push(`<message from="localhost" id="m1"><body>hi</body></message>`);
    for (let i = 0; i < 100 && stanzas.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(answered).toEqual(["r1"]);
    expect(stanzas.map((stanza) => stanza.attrs.id)).toContain("m1");
  });

  it("gives up a connect that waited for the chunk when disconnect came meanwhile", async () => {
    const { transport, release } = setup();
    const connecting = transport.connect(credentials);
    await transport.disconnect();
    release();
    await expect(connecting).rejects.toMatchObject({ code: "network" });
    await expect(transport.connect(credentials)).resolves.toMatchObject({ resumed: false });
  });

  it("fails a connect with network when the chunk does not load, and loads it again on the next", async () => {
    const { transport, release, loads } = setup(1);
    release();
    await expect(transport.connect(credentials)).rejects.toMatchObject({ code: "network" });
    await expect(transport.connect(credentials)).resolves.toMatchObject({ resumed: false });
    expect(loads()).toBe(2);
  });

  it("a stream handed over before the chunk is there is resumed by the first connect (refused here: bound afresh)", async () => {
    const { transport, server, release } = setup();
    expect(transport.handOverStream()).toBeNull(); // nothing to hand over yet
    transport.takeOverStream({ id: "sm-7", h: 4, jid: "5-1@localhost/other-tab" });
    const connecting = transport.connect(credentials);
    release();
    await expect(connecting).resolves.toEqual({ resumed: false, jid: "5-1@localhost/fake" });
    const resume = server.received.find((element) => element.is("resume", "urn:xmpp:sm:3"));
    expect(resume?.attrs).toMatchObject({ previd: "sm-7", h: "4" });
  });
});
