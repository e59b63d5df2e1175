import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

/** The example apps, by folder name under examples/. */
export type ExampleName = "react-chat" | "vue-chat" | "svelte-chat";

/** Where the built app talks to. */
export interface ServerUrls {
  apiUrl: string;
  chatUrl: string;
  domain: string;
}

/** Vite's build options of every page the browser tests build: readable (not minified), into a fresh `outDir`. */
export const testBuild = (outDir: string) => ({
  outDir,
  emptyOutDir: true,
  sourcemap: false,
  minify: false,
  reportCompressedSize: false,
});

/**
 * Builds an example with Vite into a fresh temp dir, with the server's URLs baked in as its `VITE_CHATCUBE_*`
 * variables. Returns the output dir.
 */
export async function buildExample(name: ExampleName, urls: ServerUrls): Promise<string> {
  const root = fileURLToPath(new URL(`../../${name}/`, import.meta.url));
  const outDir = await mkdtemp(join(tmpdir(), `chatcube-${name}-`));
  const env = {
    VITE_CHATCUBE_API_URL: urls.apiUrl,
    VITE_CHATCUBE_CHAT_URL: urls.chatUrl,
    VITE_CHATCUBE_CHAT_DOMAIN: urls.domain,
  };
  await build({
    root,
    logLevel: "warn",
    build: {
      ...testBuild(outDir),
      rolldownOptions: {
        // @xmpp/client's DNS lookup (node:dns) is never used with a WebSocket URL; keep the warning out of the output.
        onwarn(warning, warn) {
          if (!warning.message.includes('"node:dns" has been externalized')) warn(warning);
        },
      },
    },
    define: Object.fromEntries(
      Object.entries(env).map(([key, value]) => [`import.meta.env.${key}`, JSON.stringify(value)]),
    ),
  });
  return outDir;
}
