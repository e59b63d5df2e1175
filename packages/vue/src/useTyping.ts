import type { ReadableSource } from "@chatcube/core";
import { readableOf } from "@chatcube/core";
import { getCurrentScope, type MaybeRefOrGetter, onScopeDispose, toValue, watch } from "vue";
import { useChatClient } from "./chatPlugin.js";
import { type ReadonlyRef, useReadable } from "./useReadable.js";

const NOBODY: ReadableSource<readonly number[]> = readableOf<readonly number[]>(Object.freeze([]));

/** Listeners to bind on a text input or textarea: `<textarea v-bind="typing" />`. */
export interface TypingInputHandlers {
  /** Sends (throttled) `composing` on input, or `paused` once the input is empty. */
  onInput: (event?: Event) => void;
  /** Sends `paused`. */
  onBlur: () => void;
}

/** Ids of the users typing in the dialog, in the order they started. */
export function useTyping(dialogId: MaybeRefOrGetter<string | null | undefined>): ReadonlyRef<readonly number[]> {
  const client = useChatClient();
  return useReadable(() => {
    const id = toValue(dialogId);
    return id ? client.typing.forDialog(id) : NOBODY;
  });
}

/**
 * Typing notifications for a text input: `client.typing.start` on every input (core throttles it), `stop` when the
 * input empties, loses focus, the dialog changes or the scope is disposed.
 */
export function useTypingInput(dialogId: MaybeRefOrGetter<string | null | undefined>): TypingInputHandlers {
  const client = useChatClient();
  const stop = (id: string | null | undefined) => {
    if (id) client.typing.stop(id);
  };
  watch(
    () => toValue(dialogId),
    (_id, previous) => stop(previous),
    { flush: "sync" },
  );
  if (getCurrentScope()) onScopeDispose(() => stop(toValue(dialogId)));
  return {
    onInput(event) {
      const id = toValue(dialogId);
      if (!id) return;
      if ((event?.target as { value?: unknown } | null | undefined)?.value === "") client.typing.stop(id);
      else client.typing.start(id);
    },
    onBlur: () => stop(toValue(dialogId)),
  };
}
