import { useEffect, useMemo } from "react";
import { useChatClient } from "./ChatProvider.js";
import { useReadable } from "./useReadable.js";

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
  return useReadable(useChatClient().typing.forDialog(dialogId));
}

/**
 * Typing notifications for a text input, by core's policy (`client.typing.input()`): typing on every change, stopped
 * when the input empties, loses focus, the dialog changes or the component unmounts. Chain them if you own
 * `onChange` too.
 */
export function useTypingInput(dialogId: string | null | undefined): TypingInputHandlers {
  const client = useChatClient();
  const input = useMemo(() => client.typing.input(), [client]);
  useEffect(() => (dialogId ? input.stop : undefined), [input, dialogId]); // the dialog changes, or unmount
  return useMemo(
    () => ({ onChange: (event) => input.change(dialogId, event?.currentTarget?.value), onBlur: input.stop }),
    [input, dialogId],
  );
}
