import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

/** What the widget host page is built against. */
export interface WidgetServer {
  apiUrl: string;
  chatUrl: string;
  domain: string;
  appId: number;
  authKey: string;
}

/** Builds `widget-host/` (a page embedding @connectycube/chat-widget) with Vite into a fresh temp dir; returns the dir. */
export async function buildWidgetHost(server: WidgetServer): Promise<string> {
  const root = fileURLToPath(new URL("../widget-host/", import.meta.url));
  const outDir = await mkdtemp(join(tmpdir(), "chatcube-widget-host-"));
  await build({
    root,
    logLevel: "error",
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      minify: false,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 10_000,
    },
    define: { __SERVER__: JSON.stringify(server) },
  });
  return outDir;
}
