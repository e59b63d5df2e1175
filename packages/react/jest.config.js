/**
 * Jest in native ESM mode (NODE_OPTIONS=--experimental-vm-modules: on Node 20, Jest 30 cannot require ESM-only
 * dependencies such as ky and @xmpp/client), TSX through @swc/jest (the fastest transformer tried).
 */
export default {
  testEnvironment: "<rootDir>/../test-utils/jsdomEnvironment.js",
  setupFiles: ["fake-indexeddb/auto"],
  extensionsToTreatAsEsm: [".ts", ".tsx"],
  moduleNameMapper: {
    // Core and the server run from source: no build first.
    "^@chatcube/core$": "<rootDir>/../core/src/index.ts",
    "^@chatcube/server$": "<rootDir>/../server/src/index.ts",
    "^@chatcube/test-utils$": "<rootDir>/../test-utils/src/createFakeClient.ts",
    "^@chatcube/test-utils/server$": "<rootDir>/../test-utils/src/chatServer.ts",
    "^@chatcube/test-utils/contract$": "<rootDir>/../test-utils/src/bindingContract.ts",
    "^(\\.{1,2}/.*)\\.js$": "$1",
  },
  transform: {
    "^.+\\.tsx?$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript", tsx: true },
          target: "es2022",
          transform: { react: { runtime: "automatic" } },
        },
      },
    ],
  },
  testTimeout: 20000,
};
