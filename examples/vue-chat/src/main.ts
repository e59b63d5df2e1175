import type { Session } from "@chatcube/vue";
import { createChatPlugin } from "@chatcube/vue";
import { createApp, reactive } from "vue";
import { readChatConfig } from "../../shared/chatConfig";
import { enableOfflineShell } from "../../shared/enableOfflineShell";
import { errorText } from "../../shared/errorText";
import { loadSavedSession, saveSession } from "../../shared/savedSession";
import App from "./App.vue";
import { createDemoClient } from "./createDemoClient";
import { createUsers, USERS_KEY } from "./users";
import "../../shared/chat.css";

const config = readChatConfig();
const client = createDemoClient(config);
enableOfflineShell(config.apiUrl);
const boot = reactive({ restoring: true, error: null as string | null });

// Reopen this tab's last session with no network call (a reload stays signed in, the cached chats show at once,
// even offline), then remember every later sign-in and sign-out.
const saved = loadSavedSession<Session>(config.apiUrl);
(saved ? client.auth.resume(saved) : Promise.resolve())
  .catch((error: unknown) => {
    saveSession(config.apiUrl, null);
    boot.error = errorText(error, "sign-in");
  })
  .finally(() => {
    boot.restoring = false;
    client.session.subscribe((session) => saveSession(config.apiUrl, session?.user.id ? session : null));
  });

createApp(App, { boot }).use(createChatPlugin(client)).provide(USERS_KEY, createUsers(config.apiUrl)).mount("#app");
