/**
 * Jest in native ESM mode (NODE_OPTIONS=--experimental-vm-modules: on Node 20, Jest 30 cannot require ESM-only
 * dependencies such as ky and @xmpp/client), TypeScript through @swc/jest (the fastest transformer tried).
 */
export default {
  testEnvironment: "<rootDir>/../test-utils/jsdomEnvironment.js",
  // Vue needs the Node conditions under jsdom: the `browser` one loads a second, esm-bundler copy of Vue.
  testEnvironmentOptions: { customExportConditions: ["node", "node-addons"] },
  setupFiles: ["fake-indexeddb/auto"],
  extensionsToTreatAsEsm: [".ts"],
  moduleNameMapper: {
    // Core and the server run from source: no build first.
    "^@chatcube/core$": "<rootDir>/../core/src/index.ts",
    "^@chatcube/server$": "<rootDir>/../server/src/index.ts",
    "^@chatcube/test-utils$": "<rootDir>/../test-utils/src/createFakeClient.ts",
    "^@chatcube/test-utils/server$": "<rootDir>/../test-utils/src/chatServer.ts",
    "^@chatcube/test-utils/contract$": "<rootDir>/../test-utils/src/bindingContract.ts",
    "^(\\.{1,2}/.*)\\.js$": "$1",
  },
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" } }] },
  testTimeout: 20000,
};
