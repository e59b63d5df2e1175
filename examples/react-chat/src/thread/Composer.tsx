import { useChatClient, useTypingInput } from "@chatcube/react";
import { type ChangeEvent, type FormEvent, type KeyboardEvent, useRef, useState } from "react";

/**
 * Writes and sends messages (Enter sends, Shift+Enter breaks the line), with typing notifications as you type. A
 * chosen file goes with the text: the message shows at once as pending while the file uploads.
 */
export function Composer({ dialogId, disabledReason }: { dialogId: string; disabledReason?: string | null }) {
  const client = useChatClient();
  const typing = useTypingInput(dialogId);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const report = (cause: unknown) => setError(cause instanceof Error ? cause.message : String(cause));

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
    const body = text.trim() || null;
    setText("");
    client.messages.send(dialogId, { body, files: [file] }).catch(report);
  };

  return (
    <form className="composer" onSubmit={send}>
      {error && <div className="error">{error}</div>}
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
          value={text}
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
