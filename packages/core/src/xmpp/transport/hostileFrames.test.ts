import { afterEach, describe, expect, it } from "@jest/globals";
import type { Element } from "@xmpp/xml";
import { createConnection, type Connection } from "../../connection/createConnection.js";
import type { ChatError } from "../../errors/ChatError.js";
import { createFakeXmppSocket } from "../../testing/createFakeXmppSocket.js";
import { createXmppTransport } from "../createXmppTransport.js";
import type { XmppTransport } from "./XmppTransport.js";

const credentials = { userId: 5, password: "secret-password" };
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A connection over a transport over the in-memory server, recording errors, stanzas and statuses. */
function setup() {
  const server = createFakeXmppSocket();
  const transport: XmppTransport = createXmppTransport({ service: "ws://localhost:5280/ws", domain: "localhost", appId: 1, WebSocket: server.WebSocket });
  const connection: Connection = createConnection({ transport, network: null, backoff: { initialMs: 20, maxMs: 100, jitter: 0 }, pingIntervalMs: 0 });
  cleanups.push(async () => {
    await connection.dispose();
    await transport.dispose();
  });
  const errors: ChatError[] = [];
  const stanzas: Element[] = [];
  const statuses: string[] = [];
  transport.error$.subscribe((error) => errors.push(error));
  transport.stanza$.subscribe((stanza) => stanzas.push(stanza));
  connection.state.subscribe((state) => statuses.push(state.status));
  return { server, transport, connection, errors, stanzas, statuses };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

const chat = (body: string) => `<message xmlns="jabber:client" type="chat" from="6-1@localhost/r" id="${body}"><body>${body}</body></message>`;
const bodies = (stanzas: Element[]) => stanzas.map((stanza) => stanza.getChildText("body"));

describe("hostile frames from the server", () => {
  const cases: Array<[string, string[]]> = [
    ["an undefined entity", ["<message><body>&nosuch;</body></message>"]],
    ["a non-XML frame followed by another frame", ["this is no XML", chat("next")]],
    ["a truncated frame", ['<message xmlns="jabber:client" from="6-1@localhost/r"><body>cut']],
    ["a mismatched end tag", ["<message><body>x</message>"]],
    ["two elements in one frame", [`${chat("a")}${chat("b")}`]],
    ["text outside any element", ["hello <presence/>"]],
  ];

  it.each(cases)("%s: a protocol error, the stream closed and reconnected, stanzas flow again", async (_name, frames) => {
    const side = setup();
    await side.connection.connect(credentials);
    for (const frame of frames) side.server.push(frame);
    await until(() => side.errors.length > 0, "a protocol error");
    expect(side.errors[0]).toMatchObject({ name: "ChatError", code: "protocol" });
    await until(() => side.statuses.includes("reconnecting") && side.connection.state.get().status === "online", "a reconnect");
    expect(side.connection.state.get().lastError).toBeNull();
    side.server.push(chat("after"));
    await until(() => bodies(side.stanzas).includes("after"), "a stanza after the reconnect");
    expect(bodies(side.stanzas)).not.toContain("cut");
  });

  it("a truncated frame does not swallow the next ones: the next whole frame is never glued to it", async () => {
    const side = setup();
    await side.connection.connect(credentials);
    side.server.push('<message xmlns="jabber:client" from="6-1@localhost/r" id="x"><body>cut');
    side.server.push(chat("glued"));
    await until(() => side.errors.length > 0, "a protocol error");
    expect(bodies(side.stanzas).filter((body) => body === "cut" || body === "glued")).toEqual([]);
  });

  it("whitespace frames are ignored", async () => {
    const side = setup();
    await side.connection.connect(credentials);
    side.server.push(" \n");
    side.server.push(chat("fine"));
    await until(() => bodies(side.stanzas).includes("fine"), "the stanza");
    expect(side.errors).toEqual([]);
    expect(side.statuses.filter((status) => status === "reconnecting")).toEqual([]);
  });
});
