import { describe, expect, it } from "@jest/globals";
import { BehaviorSubject } from "rxjs";
import { ChatError } from "../errors/ChatError.js";
import { createManualClock } from "../time/createManualClock.js";
import type { ConnectResult, TransportState, XmppCredentials } from "../xmpp/transport/XmppTransport.js";
import type { ConnectionTransport } from "./Connection.js";
import type { ConnectedEvent, ConnectionStatus } from "./ConnectionState.js";
import type { NetworkEvent, NetworkEventSource } from "./createBrowserNetworkSource.js";
import { createConnection, STABLE_ONLINE_MS } from "./createConnection.js";

/** A transport whose connects and pings the test settles by hand. */
function fakeTransport() {
  const status$ = new BehaviorSubject<TransportState>({ status: "offline", error: null, resumed: false });
  const connects: Array<{
    credentials: XmppCredentials;
    resolve(result: ConnectResult): void;
    reject(error: ChatError): void;
  }> = [];
  const pings: Array<{ resolve(): void; reject(error: ChatError): void }> = [];
  const terminated: Array<ChatError | undefined> = [];
  let disconnects = 0;
  const transport: ConnectionTransport = {
    status$,
    connect: (credentials) => new Promise((resolve, reject) => connects.push({ credentials, resolve, reject })),
    disconnect: async () => {
      disconnects += 1;
    },
    terminate: (reason) => terminated.push(reason),
    ping: () => new Promise<void>((resolve, reject) => pings.push({ resolve, reject })),
  };
  return {
    transport,
    connects,
    pings,
    terminated,
    disconnects: () => disconnects,
    /** Settles the latest connect. */
    succeed: (resumed = false) => connects[connects.length - 1].resolve({ resumed, jid: "1-1@localhost/r" }),
    failWith: (error: ChatError) => connects[connects.length - 1].reject(error),
    /** The socket died while online. */
    drop: () =>
      status$.next({ status: "disconnected", error: new ChatError("network", "socket closed"), resumed: false }),
  };
}

