import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig } from "vite";

// `@chatcube/source` makes @chatcube/core and @chatcube/react resolve to their `src/index.ts`: the example runs
// against the packages' source, with no build step first.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ["@chatcube/source", ...defaultClientConditions] },
  server: { port: 5173, strictPort: false },
  build: { sourcemap: true, chunkSizeWarningLimit: 1000 },
});
