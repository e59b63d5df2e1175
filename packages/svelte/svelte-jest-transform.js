// Compiles Svelte 5 components and `.svelte.ts` rune modules for jest (svelte-jester breaks under
// Jest 30.5, which calls a transformer's sync `process` even for ESM).

import { transformSync } from "@swc/core";
import { compile, compileModule } from "svelte/compiler";

const stripTypes = (source, filename) =>
  transformSync(source, {
    filename,
    jsc: { parser: { syntax: "typescript" }, target: "es2022" },
    module: { type: "es6" },
  }).code;

export default {
  process(source, filename) {
    if (/\.svelte\.[cm]?[jt]s$/.test(filename)) {
      const js = /\.[cm]?ts$/.test(filename) ? stripTypes(source, filename) : source;
      const result = compileModule(js, { filename, dev: true, generate: "client" });
      return { code: result.js.code, map: result.js.map };
    }
    // <script lang="ts"> is handled by the compiler itself.
    const result = compile(source, { filename, dev: true, css: "injected", generate: "client" });
    return { code: result.js.code, map: result.js.map };
  },
};
