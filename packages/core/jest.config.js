/** Jest in native ESM mode (NODE_OPTIONS=--experimental-vm-modules), TypeScript through @swc/jest (TOOLCHAIN.md §3). */
export default {
  testEnvironment: "node",
  setupFiles: ["<rootDir>/jest.setup.js"],
  extensionsToTreatAsEsm: [".ts"],
  moduleNameMapper: {
    // Integration tests run the real server from its source (no build step).
    "^@chatcube/server$": "<rootDir>/../server/src/index.ts",
    "^(\\.{1,2}/.*)\\.js$": "$1",
  },
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" } }] },
  testTimeout: 20000,
};
