import { buildHostPage, type HostServer } from "./buildHostPage.js";

/** Builds `widget-host/` (a page embedding @connectycube/chat-widget) into a fresh temp dir; returns the dir. */
export function buildWidgetHost(server: HostServer): Promise<string> {
  return buildHostPage("widget-host", server);
}
