import type { ChatClient } from "@chatcube/core";
import { createContext, type ReactElement, type ReactNode, useContext } from "react";

const ChatContext = createContext<ChatClient | null>(null);
ChatContext.displayName = "ChatcubeClient";

/** Props of `ChatProvider`. */
export interface ChatProviderProps {
  /** The client every hook below reads (create it once, outside render, with `createChatClient`). */
  client: ChatClient;
  /** The app. */
  children?: ReactNode;
}

/** Makes `client` available to the chatcube hooks in `children`. */
export function ChatProvider({ client, children }: ChatProviderProps): ReactElement {
  return <ChatContext.Provider value={client}>{children}</ChatContext.Provider>;
}

/** The client of the nearest `ChatProvider`; throws when there is none. */
export function useChatClient(): ChatClient {
  const client = useContext(ChatContext);
  if (!client) throw new Error("useChatClient: no <ChatProvider client={…}> above this component");
  return client;
}
