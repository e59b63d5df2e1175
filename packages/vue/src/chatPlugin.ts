import type { ChatClient } from "@chatcube/core";
import { type InjectionKey, inject, type Plugin, provide } from "vue";

/** The injection key under which the chatcube client is provided. */
export const CHAT_CLIENT_KEY: InjectionKey<ChatClient> = Symbol("chatcube client");

/** A Vue plugin that provides `client` to the whole app: `app.use(createChatPlugin(client))`. */
export function createChatPlugin(client: ChatClient): Plugin {
  return {
    install(app) {
      app.provide(CHAT_CLIENT_KEY, client);
    },
  };
}

/** Provides `client` to this component's descendants (instead of, or below, the plugin). Call it in `setup`. */
export function provideChatClient(client: ChatClient): void {
  provide(CHAT_CLIENT_KEY, client);
}

/** The provided client; throws when neither the plugin nor `provideChatClient` provided one. Call it in `setup`. */
export function useChatClient(): ChatClient {
  const client = inject(CHAT_CLIENT_KEY, null);
  if (!client) throw new Error("useChatClient: no chatcube client provided (createChatPlugin or provideChatClient)");
  return client;
}
