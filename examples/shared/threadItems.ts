// Shared by the example apps (plain TypeScript): a thread's messages laid out with a separator before each new day
// and runs of messages by one sender grouped (the author's name and the bubble's tail only once per run).

/** What the layout needs of a message. */
export interface LaidOutMessage {
  id: string;
  senderId: number;
  dateSent: number;
}

/** One row of a thread: a day separator, or a message with its place in its sender's run. */
export type ThreadItem<M extends LaidOutMessage> =
  | { kind: "day"; key: string; label: string }
  | { kind: "message"; key: string; message: M; firstOfRun: boolean; lastOfRun: boolean };

/** Messages further apart than this start a new run even from the same sender. */
const RUN_GAP = 5 * 60_000;

const dayKey = (ms: number) => new Date(ms).toDateString();

/** Lays out `messages` (oldest first) with day separators, labelled by `formatDay`. */
export function threadItems<M extends LaidOutMessage>(
  messages: readonly M[],
  formatDay: (ms: number) => string,
): ThreadItem<M>[] {
  const items: ThreadItem<M>[] = [];
  messages.forEach((message, index) => {
    const previous = messages[index - 1];
    const next = messages[index + 1];
    const newDay = !previous || dayKey(previous.dateSent) !== dayKey(message.dateSent);
    if (newDay) items.push({ kind: "day", key: `day-${dayKey(message.dateSent)}`, label: formatDay(message.dateSent) });
    const joins = (a: M | undefined, b: M | undefined) =>
      a !== undefined &&
      b !== undefined &&
      a.senderId === b.senderId &&
      dayKey(a.dateSent) === dayKey(b.dateSent) &&
      Math.abs(b.dateSent - a.dateSent) < RUN_GAP;
    items.push({
      kind: "message",
      key: message.id,
      message,
      firstOfRun: !joins(previous, message),
      lastOfRun: !joins(message, next),
    });
  });
  return items;
}
