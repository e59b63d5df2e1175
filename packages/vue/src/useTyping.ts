import { getCurrentScope, type MaybeRefOrGetter, onScopeDispose, toValue, watch } from "vue";
import { useChatClient } from "./chatPlugin.js";
import { type ReadonlyRef, useReadable } from "./useReadable.js";

/** Listeners to bind on a text input or textarea: `<textarea v-bind="typing" />`. */
export interface TypingInputHandlers {
  /** Sends (throttled) `composing` on input, or `paused` once the input is empty. */
  onInput: (event?: Event) => void;
  /** Sends `paused`. */
  onBlur: () => void;
}

/** Ids of the users typing in the dialog, in the order they started. */
export function useTyping(dialogId: MaybeRefOrGetter<string | null | undefined>): ReadonlyRef<readonly number[]> {
  const { typing } = useChatClient();
  return useReadable(() => typing.forDialog(toValue(dialogId)));
}

/**
 * Typing notifications for a text input, by core's policy (`client.typing.input()`): typing on every input, stopped
 * when the input empties, loses focus, the dialog changes or the scope is disposed.
 */
export function useTypingInput(dialogId: MaybeRefOrGetter<string | null | undefined>): TypingInputHandlers {
  const input = useChatClient().typing.input();
  watch(() => toValue(dialogId), input.stop, { flush: "sync" });
  if (getCurrentScope()) onScopeDispose(input.stop);
  return {
    onInput: (event) => input.change(toValue(dialogId), (event?.target as { value?: string } | null)?.value),
    onBlur: input.stop,
  };
}
