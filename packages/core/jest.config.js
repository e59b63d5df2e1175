/**
 * Jest in native ESM mode (NODE_OPTIONS=--experimental-vm-modules: on Node 20, Jest 30 cannot require ESM-only
 * dependencies such as the @xmpp packages), TypeScript through @swc/jest (the fastest transformer tried).
 */
export default {
  testEnvironment: "node",
  setupFiles: ["<rootDir>/jest.setup.js"],
  extensionsToTreatAsEsm: [".ts"],
  moduleNameMapper: {
    // Integration tests run the real server from its source (no build step).
    "^@chatcube/server$": "<rootDir>/../server/src/index.ts",
    // Core's own fakes and fixtures live in @chatcube/test-utils (test code stays out of the product); core does not
    // depend on it by package (test-utils depends on core), so its tests reach it by path.
    "^@chatcube/test-utils/core/(.*)\\.js$": "<rootDir>/../test-utils/src/core/$1.ts",
    "^(\\.{1,2}/.*)\\.js$": "$1",
  },
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" } }] },
  testTimeout: 20000,
};
