import type { Element } from "@xmpp/xml";
import { DialogType } from "../model/dialog.js";
import type { DialogsStore } from "../stores/dialogs/createDialogsStore.js";
import type { TypingStore } from "../stores/typing/createTypingStore.js";
import type { Clock, TimerHandle } from "../time/clock.js";
import { buildChatState } from "../xmpp/stanzas/chatState.js";
import { addressFor, type JidContext } from "../xmpp/stanzas/jid.js";
import type { ChatClient } from "./ChatClient.js";
import { createTypingInput } from "./createTypingInput.js";

/** How often `composing` is re-sent while typing goes on (peers expire it after 6 s). */
const TYPING_RESEND_MS = 3000;
/** How long after the last key `paused` is sent. */
const TYPING_IDLE_MS = 5000;

/** `client.typing`: who types where, and throttled typing notifications for an input's key presses. */
export function createTypingCommands(options: {
  typing: TypingStore;
  dialogs: DialogsStore;
  jid: JidContext;
  clock: Clock;
  selfUserId: () => number | null;
  /** Sends when online; a typing notification is never queued. */
  send: (stanza: Element) => void;
}): ChatClient["typing"] {
  const { clock } = options;
  const active = new Map<string, { sentAt: number; idle: TimerHandle }>();

  const address = (dialogId: string) => {
    const dialog = options.dialogs.state.get().byId.get(dialogId);
    if (!dialog) return null;
    const self = options.selfUserId();
    const peer = dialog.type === DialogType.PRIVATE ? (dialog.occupantIds.find((o) => o !== self) ?? null) : null;
    return addressFor(options.jid, { dialogId, recipientId: peer });
  };

  const stop = (dialogId: string) => {
    const state = active.get(dialogId);
    if (!state) return;
    clock.clearTimeout(state.idle);
    active.delete(dialogId);
    const to = address(dialogId);
    if (to) options.send(buildChatState(to, "paused"));
  };

  const facade: ChatClient["typing"] = {
    forDialog: (dialogId) => options.typing.forDialog(dialogId),
    start(dialogId) {
      const to = address(dialogId);
      if (!to) return;
      const now = clock.now();
      const state = active.get(dialogId);
      if (state) clock.clearTimeout(state.idle);
      const resend = !state || now - state.sentAt >= TYPING_RESEND_MS;
      if (resend) options.send(buildChatState(to, "composing"));
      active.set(dialogId, {
        sentAt: resend ? now : state!.sentAt,
        idle: clock.setTimeout(() => stop(dialogId), TYPING_IDLE_MS),
      });
    },
    stop,
    input: () => createTypingInput(facade),
  };
  return facade;
}
