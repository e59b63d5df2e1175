import { useChatClient, useConnection, useLastActivity } from "@chatcube/react";
import { formatAgo } from "../../../shared/format";
import { useUsers } from "../app/DirectoryContext";
import { displayName } from "../chat/createUserDirectory";
import { Avatar } from "../ui/Avatar";

/** Props of one person in the contacts panel. */
export interface ContactRowProps {
  userId: number;
  /** A contact, one we asked, someone asking us, or anyone else. */
  kind: "contact" | "asked" | "request" | "other";
  /** The name given in the contact list. */
  name?: string | null;
  /** Presence from the contact list (contacts only). */
  presenceOnline?: boolean;
  onChat: (userId: number) => Promise<void>;
}

/** One person: presence dot, name, "online" or "last seen …", and what can be done (chat, accept, add, remove). */
export function ContactRow({ userId, kind, name, presenceOnline, onChat }: ContactRowProps) {
  const client = useChatClient();
  const users = useUsers();
  const activity = useLastActivity(userId);
  // While we are not connected nobody's presence is known: no green dot, no "online".
  const connected = useConnection().status === "online";
  const online = connected && Boolean(presenceOnline ?? activity.online);
  const seenAt = activity.at ?? users[userId]?.lastRequestAt ?? null;
  const status = !connected
    ? "presence unknown while you are offline"
    : online
      ? "online"
      : seenAt !== null
        ? `last seen ${formatAgo(seenAt)}`
        : "offline";
  const ignore = () => {};

  return (
    <li className="person" data-testid="person" data-user={users[userId]?.login ?? userId}>
      <Avatar name={displayName(users, userId)} online={connected ? online : undefined} />
      <span className="person-text">
        <strong dir="auto">{name || displayName(users, userId)}</strong>
        <span className="muted" data-testid="person-status">
          {kind === "asked" ? "request sent" : kind === "request" ? "wants to see when you are online" : status}
        </span>
      </span>
      <span className="person-actions">
        {kind === "request" && (
          <>
            <button className="link" onClick={() => void client.contacts.confirm(userId).catch(ignore)}>
              Accept
            </button>
            <button className="link" onClick={() => void client.contacts.reject(userId).catch(ignore)}>
              Decline
            </button>
          </>
        )}
        {kind === "other" && (
          <button
            className="link"
            onClick={() => void client.contacts.add(userId).catch(ignore)}
            data-testid="add-contact"
          >
            Add
          </button>
        )}
        {(kind === "contact" || kind === "asked") && (
          <button className="link" onClick={() => void client.contacts.remove(userId).catch(ignore)}>
            Remove
          </button>
        )}
        <button className="link" onClick={() => void onChat(userId).catch(ignore)}>
          Chat
        </button>
      </span>
    </li>
  );
}
