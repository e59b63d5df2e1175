import { useConnection, useOutbox } from "@chatcube/react";

const LABELS: Record<string, string> = {
  idle: "Not connected.",
  connecting: "Connecting…",
  authenticating: "Connecting…",
  reconnecting: "Connection lost — reconnecting…",
  offline: "You are offline.",
  failed: "Can't reach the chat server; trying again.",
};

/** A banner while the chat is not online, saying how many messages wait to be sent. */
export function OfflineBanner() {
  const connection = useConnection();
  const waiting = useOutbox().filter((entry) => entry.kind === "send" && entry.state !== "failed").length;
  if (connection.status === "online") return null;
  return (
    <div className={`banner banner-${connection.status}`} role="status" data-testid="offline-banner">
      <strong>{LABELS[connection.status] ?? connection.status}</strong>{" "}
      {waiting > 0
        ? `${waiting} message${waiting === 1 ? "" : "s"} will be sent when you are back online.`
        : "You can keep reading and writing; messages go out when the connection is back."}
    </div>
  );
}
