import { afterEach, describe, expect, it } from "@jest/globals";
import { createConnection } from "../../connection/createConnection.js";
import { createFakeXmppSocket } from "../../testing/createFakeXmppSocket.js";
import { createXmppTransport } from "../createXmppTransport.js";

const credentials = { userId: 5, password: "secret-password" };
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A connection to a server that enables stream management without resumption (XEP-0198 allows it). */
function setup(dropAfterPresence: number) {
  const server = createFakeXmppSocket({ smResume: false, dropAfterPresence });
  const transport = createXmppTransport({ service: "ws://localhost:5280/ws", domain: "localhost", appId: 1, WebSocket: server.WebSocket });
  const connection = createConnection({ transport, network: null, backoff: { initialMs: 40, maxMs: 2000, factor: 2, jitter: 0 }, pingIntervalMs: 0 });
  cleanups.push(async () => {
    await connection.dispose();
    await transport.dispose();
  });
  const attempts: number[] = [];
  const errors: string[] = [];
  transport.status$.subscribe((state) => {
    if (state.status === "connecting") attempts.push(Date.now());
    if (state.error) errors.push(state.error.message);
  });
  return { server, transport, connection, attempts, errors };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
  return condition();
}

describe("a server with stream management but no resumption that drops the connection right after it comes up", () => {
  it("comes online again once the server stops dropping: the lost stream's unacknowledged queue no longer blocks stream management", async () => {
    const side = setup(1);
    await side.connection.connect(credentials);
    const online = () => side.connection.state.get().status === "online" && side.attempts.length >= 2;
    expect(await until(online, 3000)).toBe(true);
    expect(side.attempts).toHaveLength(2);
    expect(side.errors.filter((message) => /assertion/i.test(message))).toEqual([]);
  });

  it("backs off between flapping sessions instead of starting over at the first delay each time", async () => {
    const side = setup(4);
    await side.connection.connect(credentials);
    expect(await until(() => side.attempts.length >= 5 && side.connection.state.get().status === "online", 5000)).toBe(true);
    const gaps = side.attempts.slice(1).map((at, i) => at - side.attempts[i]);
    // 40, 80, 160, 320 ms waits (plus the time to sign in): each longer than the one before.
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 1]);
    expect(gaps[3]).toBeGreaterThanOrEqual(320);
  });
});
