import { type KeyboardEvent, useState } from "react";

/** Inline editing of a message's text: Enter saves, Escape cancels. */
export function MessageEditor({
  initial,
  onSave,
  onCancel,
}: {
  initial: string;
  onSave: (body: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(initial);
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Escape") onCancel();
    if (event.key === "Enter" && !event.shiftKey && text.trim()) {
      event.preventDefault();
      onSave(text.trim());
    }
  };
  return (
    <div className="editor">
      <textarea
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        autoFocus
        rows={2}
        aria-label="Edit message"
      />
      <div className="editor-actions">
        <button className="link" onClick={onCancel}>
          Cancel
        </button>
        <button
          className="link strong"
          disabled={!text.trim()}
          onClick={() => onSave(text.trim())}
          data-testid="save-edit"
        >
          Save
        </button>
      </div>
    </div>
  );
}
