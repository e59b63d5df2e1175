import { type Dialog, DialogType, type Message, useChatClient } from "@chatcube/react";
import { memo, useState } from "react";
import { useUsers } from "../app/DirectoryContext";
import { displayName } from "../chat/createUserDirectory";
import { formatTime } from "../ui/formatTime";
import { AttachmentView } from "./AttachmentView";
import { MessageEditor } from "./MessageEditor";
import { ReactionBar } from "./ReactionBar";
import { StatusTicks } from "./StatusTicks";
import { UploadProgressBar } from "./UploadProgressBar";

/** Props of one message bubble. */
export interface MessageItemProps {
  dialog: Dialog;
  message: Message;
  own: boolean;
  showAuthor: boolean;
}

/** One message: author, text, attachments, reactions, time, status, and its actions (edit, delete, retry). */
export const MessageItem = memo(function MessageItem({ dialog, message, own, showAuthor }: MessageItemProps) {
  const client = useChatClient();
  const users = useUsers();
  const [editing, setEditing] = useState(false);
  const failed = message.status === "failed";
  const settled = message.status !== "pending" && !failed;

  const remove = () => {
    if (window.confirm(own ? "Delete this message for everyone?" : "Delete this message for you?")) {
      void client.messages.remove(dialog.id, [message.id], { force: own }).catch(() => {});
    }
  };

  return (
    <div
      className={`message ${own ? "own" : "theirs"} ${failed ? "failed" : ""}`}
      data-testid="message"
      data-id={message.id}
      data-status={message.status}
    >
      {showAuthor && !own && dialog.type !== DialogType.PRIVATE && (
        <div className="author">{displayName(users, message.senderId)}</div>
      )}
      <div className="bubble">
        {editing ? (
          <MessageEditor
            initial={message.body ?? ""}
            onCancel={() => setEditing(false)}
            onSave={(body) => {
              setEditing(false);
              if (body !== message.body) void client.messages.edit(dialog.id, message.id, body).catch(() => {});
            }}
          />
        ) : (
          message.body && (
            <div className="body" data-testid="message-body">
              {message.body}
            </div>
          )
        )}
        {message.attachments.map((attachment, index) => (
          <AttachmentView key={attachment.uid ?? attachment.id ?? index} attachment={attachment} />
        ))}
        {own && message.status === "pending" && message.attachments.length > 0 && (
          <UploadProgressBar messageId={message.id} />
        )}
        <div className="meta">
          {message.editedAt !== null && <span className="edited">edited</span>}
          <span className="time">{formatTime(message.dateSent)}</span>
          {own && <StatusTicks status={message.status} />}
        </div>
      </div>
      <ReactionBar dialogId={dialog.id} message={message} />
      {failed && (
        <div className="failure" role="alert">
          Not sent{message.error ? `: ${message.error.message}` : ""}.{" "}
          <button
            className="link"
            onClick={() => void client.messages.retry(message.id).catch(() => {})}
            data-testid="retry"
          >
            Retry
          </button>{" "}
          <button className="link" onClick={() => void client.messages.cancel(message.id).catch(() => {})}>
            Discard
          </button>
        </div>
      )}
      {!editing && (
        <div className="actions">
          {own && settled && message.body !== null && (
            <button className="link" onClick={() => setEditing(true)} data-testid="edit">
              Edit
            </button>
          )}
          {message.status === "pending" && own && (
            <button className="link" onClick={() => void client.messages.cancel(message.id).catch(() => {})}>
              Cancel
            </button>
          )}
          {settled && (
            <button className="link" onClick={remove} data-testid="delete">
              Delete
            </button>
          )}
        </div>
      )}
    </div>
  );
});
