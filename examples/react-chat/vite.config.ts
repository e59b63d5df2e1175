import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig } from "vite";

// `@chatcube/source` makes @chatcube/core and @chatcube/react resolve to their `src/index.ts`: the example runs
// against the packages' source, with no build step first.
// The public dir (favicon, the service worker) is shared by the three examples.
export default defineConfig({
  publicDir: "../shared/public",
  plugins: [react()],
  resolve: { conditions: ["@chatcube/source", ...defaultClientConditions] },
  server: { port: 5173, strictPort: false },
  build: {
    sourcemap: true,
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      // @xmpp/client's DNS lookup (node:dns) is never used with a WebSocket URL; keep the warning out of the output.
      onwarn(warning, warn) {
        if (!warning.message.includes('"node:dns" has been externalized')) warn(warning);
      },
    },
  },
});
