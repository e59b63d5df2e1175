import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const svelteTransform = "<rootDir>/svelte-jest-transform.js";

/**
 * Jest in native ESM mode (on Node 20, Jest 30 cannot require ESM-only dependencies such as ky and @xmpp/client);
 * Svelte 5 components compiled by a small transformer (`svelte-jest-transform.js`).
 */
export default {
  testEnvironment: "<rootDir>/../test-utils/jsdomEnvironment.js",
  setupFiles: ["fake-indexeddb/auto"],
  extensionsToTreatAsEsm: [".ts", ".svelte"],
  moduleFileExtensions: ["ts", "js", "svelte", "json"],
  moduleNameMapper: {
    // Core and the server run from source: no build first.
    "^@chatcube/core$": "<rootDir>/../core/src/index.ts",
    "^@chatcube/server$": "<rootDir>/../server/src/index.ts",
    "^@chatcube/test-utils$": "<rootDir>/../test-utils/src/createFakeClient.ts",
    "^@chatcube/test-utils/server$": "<rootDir>/../test-utils/src/chatServer.ts",
    "^@chatcube/test-utils/contract$": "<rootDir>/../test-utils/src/bindingContract.ts",
    // jsdom's `browser` condition (which Svelte's client runtime needs) would give the in-process server ws's
    // browser stub; it gets the Node build.
    "^ws$": require.resolve("ws").replace(/index\.js$/, "wrapper.mjs"),
    "^(\\.{1,2}/.*)\\.js$": "$1",
  },
  transform: {
    "^.+\\.svelte$": svelteTransform,
    "^.+\\.svelte\\.[cm]?[jt]s$": svelteTransform,
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" } }],
  },
  // @testing-library/svelte-core ships .svelte sources.
  transformIgnorePatterns: ["/node_modules/(?!.+\\.svelte(\\.js)?$)"],
  testTimeout: 20000,
};
