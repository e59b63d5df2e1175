import { useChatClient, useTypingInput } from "@chatcube/react";
import { type ChangeEvent, type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import { errorText } from "../../../shared/errorText";
import { fileProblem } from "../../../shared/uploadLimit";

/**
 * Writes and sends messages (Enter sends, Shift+Enter breaks the line), with typing notifications as you type. A
 * chosen file goes with the text: the message shows at once as pending while the file uploads; a file larger than the
 * server takes is refused before any upload. Opening a chat puts the focus here.
 */
export function Composer({ dialogId, disabledReason }: { dialogId: string; disabledReason?: string | null }) {
  const client = useChatClient();
  const typing = useTypingInput(dialogId);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), []);

  const report = (cause: unknown) => setError(errorText(cause, "send"));

  function send(event?: FormEvent) {
    event?.preventDefault();
    const body = text.trim();
    if (!body) return;
    setText("");
    typing.onBlur();
    client.messages.send(dialogId, { body }).catch(report);
  }

  const onChange = (event: ChangeEvent<HTMLTextAreaElement>) => {
    setText(event.target.value);
    setError(null);
    typing.onChange(event);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey) send(event);
  };
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    const problem = fileProblem(file);
    if (problem) return setError(problem);
    const body = text.trim() || null;
    setText("");
    client.messages.send(dialogId, { body, files: [file] }).catch(report);
  };

  return (
    <form className="composer" onSubmit={send}>
      {error && (
        <div className="error" role="alert" data-testid="composer-error">
          {error}
        </div>
      )}
      <div className="composer-row">
        <button
          type="button"
          className="ghost icon"
          onClick={() => fileInput.current?.click()}
          title="Attach a file"
          aria-label="Attach a file"
          disabled={Boolean(disabledReason)}
        >
          <PaperclipIcon />
        </button>
        <input ref={fileInput} type="file" hidden onChange={onFile} data-testid="file-input" />
        <textarea
          ref={input}
          value={text}
          dir="auto"
          onChange={onChange}
          onKeyDown={onKeyDown}
          onBlur={typing.onBlur}
          placeholder={disabledReason ?? "Write a message…"}
          disabled={Boolean(disabledReason)}
          rows={1}
          aria-label="Message"
          data-testid="composer-input"
        />
        <button type="submit" className="primary" disabled={!text.trim() || Boolean(disabledReason)} data-testid="send">
          Send
        </button>
      </div>
    </form>
  );
}

function PaperclipIcon() {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      aria-hidden="true"
    >
      <path d="M21 11.5 12.5 20a5.5 5.5 0 0 1-7.8-7.8l8.5-8.5a3.7 3.7 0 0 1 5.2 5.2l-8.5 8.5a1.8 1.8 0 0 1-2.6-2.6L15 7.1" />
    </svg>
  );
}
