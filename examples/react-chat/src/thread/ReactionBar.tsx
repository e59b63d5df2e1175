import type { Message } from "@chatcube/react";
import { useChatClient } from "@chatcube/react";
import { useState } from "react";

const CHOICES = ["👍", "❤️", "😂", "🎉", "😮"];

/** A message's reactions (click one to toggle yours) and a picker; one reaction per user, as the server keeps. */
export function ReactionBar({ dialogId, message }: { dialogId: string; message: Message }) {
  const client = useChatClient();
  const [picking, setPicking] = useState(false);
  const entries = Object.entries(message.reactions.total);
  const settled = message.status !== "pending" && message.status !== "failed";
  if (!settled && entries.length === 0) return null;

  const toggle = (emoji: string) => {
    setPicking(false);
    const change = message.reactions.own.includes(emoji)
      ? client.messages.removeReaction(dialogId, message.id, emoji)
      : client.messages.react(dialogId, message.id, emoji);
    change.catch(() => {});
  };

  return (
    <div className="reactions" data-testid="reactions">
      {entries.map(([emoji, count]) => (
        <button
          key={emoji}
          className={`reaction ${message.reactions.own.includes(emoji) ? "mine" : ""}`}
          onClick={() => toggle(emoji)}
          data-testid="reaction"
          data-emoji={emoji}
        >
          {emoji} {count}
        </button>
      ))}
      {settled && (
        <span className="reaction-picker">
          <button
            className="reaction add"
            onClick={() => setPicking(!picking)}
            aria-label="Add reaction"
            data-testid="add-reaction"
          >
            +☺
          </button>
          {picking && (
            <span className="picker" role="menu">
              {CHOICES.map((emoji) => (
                <button key={emoji} role="menuitem" onClick={() => toggle(emoji)} aria-label={`React ${emoji}`}>
                  {emoji}
                </button>
              ))}
            </span>
          )}
        </span>
      )}
    </div>
  );
}
