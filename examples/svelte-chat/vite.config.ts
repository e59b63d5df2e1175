import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defaultClientConditions, defineConfig } from "vite";

// `@chatcube/source` makes @chatcube/core and @chatcube/svelte resolve to their `src/index.ts` (no build step).
export default defineConfig({
  plugins: [svelte()],
  resolve: { conditions: ["@chatcube/source", ...defaultClientConditions] },
  server: { port: 5175 },
  build: { chunkSizeWarningLimit: 1000 },
});
