import type { User } from "@chatcube/react";
import { useChatClient, useConnection, useUnread } from "@chatcube/react";
import { Avatar } from "../ui/Avatar";

/** The signed-in user, the connection state and total unread, with sign-out. */
export function SidebarHeader({ me }: { me: User }) {
  const client = useChatClient();
  const { status } = useConnection();
  const unread = useUnread();
  const name = me.fullName || me.login || `User ${me.id}`;
  return (
    <header className="sidebar-header">
      <Avatar name={name} />
      <div className="me">
        <strong data-testid="me">{name}</strong>
        <span className={`conn conn-${status}`} data-testid="connection">
          {status}
          {unread > 0 && ` · ${unread} unread`}
        </span>
      </div>
      <button className="ghost" onClick={() => void client.auth.logout()} title="Sign out">
        Sign out
      </button>
    </header>
  );
}
