import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { testBuild } from "./buildExample.js";

/** The local server a host page is built against (given to the page as `__SERVER__`). */
export interface HostServer {
  apiUrl: string;
  chatUrl: string;
  domain: string;
  appId: number;
  authKey: string;
}

/**
 * Builds one of the test host pages in this package (`widget-host/`, `tab-host/`) with Vite into a fresh temp dir;
 * returns the dir. `alias` maps package names to source files.
 */
export async function buildHostPage(
  page: "widget-host" | "tab-host",
  server: HostServer,
  alias: Record<string, string> = {},
): Promise<string> {
  const root = fileURLToPath(new URL(`../${page}/`, import.meta.url));
  const outDir = await mkdtemp(join(tmpdir(), `chatcube-${page}-`));
  await build({
    root,
    logLevel: "error",
    resolve: { alias },
    build: { ...testBuild(outDir), chunkSizeWarningLimit: 10_000 },
    define: { __SERVER__: JSON.stringify(server) },
  });
  return outDir;
}
