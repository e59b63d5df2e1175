import { type ChatClient, createChatClient, createIndexedDbPersistence, createMemoryPersistence } from "@chatcube/vue";
import type { ChatConfig } from "../../shared/chatConfig";

/**
 * The example's chat client, configured for the local server (or whatever `config` names). Data lives in
 * IndexedDB, so a reload shows the chats at once, even offline; `?persistence=memory` keeps it in memory only.
 */
export function createDemoClient(config: ChatConfig): ChatClient {
  const { persistence, ...endpoints } = config;
  return createChatClient({
    ...endpoints,
    persistence: persistence === "memory" ? createMemoryPersistence() : createIndexedDbPersistence(),
  });
}
