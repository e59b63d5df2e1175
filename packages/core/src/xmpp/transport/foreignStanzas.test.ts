import { createFakeXmppSocket } from "@chatcube/test-utils/core/createFakeXmppSocket.js";
import { afterEach, describe, expect, it } from "@jest/globals";
import xml, { type Element } from "@xmpp/xml";
import type { ChatError } from "../../errors/ChatError.js";
import { createXmppTransport } from "../createXmppTransport.js";
import type { XmppTransport } from "./XmppTransport.js";

const transports: XmppTransport[] = [];
afterEach(async () => {
  await Promise.all(transports.splice(0).map((transport) => transport.dispose()));
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("stanzas from another domain", () => {
  it("are dropped with a protocol error; the chat domain, its subdomains and the server itself pass", async () => {
    const server = createFakeXmppSocket();
    const transport = createXmppTransport({
      service: "ws://localhost:5280/ws",
      domain: "localhost",
      appId: 1,
      WebSocket: server.WebSocket,
    });
    transports.push(transport);
    const stanzas: Element[] = [];
    const errors: ChatError[] = [];
    transport.stanza$.subscribe((stanza) => stanzas.push(stanza));
    transport.error$.subscribe((error) => errors.push(error));
    await transport.connect({ userId: 5, password: "secret-password" });
    const pending = transport.iq(
      xml("iq", { type: "get", id: "q1", to: "localhost" }, xml("query", { xmlns: "jabber:iq:version" })),
    );
    server.push(`<iq type="result" id="q1" from="localhost.evil.example"/>`);
    for (const from of [
      "6-1@evil.example/r",
      "6-1@localhost.evil.example",
      "1_65f000000000000000000001@muc.evil.example/6",
    ]) {
      server.push(`<presence from="${from}" id="bad"/>`);
    }
    for (const from of ["6-1@LOCALHOST/r", "1_65f000000000000000000001@muc.localhost/6", "localhost"]) {
      server.push(`<presence from="${from}" id="good"/>`);
    }
    server.push(`<presence id="good"/>`);
    server.push(`<iq type="result" id="q1" from="localhost"/>`);
    await expect(pending).resolves.toBeDefined();
    await until(() => stanzas.length >= 4);
    expect(stanzas.map((stanza) => stanza.attrs.id)).toEqual(["good", "good", "good", "good"]);
    expect(errors.map((error) => error.code)).toEqual(["protocol", "protocol", "protocol", "protocol"]);
  });
});
