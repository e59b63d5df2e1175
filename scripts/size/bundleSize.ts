/**
 * Bundles a chat-screen entry the way an app would ship it (esbuild, minified, ESM for the browser, the UI framework
 * external) and measures it: minified bytes, gzip -9 bytes, and where the bytes come from (esbuild's metafile).
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { Metafile } from "esbuild";

/** The scripts package: entries resolve their imports from here. */
export const SCRIPTS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

/** A chat-screen entry: its source and the frameworks left to the app. */
export interface SizeEntry {
  name: string;
  contents: string;
  external: string[];
}

/** What the user-facing chat screen imports: a client, the provider, the dialog list and one dialog's messages. */
export const CHAT_SCREEN_ENTRIES: Record<"react" | "vue" | "svelte" | "official" | "core", SizeEntry> = {
  react: {
    name: "chatcube core + react",
    contents: `export { createChatClient } from "@chatcube/core";
export { ChatProvider, useDialogs, useMessages } from "@chatcube/react";`,
    external: ["react", "react-dom", "react/jsx-runtime"],
  },
  vue: {
    name: "chatcube core + vue",
    contents: `export { createChatClient } from "@chatcube/core";
export { createChatPlugin, useDialogs, useMessages } from "@chatcube/vue";`,
    external: ["vue"],
  },
  svelte: {
    name: "chatcube core + svelte",
    contents: `export { createChatClient } from "@chatcube/core";
export { setChatClient, useDialogs, useMessages } from "@chatcube/svelte";`,
    external: ["svelte", "svelte/*"],
  },
  core: {
    name: "chatcube core alone",
    contents: `export { createChatClient } from "@chatcube/core";`,
    external: [],
  },
  official: {
    name: "connectycube 6.1.2 + @connectycube/react 6.1.2",
    contents: `export { default as ConnectyCube, useChat } from "@connectycube/react";`,
    external: ["react", "react-dom", "react/jsx-runtime"],
  },
};

export interface BundleSize {
  minified: number;
  gzip: number;
  code: string;
  metafile: Metafile;
}

/** Bundles `entry` from the workspace's source (the `@chatcube/source` condition) and measures it. */
export async function bundleSize(entry: SizeEntry): Promise<BundleSize> {
  const { build } = await import("esbuild");
  const result = await build({
    stdin: { contents: entry.contents, resolveDir: SCRIPTS_DIR, sourcefile: "chat-screen.ts", loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["@chatcube/source"],
    external: entry.external,
    define: { "process.env.NODE_ENV": '"production"' },
    minify: true,
    write: false,
    metafile: true,
    logLevel: "error",
    plugins: [
      {
        // As Vite does: a Node builtin a package imports only on Node (@xmpp/resolve's dns) is an empty module.
        name: "empty-node-builtins",
        setup(b) {
          b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: "empty" }));
          b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "export default {};" }));
        },
      },
    ],
  });
  const code = result.outputFiles[0].text;
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, code, metafile: result.metafile };
}

/** The package an input file belongs to (`rxjs`, `@xmpp/xml`, `core/xmpp`, …). */
export function packageOf(path: string): string {
  const modules = path.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const [scope, name] = path.slice(modules + "node_modules/".length).split("/");
    return scope.startsWith("@") ? `${scope}/${name}` : scope;
  }
  const source = /packages\/([^/]+)\/src\/([^/]+)\//.exec(path);
  if (source) return `${source[1]}/${source[2]}`;
  const flat = /packages\/([^/]+)\/src\//.exec(path);
  return flat ? `${flat[1]}/*` : path;
}

/** Minified bytes in the output per package, largest first. */
export function breakdown(metafile: Metafile): Array<{ name: string; bytes: number }> {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      const name = packageOf(path);
      totals.set(name, (totals.get(name) ?? 0) + input.bytesInOutput);
    }
  }
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}
