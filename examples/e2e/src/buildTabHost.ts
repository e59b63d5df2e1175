import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import type { WidgetServer } from "./buildWidgetHost.js";

/**
 * Builds `tab-host/` (one tab of @chatcube/core, driven by the tabs soak) with Vite into a fresh temp dir; returns
 * the dir. Core comes from its source, as the examples get it.
 */
export async function buildTabHost(server: WidgetServer): Promise<string> {
  const root = fileURLToPath(new URL("../tab-host/", import.meta.url));
  const core = fileURLToPath(new URL("../../../packages/core/src/index.ts", import.meta.url));
  const outDir = await mkdtemp(join(tmpdir(), "chatcube-tab-host-"));
  await build({
    root,
    logLevel: "error",
    resolve: { alias: { "@chatcube/core": core } },
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      minify: false,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 10_000,
      rolldownOptions: {
        // @xmpp/client's DNS lookup (node:dns) is never used with a WebSocket URL.
        onwarn(warning, warn) {
          if (!warning.message.includes('"node:dns" has been externalized')) warn(warning);
        },
      },
    },
    define: { __SERVER__: JSON.stringify(server) },
  });
  return outDir;
}
