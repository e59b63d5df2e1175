// A minimal page embedding the official @connectycube/chat-widget against @chatcube/server. The server's URLs are
// baked in at build time (`__SERVER__`); `?user=` and `?name=` pick who signs in through the widget.
import ChatWidget from "@connectycube/chat-widget";
import ConnectyCube from "connectycube";
import { createElement } from "react";
import { createRoot } from "react-dom/client";

/* global __SERVER__ */
const server = __SERVER__;
const params = new URLSearchParams(location.search);
const config = {
  endpoints: { api_url: server.apiUrl, chat: server.domain, chat_url: server.chatUrl },
  debug: { mode: 0 },
};

// SDK 6.1.2's config.set() assigns endpoints.api_url from its argument, so the widget's own
// config.set({ on: { sessionExpired } }) resets it to undefined. Pin it: the configuration is one object shared by
// every SDK instance, reachable once an instance is initialised.
const sdk = new ConnectyCube.ConnectyCube();
sdk.init({ appId: server.appId, authKey: server.authKey }, config);
Object.defineProperty(sdk.service.sdkInstance.config.endpoints, "api_url", {
  get: () => server.apiUrl,
  set: () => {},
  enumerable: true,
});

createRoot(document.getElementById("root")).render(
  createElement(ChatWidget, {
    appId: server.appId,
    authKey: server.authKey,
    config,
    userId: params.get("user") ?? "guest",
    userName: params.get("name") ?? params.get("user") ?? "Guest",
    embedView: true,
    showOnlineUsersTab: true,
    enableBlockList: true,
    enableContentReporting: true,
    enableUserStatuses: true,
    enableLastSeen: true,
    attachmentsAccept: "image/*,text/plain",
  }),
);
