import { type Dialog, DialogType, useBlockList, useChatClient, useConnection, useLastActivity } from "@chatcube/react";
import { formatAgo } from "../../../shared/format";
import { useUsers } from "../app/DirectoryContext";
import { displayName } from "../chat/createUserDirectory";
import { dialogTitle, peerOf } from "../dialogs/dialogTitle";
import { Avatar } from "../ui/Avatar";

/** The thread's title, who is in it (or when the other person was last seen), and block/unblock. */
export function ThreadHeader({ dialog, me, onClose }: { dialog: Dialog; me: number; onClose: () => void }) {
  const client = useChatClient();
  const users = useUsers();
  const peer = peerOf(dialog, me);
  const activity = useLastActivity(peer);
  const blocked = useBlockList();
  const title = dialogTitle(dialog, me, users);
  // While we are not connected the other person's presence is unknown: no green dot, no "online".
  const connected = useConnection().status === "online";

  let subtitle: string;
  if (peer !== null) {
    if (!connected) subtitle = "presence unknown while you are offline";
    else if (activity.online) subtitle = "online";
    else if (activity.at !== null) subtitle = `last seen ${formatAgo(activity.at)}`;
    else subtitle = `@${users[peer]?.login ?? peer}`;
  } else {
    const kind = dialog.type === DialogType.PUBLIC ? "Public" : "Group";
    subtitle = `${kind} · ${dialog.occupantIds.map((id) => (id === me ? "you" : displayName(users, id).split(" ")[0])).join(", ")}`;
  }
  const isBlocked = peer !== null && blocked.has(peer);

  return (
    <header className="thread-header">
      <button className="ghost back" onClick={onClose} aria-label="Back to chats">
        ←
      </button>
      <Avatar name={title} online={peer !== null && connected ? Boolean(activity.online) : undefined} />
      <div className="thread-title">
        <h2 className="thread-name" data-testid="thread-title" dir="auto">
          {title}
        </h2>
        <span className="muted" data-testid="thread-subtitle">
          {subtitle}
        </span>
      </div>
      {peer !== null && (
        <button
          className="ghost danger"
          onClick={() => void (isBlocked ? client.privacy.unblock(peer) : client.privacy.block(peer)).catch(() => {})}
          data-testid="block"
        >
          {isBlocked ? "Unblock" : "Block"}
        </button>
      )}
    </header>
  );
}
