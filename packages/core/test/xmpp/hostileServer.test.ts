import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import type { Element } from "@xmpp/xml";
import { createConnection } from "../../src/connection/createConnection.js";
import type { ChatError } from "../../src/errors/ChatError.js";
import { createXmppTransport } from "../../src/xmpp/createXmppTransport.js";
import { type HostileWebSocketServer, startHostileWebSocketServer } from "../helpers/hostileWebSocketServer.js";

let server: HostileWebSocketServer;
const cleanups: Array<() => Promise<void>> = [];
beforeAll(async () => {
  server = await startHostileWebSocketServer();
});
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});
afterAll(() => server.close());

/** A connection over a real transport to `target`, recording errors, stanzas, statuses and connect attempts. */
function connectionTo(target: HostileWebSocketServer, initialMs = 20) {
  const transport = createXmppTransport({ service: target.url, domain: "localhost", appId: 1 });
  const connection = createConnection({
    transport,
    network: null,
    backoff: { initialMs, maxMs: 1000, jitter: 0 },
    pingIntervalMs: 0,
  });
  cleanups.push(async () => {
    await connection.dispose();
    await transport.dispose();
  });
  const errors: ChatError[] = [];
  const received: Element[] = [];
  const attempts: number[] = [];
  let reconnects = 0;
  transport.error$.subscribe((error) => errors.push(error));
  transport.stanza$.subscribe((stanza) => received.push(stanza));
  transport.status$.subscribe((state) => state.status === "connecting" && attempts.push(Date.now()));
  connection.reconnected$.subscribe(() => (reconnects += 1));
  const ids = () => received.map((stanza) => stanza.attrs.id);
  return { connection, errors, attempts, ids, reconnects: () => reconnects };
}

/** Polls until `condition()` holds, at most 5 s. */
async function until(condition: () => boolean): Promise<void> {
  const end = Date.now() + 5000;
  while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
}

const credentials = { userId: 5, password: "secret-password" };
const chat = (id: string) =>
  `<message xmlns="jabber:client" type="chat" from="6-1@localhost/r" id="${id}"><body>${id}</body></message>`;

describe("hostile frames over a real loopback WebSocket", () => {
  it.each([
    ["an undefined entity", ["<message><body>&nosuch;</body></message>"]],
    ["a non-XML frame, then another frame", ["not xml at all", chat("next")]],
    [
      "a truncated frame, then a whole one (never glued to it)",
      ['<message xmlns="jabber:client" from="6-1@localhost/r" id="cut"><body>', chat("glued")],
    ],
    ["a mismatched end tag", ["<message><body>x</message>"]],
    ["two elements in one frame", [`${chat("a")}${chat("b")}`]],
    ["text outside any element", ["hello <presence/>"]],
  ])("%s: a protocol error, one reconnect, and stanzas flow again", async (_name, frames) => {
    const side = connectionTo(server);
    await side.connection.connect(credentials);
    for (const frame of frames) server.push(frame);
    await until(() => side.reconnects() > 0);
    expect(side.errors.map((error) => error.code)).toContain("protocol");
    expect(side.reconnects()).toBe(1);
    server.push(chat("after"));
    await until(() => side.ids().includes("after"));
    expect(side.ids()).toEqual(["after"]);
  });

  it("a whitespace frame is ignored", async () => {
    const side = connectionTo(server);
    await side.connection.connect(credentials);
    server.push(" \n");
    server.push(chat("fine"));
    await until(() => side.ids().includes("fine"));
    expect(side.errors).toEqual([]);
    expect(side.reconnects()).toBe(0);
  });
});

describe("a server with stream management but no resumption, dropping each connection right after it comes up", () => {
  it("reaches online once it stops, with growing waits in between", async () => {
    const flapping = await startHostileWebSocketServer({ smResume: false, dropAfterPresence: 3 });
    cleanups.push(() => flapping.close());
    const side = connectionTo(flapping, 30);
    await side.connection.connect(credentials);
    await until(() => side.attempts.length >= 4 && side.connection.state.get().status === "online");
    expect(side.connection.state.get().status).toBe("online");
    expect(side.attempts).toHaveLength(4);
    const gaps = side.attempts.slice(1).map((at, i) => at - side.attempts[i]);
    expect(gaps[1]).toBeGreaterThan(gaps[0]);
    expect(gaps[2]).toBeGreaterThan(gaps[1]);
  });
});
