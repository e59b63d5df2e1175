import type { Session } from "@chatcube/svelte";
import { mount } from "svelte";
import { readChatConfig } from "../../shared/chatConfig";
import { enableOfflineShell } from "../../shared/enableOfflineShell";
import { errorText } from "../../shared/errorText";
import { loadSavedSession, saveSession } from "../../shared/savedSession";
import App from "./App.svelte";
import { createDemoClient } from "./createDemoClient";
import { createUsers } from "./users";
import "../../shared/chat.css";

const config = readChatConfig();
const client = createDemoClient(config);
enableOfflineShell(config.apiUrl);

// Reopen this tab's last session with no network call (a reload stays signed in, the cached chats show at once,
// even offline), then remember every later sign-in and sign-out.
const saved = loadSavedSession<Session>(config.apiUrl);
const restoring: Promise<string | null> = (saved ? client.auth.resume(saved) : Promise.resolve())
  .then(() => null)
  .catch((error: unknown) => {
    saveSession(config.apiUrl, null);
    return errorText(error, "sign-in");
  })
  .finally(() => client.session.subscribe((session) => saveSession(config.apiUrl, session?.user.id ? session : null)));

mount(App, {
  target: document.getElementById("app")!,
  props: { client, users: createUsers(config.apiUrl), restoring },
});
