import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, startServer } from "@chatcube/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import xml, { type Element } from "@xmpp/xml";
import type { Connection } from "../../src/connection/Connection.js";
import type { ConnectedEvent, ConnectionState } from "../../src/connection/ConnectionState.js";
import { createConnection } from "../../src/connection/createConnection.js";
import { objectId } from "../../src/model/ids.js";
import { createXmppTransport } from "../../src/xmpp/createXmppTransport.js";
import type { XmppTransport } from "../../src/xmpp/transport/XmppTransport.js";
import { createTestUser, jidOf, sessionToken, type TestUser, waitFor } from "../helpers/chatTestUsers.js";

let server: RunningServer;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});
afterAll(() => server.close());

/** A connection over a real transport, recording states, reconnections and received stanzas. */
function connectionTo(target: RunningServer) {
  const transport: XmppTransport = createXmppTransport({
    service: target.chatUrl,
    domain: target.domain,
    appId: target.appId,
  });
  const connection: Connection = createConnection({
    transport,
    network: null,
    backoff: { initialMs: 50, maxMs: 400, factor: 2, jitter: 0.2 },
    pingIntervalMs: 0,
  });
  cleanups.push(async () => {
    await connection.dispose();
    await transport.dispose();
  });
  const states: ConnectionState[] = [];
  const reconnections: ConnectedEvent[] = [];
  const received: Element[] = [];
  connection.state.subscribe((state) => states.push(state));
  connection.reconnected$.subscribe((event) => reconnections.push(event));
  transport.stanza$.subscribe((stanza) => received.push(stanza));
  const statuses = () => states.map((state) => state.status).filter((status, i, all) => status !== all[i - 1]);
  return { transport, connection, states, statuses, reconnections, received };
}

const chat = (to: string, body: string) => xml("message", { to, type: "chat", id: objectId() }, xml("body", {}, body));
const withId = (received: Element[], id: string) =>
  received.filter((stanza) => stanza.name === "message" && stanza.attrs.id === id);
const credentialsOf = (user: TestUser) => ({ userId: user.id, password: user.password });

describe("connection against the local server", () => {
  it("connects with a password: idle → connecting → authenticating → online", async () => {
    const alice = await createTestUser(server, "alice");
    const side = connectionTo(server);
    await side.connection.connect(credentialsOf(alice));
    expect(side.statuses()).toEqual(["idle", "connecting", "authenticating", "online"]);
    expect(side.connection.state.get()).toMatchObject({ status: "online", attempt: 0, lastError: null });
    await side.connection.disconnect();
    expect(side.connection.state.get().status).toBe("idle");
  });

  it("connects with a REST session token", async () => {
    const bob = await createTestUser(server, "bob");
    const token = await sessionToken(server, bob);
    const side = connectionTo(server);
    await side.connection.connect({ userId: bob.id, password: token });
    expect(side.connection.state.get().status).toBe("online");
  });

  it("ends in failed/unauthorized on a wrong password, without retrying", async () => {
    const carol = await createTestUser(server, "carol");
    const side = connectionTo(server);
    await expect(side.connection.connect({ userId: carol.id, password: "not-her-password" })).rejects.toMatchObject({
      code: "unauthorized",
    });
    expect(side.connection.state.get()).toMatchObject({ status: "failed", lastError: { code: "unauthorized" } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(side.statuses()).toEqual(["idle", "connecting", "authenticating", "failed"]);
  });

  it("reconnects after server.dropConnections() by resuming: messages sent meanwhile arrive once", async () => {
    const [alice, bob] = await Promise.all([createTestUser(server, "alice"), createTestUser(server, "bob")]);
    const a = connectionTo(server);
    const b = connectionTo(server);
    await a.connection.connect(credentialsOf(alice));
    await b.connection.connect(credentialsOf(bob));

    server.dropConnections(bob.id);
    await waitFor(() => b.connection.state.get().status === "reconnecting", 5000, "reconnecting");
    const during = [chat(jidOf(server, bob), "one"), chat(jidOf(server, bob), "two")];
    for (const message of during) await a.transport.sendTracked(message);

    await waitFor(() => b.connection.state.get().status === "online", 5000, "online again");
    expect(b.statuses()).toEqual(["idle", "connecting", "authenticating", "online", "reconnecting", "online"]);
    expect(b.reconnections).toEqual([{ resumed: true, reconnect: true }]);
    await waitFor(() => during.every((message) => withId(b.received, message.attrs.id).length > 0));
    await b.transport.ping();
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const message of during) expect(withId(b.received, message.attrs.id)).toHaveLength(1);
  });
});

describe("connection across a server restart", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "chatcube-restart-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("keeps retrying with backoff while the server is down and binds afresh when it is back", async () => {
    const data = join(dir, "db.json");
    let restartable = await startServer({ port: 0, data });
    const port = restartable.port;
    cleanups.push(() => restartable.close());
    const dave = await createTestUser(restartable, "dave");
    const side = connectionTo(restartable);
    await side.connection.connect(credentialsOf(dave));

    const attemptStarts: number[] = [];
    side.connection.state.subscribe((state) => {
      if (state.attempt > attemptStarts.length) attemptStarts.push(Date.now());
    });
    await restartable.close();
    await waitFor(() => side.connection.state.get().attempt >= 4, 10_000, "four attempts");
    // 50, 100, 200 ms (±20%) between attempts: each wait longer than the one before.
    const gaps = attemptStarts.slice(1, 4).map((at, i) => at - attemptStarts[i]);
    expect(gaps[1]).toBeGreaterThan(gaps[0]);
    expect(gaps[2]).toBeGreaterThan(gaps[1]);
    const failing = side.states.filter((state) => state.status === "reconnecting" && state.lastError !== null);
    expect(failing.length).toBeGreaterThan(0);
    expect(side.connection.state.get().lastError?.code).toMatch(/network|server|timeout/);

    restartable = await startServer({ port, data });
    await waitFor(() => side.connection.state.get().status === "online", 10_000, "online after the restart");
    expect(side.reconnections).toEqual([{ resumed: false, reconnect: true }]);
    expect(side.connection.state.get()).toMatchObject({ attempt: 0, lastError: null });
    // A working fresh session on the new server.
    await side.transport.ping();
    const reply = await side.transport.iq(
      xml("iq", { type: "get", to: restartable.domain }, xml("ping", { xmlns: "urn:xmpp:ping" })),
    );
    expect(reply.attrs.type).toBe("result");
  });
});
