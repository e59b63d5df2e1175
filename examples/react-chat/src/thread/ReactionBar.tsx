import type { Message } from "@chatcube/react";
import { useChatClient } from "@chatcube/react";
import { useState } from "react";

import { REACTION_CHOICES as CHOICES } from "../../../shared/reactions";

/** Toggles one's own reaction (one per user, as the server keeps). */
function useToggleReaction(dialogId: string, message: Message) {
  const client = useChatClient();
  return (emoji: string) => {
    const change = message.reactions.own.includes(emoji)
      ? client.messages.removeReaction(dialogId, message.id, emoji)
      : client.messages.react(dialogId, message.id, emoji);
    change.catch(() => {});
  };
}

/** A message's reactions; click one to toggle yours. Nothing (no empty line) when there are none. */
export function ReactionBar({ dialogId, message }: { dialogId: string; message: Message }) {
  const toggle = useToggleReaction(dialogId, message);
  const entries = Object.entries(message.reactions.total);
  if (entries.length === 0) return null;
  return (
    <div className="reactions" data-testid="reactions">
      {entries.map(([emoji, count]) => (
        <button
          key={emoji}
          className={`reaction ${message.reactions.own.includes(emoji) ? "mine" : ""}`}
          onClick={() => toggle(emoji)}
          aria-pressed={message.reactions.own.includes(emoji)}
          aria-label={`${emoji} ${count}`}
          data-testid="reaction"
          data-emoji={emoji}
        >
          {emoji} {count}
        </button>
      ))}
    </div>
  );
}

/** The "add a reaction" action and its picker (in the message's actions, reachable by keyboard). */
export function ReactionPicker({ dialogId, message }: { dialogId: string; message: Message }) {
  const toggle = useToggleReaction(dialogId, message);
  const [picking, setPicking] = useState(false);
  return (
    <span className="reaction-picker">
      <button
        className="link"
        onClick={() => setPicking(!picking)}
        aria-label="Add reaction"
        aria-expanded={picking}
        data-testid="add-reaction"
      >
        React
      </button>
      {picking && (
        <span className="picker" role="menu">
          {CHOICES.map((emoji) => (
            <button
              key={emoji}
              role="menuitem"
              onClick={() => (setPicking(false), toggle(emoji))}
              onKeyDown={(event) => event.key === "Escape" && setPicking(false)}
              aria-label={`React ${emoji}`}
            >
              {emoji}
            </button>
          ))}
        </span>
      )}
    </span>
  );
}
