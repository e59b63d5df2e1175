import { fileURLToPath } from "node:url";
import { buildHostPage, type HostServer } from "./buildHostPage.js";

/**
 * Builds `tab-host/` (one tab of @chatcube/core, driven by the tabs soak) into a fresh temp dir; returns the dir.
 * Core comes from its source, as the examples get it.
 */
export function buildTabHost(server: HostServer): Promise<string> {
  const core = fileURLToPath(new URL("../../../packages/core/src/index.ts", import.meta.url));
  return buildHostPage("tab-host", server, { "@chatcube/core": core });
}
