import type { Readable, ReadableSource } from "@chatcube/core";
import { readableOf } from "@chatcube/core";
import { onDestroy } from "svelte";
import { toStore } from "svelte/store";
import { getChatClient } from "./chatContext.js";
import { follow, type MaybeGetter } from "./follow.js";

const NOBODY: ReadableSource<readonly number[]> = readableOf<readonly number[]>(Object.freeze([]));

/** Event handlers to spread on a text input or textarea: `<textarea {...typing}></textarea>`. */
export interface TypingInputHandlers {
  /** Sends (throttled) `composing` on input, or `paused` once the input is empty. */
  oninput: (event?: Event) => void;
  /** Sends `paused`. */
  onblur: () => void;
}

/** Ids of the users typing in the dialog, in the order they started. */
export function useTyping(dialogId: MaybeGetter<string | null | undefined>): Readable<readonly number[]> {
  const client = getChatClient();
  return follow(dialogId, (id) => (id ? client.typing.forDialog(id) : NOBODY));
}

/**
 * Typing notifications for a text input: `client.typing.start` on every input (core throttles it), `stop` when the
 * input empties, loses focus, or the component is destroyed; with a getter, also when the dialog changes.
 */
export function useTypingInput(dialogId: MaybeGetter<string | null | undefined>): TypingInputHandlers {
  const client = getChatClient();
  const read = typeof dialogId === "function" ? dialogId : () => dialogId;
  let typingIn: string | null = null;
  const stop = () => {
    if (typingIn) client.typing.stop(typingIn);
    typingIn = null;
  };
  const moved = typeof dialogId === "function" ? toStore(read).subscribe((id) => typingIn !== id && stop()) : () => {};
  onDestroy(() => {
    moved();
    stop();
  });
  return {
    oninput(event) {
      const id = read();
      if (typingIn !== id) stop();
      if (!id) return;
      if ((event?.target as { value?: unknown } | null | undefined)?.value === "") return stop();
      typingIn = id;
      client.typing.start(id);
    },
    onblur: stop,
  };
}
