import { type MessageWindow, updateMessage } from "./messageWindow.js";

/**
 * Sets one user's reaction change on a message (one reaction type per user; `own` when it is the current user). The
 * current user's changes are idempotent, so an optimistic change and the server's push of it count once: adding an
 * emoji already in `own` or removing one not in it changes nothing, and adding replaces any other own emoji.
 */
export function applyReaction(
  window: MessageWindow,
  messageId: string,
  change: { add: string | null; remove: string | null; own: boolean },
): MessageWindow {
  return updateMessage(window, messageId, (message) => {
    const total = { ...message.reactions.total };
    let own = message.reactions.own;
    let changed = false;
    const bump = (emoji: string, delta: number) => {
      const count = (total[emoji] ?? 0) + delta;
      if (count > 0) total[emoji] = count;
      else delete total[emoji];
      changed = true;
    };
    const dropOwn = (emoji: string) => {
      if (!own.includes(emoji)) return;
      bump(emoji, -1);
      own = own.filter((e) => e !== emoji);
    };
    if (change.remove) {
      if (change.own) dropOwn(change.remove);
      else bump(change.remove, -1);
    }
    if (change.add) {
      if (!change.own) bump(change.add, 1);
      else if (!own.includes(change.add)) {
        for (const emoji of own) dropOwn(emoji);
        bump(change.add, 1);
        own = [...own, change.add];
      }
    }
    if (!changed) return null;
    return { ...message, reactions: { own, total } };
  });
}
