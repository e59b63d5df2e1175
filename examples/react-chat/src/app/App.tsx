import type { ChatClient } from "@chatcube/react";
import { ChatProvider, useAuth, useSession } from "@chatcube/react";
import { Suspense, use } from "react";
import { SignIn } from "../auth/SignIn";
import type { UserDirectory } from "../chat/createUserDirectory";
import { ChatScreen } from "./ChatScreen";
import { DirectoryContext } from "./DirectoryContext";

/** Props of the root component. */
export interface AppProps {
  client: ChatClient;
  directory: UserDirectory;
  /** Settles when the saved session was restored (or not), with the reason it failed. */
  restoring: Promise<string | null>;
}

/** The example app: the sign-in form, or the chat once signed in. */
export function App({ client, directory, restoring }: AppProps) {
  return (
    <ChatProvider client={client}>
      <DirectoryContext.Provider value={directory}>
        <Suspense fallback={<div className="splash">Opening chatcube…</div>}>
          <Root restoring={restoring} />
        </Suspense>
      </DirectoryContext.Provider>
    </ChatProvider>
  );
}

function Root({ restoring }: { restoring: Promise<string | null> }) {
  const restoreError = use(restoring);
  const session = useSession();
  const auth = useAuth();
  if (auth.status === "expired") return <SignIn notice={null} expiredLogin={auth.user?.login ?? ""} />;
  if (!session?.user.id) return <SignIn notice={restoreError} />;
  return <ChatScreen key={session.user.id} me={session.user} />;
}
