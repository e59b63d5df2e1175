/**
 * Bundles a chat-screen entry the way an app would ship it (esbuild, minified, ESM for the browser, code splitting
 * as Vite does, the UI framework external) and measures it: the initial chunk set and all chunks, minified and gzip -9
 * bytes, and where the bytes come from (esbuild's metafile).
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

/** One output file of a split build: its name, sizes, and whether it loads before the screen shows. */
export interface ChunkSize {
  file: string;
  minified: number;
  gzip: number;
  /** The entry chunk or a chunk it imports statically (transitively): fetched before the entry runs. */
  initial: boolean;
}

/**
 * A chat-screen bundle built with code splitting (as Vite builds an app): `gzip` and `minified` count the initial
 * chunk set only (the entry chunk and every chunk it imports statically, what loads before the screen shows; the
 * budget checks this), `total` every chunk including those loaded on first use through `import()`. gzip sizes are
 * summed per chunk, as each is fetched on its own.
 */
export interface BundleSize {
  minified: number;
  gzip: number;
  total: { minified: number; gzip: number };
  chunks: ChunkSize[];
  metafile: Metafile;
}

const ENTRY = "chat-screen-entry";

/** Bundles `entry` from the workspace's source (the `@chatcube/source` condition), split, and measures it. */
export async function bundleSize(entry: SizeEntry): Promise<BundleSize> {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    splitting: true,
    outdir: "size-out", // nothing is written: the path only names the chunks
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
        name: "chat-screen-entry",
        setup(b) {
          b.onResolve({ filter: new RegExp(`^${ENTRY}$`) }, () => ({ path: ENTRY, namespace: "entry" }));
          b.onLoad({ filter: /.*/, namespace: "entry" }, () => ({
            contents: entry.contents,
            resolveDir: SCRIPTS_DIR,
            loader: "ts",
          }));
        },
      },
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
  const outputs = result.metafile.outputs;
  const initial = new Set<string>();
  const visit = (file: string): void => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const imported of outputs[file].imports) {
      if (imported.kind === "import-statement" && !imported.external) visit(imported.path);
    }
  };
  const entryFile = Object.keys(outputs).find((file) => outputs[file].entryPoint !== undefined);
  if (entryFile === undefined) throw new Error("esbuild produced no entry chunk");
  visit(entryFile);
  const chunks: ChunkSize[] = result.outputFiles
    .map((file) => {
      const name = Object.keys(outputs).find((out) => file.path.endsWith(out)) ?? file.path;
      return {
        file: name,
        minified: file.contents.length,
        gzip: gzipSync(file.contents, { level: 9 }).length,
        initial: initial.has(name),
      };
    })
    .sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzip - a.gzip);
  const sum = (list: ChunkSize[], key: "minified" | "gzip") => list.reduce((total, chunk) => total + chunk[key], 0);
  const first = chunks.filter((chunk) => chunk.initial);
  return {
    minified: sum(first, "minified"),
    gzip: sum(first, "gzip"),
    total: { minified: sum(chunks, "minified"), gzip: sum(chunks, "gzip") },
    chunks,
    metafile: result.metafile,
  };
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

/** Minified bytes per package in the given output files (default all), largest first. */
export function breakdown(metafile: Metafile, files?: readonly string[]): Array<{ name: string; bytes: number }> {
  const totals = new Map<string, number>();
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (files !== undefined && !files.includes(file)) continue;
    for (const [path, input] of Object.entries(output.inputs)) {
      const name = packageOf(path);
      totals.set(name, (totals.get(name) ?? 0) + input.bytesInOutput);
    }
  }
  return [...totals].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}
