import { useSession, useTyping } from "@chatcube/react";
import { useUsers } from "../app/DirectoryContext";
import { displayName } from "../chat/createUserDirectory";

/** "Bob is typing…" under the thread while someone else types. */
export function TypingIndicator({ dialogId }: { dialogId: string }) {
  const me = useSession()?.user.id;
  const users = useUsers();
  const typers = useTyping(dialogId).filter((id) => id !== me);
  if (typers.length === 0) return <div className="typing" aria-hidden="true" />;
  const names = typers.map((id) => displayName(users, id).split(" ")[0]);
  const text =
    names.length === 1 ? `${names[0]} is typing` : `${names.slice(0, -1).join(", ")} and ${names.at(-1)} are typing`;
  return (
    <div className="typing" role="status" data-testid="typing">
      <span className="dots">
        <i />
        <i />
        <i />
      </span>
      {text}…
    </div>
  );
}
