// Test-only: the real server for one test file, and the clients its tests open, closed after each test.

import { type RunningServer, type ServerOptions, startServer } from "@chatcube/server";
import { afterAll, afterEach, beforeAll } from "@jest/globals";
import type { ChatClient } from "../../src/index.js";
import { closeSdks, type Sdk } from "./officialSdk.js";

/** What `serverPerFile` hands a test file. */
export interface ServerFixture {
  /** The server, started on an ephemeral loopback port before the file's first test. */
  readonly server: RunningServer;
  /** chatcube clients to dispose after each test. */
  readonly clients: ChatClient[];
  /** Official SDK clients to disconnect after each test. */
  readonly sdks: Sdk[];
}

/** Registers the file's hooks: one server for the file, every client pushed to the lists closed after each test. */
export function serverPerFile(options: ServerOptions = {}): ServerFixture {
  let server: RunningServer | null = null;
  const clients: ChatClient[] = [];
  const sdks: Sdk[] = [];
  beforeAll(async () => {
    server = await startServer({ port: 0, ...options });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.dispose();
    await closeSdks(sdks);
  });
  afterAll(() => server?.close());
  return {
    get server() {
      if (!server) throw new Error("the server starts in beforeAll");
      return server;
    },
    clients,
    sdks,
  };
}