/** A network the test switches by hand. */
function fakeNetwork(online = true) {
  let listener: ((event: NetworkEvent) => void) | null = null;
  const source: NetworkEventSource = {
    isOnline: () => online,
    isVisible: () => true,
    subscribe: (next) => {
      listener = next;
      return () => (listener = null);
    },
  };
  return {
    source,
    emit(event: NetworkEvent) {
      if (event === "online" || event === "offline") online = event === "online";
      listener?.(event);
    },
  };
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

const credentials = { userId: 1, password: "secret-password" };

function setup(options: { online?: boolean; pingIntervalMs?: number } = {}) {
  const clock = createManualClock(1_000);
  const fake = fakeTransport();
  const network = fakeNetwork(options.online ?? true);
  const connection = createConnection({
    transport: fake.transport,
    clock,
    network: network.source,
    backoff: { initialMs: 100, maxMs: 1000, factor: 2, jitter: 0.5 },
    random: () => 0.5, // no spread: delays are exactly 100, 200, 400…
    pingIntervalMs: options.pingIntervalMs ?? 0,
    pingTimeoutMs: 500,
  });
  const statuses: ConnectionStatus[] = [];
  connection.state.subscribe((state) => {
    if (statuses[statuses.length - 1] !== state.status) statuses.push(state.status);
  });
  const events: ConnectedEvent[] = [];
  const reconnects: ConnectedEvent[] = [];
  connection.online$.subscribe((event) => events.push(event));
  connection.reconnected$.subscribe((event) => reconnects.push(event));
  return { clock, fake, network, connection, statuses, events, reconnects, state: () => connection.state.get() };
}

describe("createConnection: connecting", () => {
  it("goes idle → connecting → authenticating → online, and connect() resolves", async () => {
    const { fake, connection, statuses, events, reconnects, state, clock } = setup();
    expect(state()).toEqual({ status: "idle", since: 1_000, attempt: 0, lastError: null });
    const connected = connection.connect(credentials);
    expect(state()).toMatchObject({ status: "connecting", attempt: 1 });
    expect(fake.connects[0].credentials).toEqual(credentials);
    // the transport reports SASL under way
    (fake.transport.status$ as BehaviorSubject<TransportState>).next({
      status: "authenticating",
      error: null,
      resumed: false,
    });
    expect(state().status).toBe("authenticating");
    clock.advance(40);
    fake.succeed();
    await connected;
    expect(state()).toEqual({ status: "online", since: 1_040, attempt: 0, lastError: null });
    expect(statuses).toEqual(["idle", "connecting", "authenticating", "online"]);
    expect(events).toEqual([{ resumed: false, reconnect: false }]);
    expect(reconnects).toEqual([]);
  });

  it("fails for good on wrong credentials: failed, unauthorized, no retry", async () => {
    const { fake, connection, state, clock } = setup();
    const connected = connection.connect(credentials);
    fake.failWith(new ChatError("unauthorized", "not-authorized", { condition: "not-authorized" }));
    await expect(connected).rejects.toMatchObject({ code: "unauthorized" });
    expect(state()).toMatchObject({ status: "failed", attempt: 1, lastError: { code: "unauthorized" } });
    clock.advance(60_000);
    expect(fake.connects).toHaveLength(1);
    expect(clock.pendingTimers()).toBe(0);
  });

  it("retries a failed attempt with growing delays, then resets the backoff once online for a while", async () => {
    const { fake, connection, state, clock } = setup();
    const connected = connection.connect(credentials);
    fake.failWith(new ChatError("network", "refused"));
    await flush();
    expect(state()).toMatchObject({ status: "reconnecting", attempt: 1, lastError: { code: "network" } });
    clock.advance(99);
    expect(fake.connects).toHaveLength(1);
    clock.advance(1);
    expect(fake.connects).toHaveLength(2);
    expect(state()).toMatchObject({ status: "reconnecting", attempt: 2 });
    fake.failWith(new ChatError("timeout", "slow"));
    await flush();
    clock.advance(199);
    expect(fake.connects).toHaveLength(2);
    clock.advance(1);
    expect(fake.connects).toHaveLength(3);
    fake.succeed();
    await connected;
    expect(state()).toMatchObject({ status: "online", attempt: 0, lastError: null });

    clock.advance(STABLE_ONLINE_MS);
    fake.drop();
    expect(state()).toMatchObject({ status: "reconnecting", attempt: 0, lastError: { code: "network" } });
    clock.advance(100); // back to the initial delay
    expect(fake.connects).toHaveLength(4);
  });

  it("keeps backing off when each connection is dropped right after it comes up", async () => {
    const { fake, connection, clock } = setup();
    const connected = connection.connect(credentials);
    fake.succeed();
    await connected;
    const waits: number[] = [];
    for (let cycle = 0; cycle < 4; cycle++) {
      clock.advance(5);
      fake.drop();
      const before = fake.connects.length;
      let waited = 0;
      while (fake.connects.length === before && waited < 5_000) {
        clock.advance(1);
        waited += 1;
      }
      waits.push(waited);
      fake.succeed();
      await flush();
    }
    expect(waits).toEqual([100, 200, 400, 800]);
  });

  it("asks a credentials function before every attempt", async () => {
    const { fake, connection, clock } = setup();
    let calls = 0;
    const connected = connection.connect(async () => ({ userId: 7, password: `token-${++calls}` }));
    await flush();
    fake.failWith(new ChatError("network", "refused"));
    await flush();
    clock.advance(100);
    await flush();
    fake.succeed();
    await connected;
    expect(fake.connects.map((entry) => entry.credentials.password)).toEqual(["token-1", "token-2"]);
  });
});

describe("createConnection: losing and regaining the connection", () => {
  it("reconnects after a drop and reports reconnected$ with resumed", async () => {
    const { fake, connection, statuses, reconnects, state, clock } = setup();
    const connected = connection.connect(credentials);
    fake.succeed();
    await connected;
    fake.drop();
    expect(state().status).toBe("reconnecting");
    clock.advance(100);
    expect(state()).toMatchObject({ status: "reconnecting", attempt: 1 });
    fake.succeed(true);
    await flush();
    expect(state().status).toBe("online");
    expect(reconnects).toEqual([{ resumed: true, reconnect: true }]);
    expect(statuses).toEqual(["idle", "connecting", "online", "reconnecting", "online"]);
  });

  it("goes offline at once on the browser's offline event and reconnects on online", async () => {
    const { fake, network, connection, state, clock } = setup();
    const connected = connection.connect(credentials);
    fake.succeed();
    await connected;
    network.emit("offline");
    expect(state()).toMatchObject({ status: "offline", lastError: { code: "network" } });
    expect(fake.terminated).toHaveLength(1);
    clock.advance(60_000);
    expect(fake.connects).toHaveLength(1);
    network.emit("online");
    expect(state().status).toBe("reconnecting");
    expect(fake.connects).toHaveLength(2);
    fake.succeed(false);
    await flush();
    expect(state().status).toBe("online");
  });

  it("waits for the network when connect() is called offline", async () => {
    const { fake, network, connection, state } = setup({ online: false });
    const connected = connection.connect(credentials);
    expect(state().status).toBe("offline");
    expect(fake.connects).toHaveLength(0);
    network.emit("online");
    expect(fake.connects).toHaveLength(1);
    fake.succeed();
    await connected;
    expect(state().status).toBe("online");
  });

  it("abandons an attempt in flight when the device goes offline", async () => {
    const { fake, network, connection, state } = setup();
    void connection.connect(credentials);
    network.emit("offline");
    fake.succeed(); // too late: the attempt was abandoned
    await flush();
    expect(state().status).toBe("offline");
  });

  it("retries at once when the page becomes visible during a backoff wait", async () => {
    const { fake, network, connection, clock } = setup();
    void connection.connect(credentials);
    fake.failWith(new ChatError("network", "refused"));
    await flush();
    expect(fake.connects).toHaveLength(1);
    network.emit("visible");
    expect(fake.connects).toHaveLength(2);
    expect(clock.pendingTimers()).toBe(0);
  });

  it("disconnect() goes idle, closes the transport, rejects a pending connect() and stops retrying", async () => {
    const { fake, connection, state, clock } = setup();
    const connected = connection.connect(credentials);
    fake.failWith(new ChatError("network", "refused"));
    await flush();
    await connection.disconnect();
    await expect(connected).rejects.toMatchObject({ code: "network" });
    expect(state()).toMatchObject({ status: "idle", attempt: 0, lastError: null });
    expect(fake.disconnects()).toBe(1);
    expect(clock.pendingTimers()).toBe(0);
    clock.advance(10_000);
    expect(fake.connects).toHaveLength(1);
  });
});

describe("createConnection: liveness pings", () => {
  it("pings every interval; an unanswered ping drops the socket and reconnects", async () => {
    const { fake, connection, state, clock } = setup({ pingIntervalMs: 1000 });
    const connected = connection.connect(credentials);
    fake.succeed();
    await connected;
    clock.advance(1000);
    expect(fake.pings).toHaveLength(1);
    fake.pings[0].resolve();
    await flush();
    clock.advance(1000);
    expect(fake.pings).toHaveLength(2); // never answered
    clock.advance(499);
    expect(state().status).toBe("online");
    clock.advance(1);
    await flush();
    expect(state()).toMatchObject({ status: "reconnecting", lastError: { code: "timeout" } });
    expect(fake.terminated[0]?.code).toBe("timeout");
    clock.advance(100);
    expect(fake.connects).toHaveLength(2);
  });

  it("keeps going when the server answers a ping with an error (it is alive)", async () => {
    const { fake, connection, state, clock } = setup({ pingIntervalMs: 1000 });
    const connected = connection.connect(credentials);
    fake.succeed();
    await connected;
    clock.advance(1000);
    fake.pings[0].reject(new ChatError("server", "service-unavailable"));
    await flush();
    expect(state().status).toBe("online");
    clock.advance(1000);
    expect(fake.pings).toHaveLength(2);
  });

  it("checks liveness at once when the page becomes visible", async () => {
    const { fake, network, connection } = setup({ pingIntervalMs: 30_000 });
    const connected = connection.connect(credentials);
    fake.succeed();
    await connected;
    network.emit("visible");
    expect(fake.pings).toHaveLength(1);
    network.emit("visible"); // one ping at a time
    expect(fake.pings).toHaveLength(1);
  });
});
