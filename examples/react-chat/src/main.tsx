import type { Session } from "@chatcube/react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { readChatConfig } from "../../shared/chatConfig";
import { enableOfflineShell } from "../../shared/enableOfflineShell";
import { errorText } from "../../shared/errorText";
import { loadSavedSession, saveSession } from "../../shared/savedSession";
import { App } from "./app/App";
import { createDemoClient } from "./chat/createDemoClient";
import { createUserDirectory } from "./chat/createUserDirectory";
import "../../shared/chat.css";

const config = readChatConfig();
const client = createDemoClient(config);
const directory = createUserDirectory(config.apiUrl, () => client.session.get()?.token ?? null);

// Reopen this tab's last session with no network call (a reload keeps you signed in, and shows the cached chats at
// once even offline), then remember every later sign-in and sign-out.
const saved = loadSavedSession<Session>(config.apiUrl);
const restoring: Promise<string | null> = (saved ? client.auth.resume(saved) : Promise.resolve())
  .then(() => null)
  .catch((error: unknown) => {
    saveSession(config.apiUrl, null);
    return errorText(error, "sign-in");
  })
  .finally(() => {
    client.session.subscribe((session) => saveSession(config.apiUrl, session?.user.id ? session : null));
  });

enableOfflineShell(config.apiUrl);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App client={client} directory={directory} restoring={restoring} />
  </StrictMode>,
);
