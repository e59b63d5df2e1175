import { createStore } from "../../reactive/createStore.js";
import type { Readable } from "../../reactive/readable.js";
import { readableOf } from "../../reactive/readableOf.js";
import { selectByKey } from "../../reactive/selectByKey.js";
import { type Clock, systemClock, type TimerHandle } from "../../time/clock.js";

/** How long a "typing" lasts without news (the react hook's 6 s). */
const TYPING_EXPIRY_MS = 6000;

/** Who is typing where, with expiry. */
export interface TypingStore {
  /** Users typing in a dialog, in the order they started; the same array until it changes (none for no dialog). */
  forDialog(dialogId: string | null | undefined): Readable<readonly number[]>;
  /** Records that a user started (`true`) or stopped typing; a start expires after `expiryMs` without news. */
  set(dialogId: string, userId: number, typing: boolean): void;
  /** Stops everything (a user's message also ends their typing: call `set(…, false)`). */
  dispose(): void;
}

const NOBODY: readonly number[] = Object.freeze([]);
const NO_ONE: Readable<readonly number[]> = readableOf(NOBODY);

/** Creates the typing store; time comes from `clock`. */
export function createTypingStore({
  clock = systemClock,
  expiryMs = TYPING_EXPIRY_MS,
}: {
  clock?: Clock;
  expiryMs?: number;
} = {}): TypingStore {
  const state = createStore<Record<string, number[]>>({});
  const timers = new Map<string, TimerHandle>();
  const typingIn = selectByKey(state, (s, dialogId: string) => s[dialogId] ?? NOBODY);

  const set = (dialogId: string, userId: number, typing: boolean): void => {
    const key = `${dialogId}:${userId}`;
    // Every incoming message ends its sender's typing: most of the time there is nothing to end.
    if (!typing && !timers.has(key) && !(state.get()[dialogId] ?? NOBODY).includes(userId)) return;
    const timer = timers.get(key);
    if (timer !== undefined) clock.clearTimeout(timer);
    timers.delete(key);
    if (typing)
      timers.set(
        key,
        clock.setTimeout(() => set(dialogId, userId, false), expiryMs),
      );
    state.update((draft) => {
      const users = draft[dialogId] ?? [];
      const has = users.includes(userId);
      if (typing && !has) draft[dialogId] = [...users, userId];
      if (!typing && has) {
        const rest = users.filter((id) => id !== userId);
        if (rest.length) draft[dialogId] = rest;
        else delete draft[dialogId];
      }
    });
  };

  return {
    set,
    forDialog: (dialogId) => (dialogId ? typingIn(dialogId) : NO_ONE),
    dispose() {
      for (const timer of timers.values()) clock.clearTimeout(timer);
      timers.clear();
    },
  };
}
