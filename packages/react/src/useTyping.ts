import type { ReadableSource } from "@chatcube/core";
import { readableOf } from "@chatcube/core";
import { useEffect, useMemo } from "react";
import { useChatClient } from "./ChatProvider.js";
import { useReadable } from "./useReadable.js";

const NOBODY: ReadableSource<readonly number[]> = readableOf<readonly number[]>(Object.freeze([]));

/** What a text input's change event carries that typing notifications need. */
export interface TypingInputEvent {
  currentTarget?: { value?: string } | null;
}

/** Handlers to spread on a text input or textarea: `<textarea {...useTypingInput(dialogId)} />`. */
export interface TypingInputHandlers {
  /** Sends (throttled) `composing` on input, or `paused` once the input is empty. */
  onChange: (event?: TypingInputEvent) => void;
  /** Sends `paused`. */
  onBlur: () => void;
}

/** Ids of the users typing in the dialog, in the order they started. */
export function useTyping(dialogId: string | null | undefined): readonly number[] {
  const client = useChatClient();
  const typing = useMemo(() => (dialogId ? client.typing.forDialog(dialogId) : NOBODY), [client, dialogId]);
  return useReadable(typing);
}

/**
 * Typing notifications for a text input: `client.typing.start` on every change (core throttles it), `stop` when the
 * input empties, loses focus, the dialog changes or the component unmounts. Chain them if you own `onChange` too.
 */
export function useTypingInput(dialogId: string | null | undefined): TypingInputHandlers {
  const client = useChatClient();
  useEffect(() => {
    if (!dialogId) return undefined;
    return () => client.typing.stop(dialogId);
  }, [client, dialogId]);
  return useMemo(
    () => ({
      onChange(event) {
        if (!dialogId) return;
        if (event?.currentTarget?.value === "") client.typing.stop(dialogId);
        else client.typing.start(dialogId);
      },
      onBlur() {
        if (dialogId) client.typing.stop(dialogId);
      },
    }),
    [client, dialogId],
  );
}
