import vue from "@vitejs/plugin-vue";
import { defaultClientConditions, defineConfig } from "vite";

// `@chatcube/source` makes @chatcube/core and @chatcube/vue resolve to their `src/index.ts` (no build step).
export default defineConfig({
  plugins: [vue()],
  resolve: { conditions: ["@chatcube/source", ...defaultClientConditions] },
  server: { port: 5174 },
  build: { chunkSizeWarningLimit: 1000 },
});
