import type { ChannelPort } from "./createTabChannel.js";

/** What one tab tells every other tab of the app, whoever they are signed in as, when it signs a user in. */
interface SignedIn {
  kind: "signed-in";
  userId: number;
}

const isSignedIn = (data: unknown): data is SignedIn =>
  typeof data === "object" &&
  data !== null &&
  (data as SignedIn).kind === "signed-in" &&
  typeof (data as SignedIn).userId === "number";

/**
 * The browser profile has one remembered session per app (docs/architecture.md, Tabs): a tab signing a user in says
 * so on the app's channel (`chatcube:{appId}`, next to the users' own `chatcube:{appId}:{userId}`), and the tabs of
 * another user sign out (keeping that user's data) when they hear it, so no tab keeps showing the previous user's
 * data while the profile belongs to the next one. Returns a function that leaves the channel.
 */
export function watchSignIns(port: ChannelPort, userId: number, onOtherUser: () => void): () => void {
  const listener = (event: { data: unknown }) => {
    if (isSignedIn(event.data) && event.data.userId !== userId) onOtherUser();
  };
  port.addEventListener("message", listener);
  port.postMessage({ kind: "signed-in", userId } satisfies SignedIn);
  return () => {
    port.removeEventListener("message", listener);
    port.close();
  };
}
