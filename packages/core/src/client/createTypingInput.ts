/**
 * What a text input tells about typing (`client.typing.input()`), the one policy the React, Vue and Svelte bindings
 * share: every change starts typing in its dialog (core throttles the `composing` it sends), an emptied input, a
 * blur, a change of dialog and the input going away stop it, and only where it was started.
 */
export interface TypingInput {
  /** The input of `dialogId` now holds `text` (undefined when unknown): typing there, or stopped once it is empty. */
  change(dialogId: string | null | undefined, text?: string): void;
  /** Stops typing where this input started it (blur, another dialog, unmount); nothing when it did not. */
  stop(): void;
}

/** The typing-input policy over `client.typing`'s start and stop. */
export function createTypingInput(typing: {
  start(dialogId: string): void;
  stop(dialogId: string): void;
}): TypingInput {
  let typingIn: string | null = null;
  const stop = (): void => {
    if (typingIn !== null) typing.stop(typingIn);
    typingIn = null;
  };
  return {
    change(dialogId, text) {
      if (typingIn !== (dialogId ?? null)) stop();
      if (!dialogId) return;
      if (text === "") return stop();
      typingIn = dialogId;
      typing.start(dialogId);
    },
    stop,
  };
}
