// ESM + CJS + one bundled .d.ts. Dependencies and peers stay external, react/jsx-runtime included; the CJS output uses
// `interop: "auto"`, without which a require()d ESM-only dependency arrives as a namespace object.

import { readFileSync } from "node:fs";
import typescript from "@rollup/plugin-typescript";
import { dts } from "rollup-plugin-dts";

const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));
const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
const external = (id) => deps.some((dep) => id === dep || id.startsWith(`${dep}/`));

export default [
  {
    input: "src/index.ts",
    external,
    // Core resolves to its source (the @chatcube/source condition) for types only; it stays external. TS warnings
    // from core files (e.g. @xmpp/client has no types outside core's own program) do not stop the build.
    plugins: [typescript({ tsconfig: "./tsconfig.build.json" })],
    output: [
      { file: "dist/index.js", format: "es", sourcemap: true },
      { file: "dist/index.cjs", format: "cjs", sourcemap: true, interop: "auto" },
    ],
  },
  {
    input: "src/index.ts",
    external,
    plugins: [dts({ tsconfig: "./tsconfig.build.json" })],
    output: { file: "dist/index.d.ts", format: "es" },
  },
];
