import type { Readable } from "@chatcube/core";
import { onDestroy } from "svelte";
import { toStore } from "svelte/store";
import { getChatClient } from "./chatContext.js";
import { follow, type MaybeGetter } from "./follow.js";

/** Event handlers to spread on a text input or textarea: `<textarea {...typing}></textarea>`. */
export interface TypingInputHandlers {
  /** Sends (throttled) `composing` on input, or `paused` once the input is empty. */
  oninput: (event?: Event) => void;
  /** Sends `paused`. */
  onblur: () => void;
}

/** Ids of the users typing in the dialog, in the order they started. */
export function useTyping(dialogId: MaybeGetter<string | null | undefined>): Readable<readonly number[]> {
  return follow(dialogId, getChatClient().typing.forDialog);
}

/**
 * Typing notifications for a text input, by core's policy (`client.typing.input()`): typing on every input, stopped
 * when the input empties, loses focus, the component is destroyed or (with a getter) the dialog changes.
 */
export function useTypingInput(dialogId: MaybeGetter<string | null | undefined>): TypingInputHandlers {
  const input = getChatClient().typing.input();
  const read = typeof dialogId === "function" ? dialogId : () => dialogId;
  const moved = toStore(read).subscribe(() => input.stop());
  onDestroy(() => (moved(), input.stop()));
  return {
    oninput: (event) => input.change(read(), (event?.target as { value?: string } | null)?.value),
    onblur: input.stop,
  };
}
