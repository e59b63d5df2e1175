import { DialogType, useDialog, useSession, useTyping } from "@chatcube/react";
import { memo } from "react";
import { formatListTime } from "../../../shared/format";
import { useUsers } from "../app/DirectoryContext";
import { displayName } from "../chat/createUserDirectory";
import { StatusTicks } from "../thread/StatusTicks";
import { Avatar } from "../ui/Avatar";
import { dialogTitle } from "./dialogTitle";

/** One row of the dialog list: title, last message (or who is typing), time, unread badge. */
export const DialogListItem = memo(function DialogListItem({
  dialogId,
  selected,
  onSelect,
}: {
  dialogId: string;
  selected: boolean;
  onSelect: (id: string) => void;
}) {
  const me = useSession()?.user.id ?? 0;
  const dialog = useDialog(dialogId);
  const typing = useTyping(dialogId);
  const users = useUsers();
  if (!dialog) return null;

  const title = dialogTitle(dialog, me, users);
  const last = dialog.lastMessage;
  const typers = typing.filter((id) => id !== me);
  let preview: string;
  if (typers.length > 0)
    preview = dialog.type === DialogType.PRIVATE ? "typing…" : `${displayName(users, typers[0])} is typing…`;
  else if (!last) preview = "No messages yet";
  else {
    const who =
      last.senderId === me
        ? "You: "
        : dialog.type === DialogType.PRIVATE
          ? ""
          : `${displayName(users, last.senderId).split(" ")[0]}: `;
    preview = who + (last.text ?? "Attachment");
  }

  return (
    <li>
      <button
        className={`dialog-item ${selected ? "selected" : ""}`}
        onClick={() => onSelect(dialogId)}
        aria-current={selected ? "true" : undefined}
        data-testid="dialog-item"
        data-title={title}
      >
        <Avatar name={title} />
        <span className="dialog-text">
          <span className="dialog-row">
            <span className="dialog-title" dir="auto">
              {title}
            </span>
            {last && <span className="dialog-time">{formatListTime(last.dateSent)}</span>}
          </span>
          <span className="dialog-row">
            <span
              className={`dialog-preview ${typers.length ? "is-typing" : ""}`}
              data-testid="dialog-preview"
              dir="auto"
            >
              {last?.senderId === me && dialog.lastMessageStatus && !typers.length && (
                <StatusTicks status={dialog.lastMessageStatus} />
              )}
              {preview}
            </span>
            {dialog.unreadCount > 0 && (
              <span className="badge" data-testid="unread-badge" aria-label={`${dialog.unreadCount} unread`}>
                {dialog.unreadCount}
              </span>
            )}
          </span>
        </span>
      </button>
    </li>
  );
});
