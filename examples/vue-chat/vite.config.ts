import vue from "@vitejs/plugin-vue";
import { defaultClientConditions, defineConfig } from "vite";

// `@chatcube/source` makes @chatcube/core and @chatcube/vue resolve to their `src/index.ts` (no build step).
// The public dir (favicon, the service worker) is shared by the three examples.
export default defineConfig({
  publicDir: "../shared/public",
  plugins: [vue()],
  resolve: { conditions: ["@chatcube/source", ...defaultClientConditions] },
  server: { port: 5174 },
  build: {
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      // @xmpp/client's DNS lookup (node:dns) is never used with a WebSocket URL; keep the warning out of the output.
      onwarn(warning, warn) {
        if (!warning.message.includes('"node:dns" has been externalized')) warn(warning);
      },
    },
  },
});
