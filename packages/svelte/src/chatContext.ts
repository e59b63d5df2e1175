import type { ChatClient } from "@chatcube/core";
import { getContext, hasContext, setContext } from "svelte";

/** The context key under which `setChatClient` stores the client (e.g. for `mount(App, { context })` in tests). */
export const CHAT_CLIENT_KEY: unique symbol = Symbol("chatcube client");

/** Makes `client` available to this component's descendants. Call it during component initialisation. */
export function setChatClient(client: ChatClient): ChatClient {
  return setContext(CHAT_CLIENT_KEY, client);
}

/** The client set by an ancestor (or this component); throws when none was set. Call it during initialisation. */
export function getChatClient(): ChatClient {
  if (!hasContext(CHAT_CLIENT_KEY))
    throw new Error("getChatClient: no chatcube client in context (call setChatClient(client) in a parent component)");
  return getContext<ChatClient>(CHAT_CLIENT_KEY);
}

/** The same as `getChatClient`, under the name the React and Vue bindings use. */
export const useChatClient: () => ChatClient = getChatClient;
