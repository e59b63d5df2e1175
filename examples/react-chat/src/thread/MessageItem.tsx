import { type Dialog, DialogType, type Message, useChatClient } from "@chatcube/react";
import { memo, useState } from "react";
import { canRetry, errorText } from "../../../shared/errorText";
import { formatClock, formatFull } from "../../../shared/format";
import { useUsers } from "../app/DirectoryContext";
import { displayName } from "../chat/createUserDirectory";
import { AttachmentView } from "./AttachmentView";
import { MessageEditor } from "./MessageEditor";
import { ReactionBar, ReactionPicker } from "./ReactionBar";
import { StatusTicks } from "./StatusTicks";
import { UploadProgressBar } from "./UploadProgressBar";

/** Props of one message bubble. */
export interface MessageItemProps {
  dialog: Dialog;
  message: Message;
  own: boolean;
  /** First (the author's name shows) and last (the bubble's tail) of a run of messages by one sender. */
  firstOfRun: boolean;
  lastOfRun: boolean;
}

/** One message: author, text, attachments, reactions, time, status, and its actions (edit, delete, react, retry). */
export const MessageItem = memo(function MessageItem({
  dialog,
  message,
  own,
  firstOfRun,
  lastOfRun,
}: MessageItemProps) {
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
      className={`message ${own ? "own" : "theirs"} ${failed ? "failed" : ""} ${firstOfRun ? "run-start" : ""} ${lastOfRun ? "run-end" : ""}`}
      data-testid="message"
      data-id={message.id}
      data-status={message.status}
    >
      {firstOfRun && !own && dialog.type !== DialogType.PRIVATE && (
        <div className="author" dir="auto">
          {displayName(users, message.senderId)}
        </div>
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
            <div className="body" data-testid="message-body" dir="auto">
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
          <time
            className="time"
            dateTime={new Date(message.dateSent).toISOString()}
            title={formatFull(message.dateSent)}
          >
            {formatClock(message.dateSent)}
          </time>
          {own && <StatusTicks status={message.status} />}
        </div>
      </div>
      <ReactionBar dialogId={dialog.id} message={message} />
      {failed && (
        <div className="failure" role="alert">
          Not sent. {message.error ? errorText(message.error, "send") : ""}{" "}
          {canRetry(message.error) && (
            <>
              <button
                className="link"
                onClick={() => void client.messages.retry(message.id).catch(() => {})}
                data-testid="retry"
              >
                Retry
              </button>{" "}
            </>
          )}
          <button className="link" onClick={() => void client.messages.cancel(message.id).catch(() => {})}>
            Discard
          </button>
        </div>
      )}
      {!editing && (
        <div className="actions">
          {settled && <ReactionPicker dialogId={dialog.id} message={message} />}
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
