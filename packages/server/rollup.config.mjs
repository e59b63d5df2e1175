// Published build: ESM for the library and the CLI, one bundled .d.ts (rollup-plugin-dts).

import { readFileSync } from "node:fs";
import typescript from "@rollup/plugin-typescript";
import { dts } from "rollup-plugin-dts";

const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url)));
const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
const external = (id) => id.startsWith("node:") || deps.some((d) => id === d || id.startsWith(`${d}/`));

export default [
  {
    input: { index: "src/index.ts", cli: "src/cli.ts" },
    external,
    plugins: [typescript({ tsconfig: "./tsconfig.build.json" })],
    output: {
      dir: "dist",
      format: "es",
      sourcemap: true,
      entryFileNames: "[name].js",
      chunkFileNames: "[name]-[hash].js",
    },
  },
  {
    input: "src/index.ts",
    external,
    plugins: [dts({ tsconfig: "./tsconfig.build.json" })],
    output: { file: "dist/index.d.ts", format: "es" },
  },
];
