import { rm } from "node:fs/promises";
import { startServer } from "@chatcube/server";
import { buildExample, type ExampleName } from "./buildExample.js";
import { serveStatic } from "./serveStatic.js";

/** The real server with demo data, and one example app built against it and served on loopback. */
export interface ExampleStack {
  /** The app's URL. */
  url: string;
  server: Awaited<ReturnType<typeof startServer>>;
  close(): Promise<void>;
}

/** Starts the server on an ephemeral port, builds the example with its URLs, and serves the build. */
export async function startExampleStack(name: ExampleName): Promise<ExampleStack> {
  const server = await startServer({ port: 0, seed: "demo" });
  const dir = await buildExample(name, { apiUrl: server.apiUrl, chatUrl: server.chatUrl, domain: server.domain });
  const site = await serveStatic(dir);
  return {
    url: site.url,
    server,
    async close() {
      await site.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
