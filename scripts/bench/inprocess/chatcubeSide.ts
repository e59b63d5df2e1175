/**
 * chatcube's in-process path, wired as `createChatClient` wires it: each frame string → `parseFrame` (what the
 * transport's frame parser runs per WebSocket message) → the stanza router (the one subscriber to the transport's
 * stanzas) → `wireIngest`'s message ingest → the dialogs, messages and typing stores, with one subscriber per dialog
 * window (as mounted `useMessages` hooks would be). The delivery marker for each message is built as the client
 * builds it and counted instead of sent. Not included: @xmpp's entity and middleware between the parser and the
 * router (stream-management counting, the foreign-domain check), persistence (the write-behind), the unread ledger.
 */
import { type Dialog, DialogType, systemClock } from "@chatcube/core";
import {
  createDialogsStore,
  createMessagesStore,
  createStanzaRouter,
  createTypingStore,
  parseFrame,
  upsertDialogs,
  wireIngest,
} from "@chatcube/core/internals";
import type { Element } from "@xmpp/xml";
import type { Peer } from "./frames.js";

export interface SideConfig {
  appId: number;
  domain: string;
  userId: number;
  peers: Peer[];
}

export interface Side {
  /** Feeds every frame, synchronously, as a socket's message events would. */
  feed(frames: readonly string[]): void;
  /** Messages held in the stores, delivery markers built, whether the last frame's message is in its dialog. */
  check(lastId: string, lastDialog: string): { stored: number; markers: number; found: boolean };
}

function dialogOf(config: SideConfig, peer: Peer): Dialog {
  return {
    id: peer.dialogId,
    type: DialogType.PRIVATE,
    name: null,
    photo: null,
    description: null,
    ownerId: config.userId,
    occupantIds: [config.userId, peer.userId],
    occupantsCount: 2,
    adminIds: [],
    pinnedMessageIds: [],
    lastMessage: null,
    lastMessageStatus: null,
    unreadCount: 0,
    roomJid: null,
    createdAt: 0,
    updatedAt: 0,
    extensions: {},
    permissions: { allowPreview: false },
  } as Dialog;
}

export function createChatcubeSide(config: SideConfig): Side {
  const dialogs = createDialogsStore();
  dialogs.apply((state) =>
    upsertDialogs(
      state,
      config.peers.map((peer) => dialogOf(config, peer)),
    ),
  );
  const messages = createMessagesStore();
  const typing = createTypingStore();
  let deliver: ((stanza: Element) => void) | null = null;
  // The transport's `stanza$` as the router uses it: one subscriber, called synchronously per stanza.
  const stanza$ = {
    subscribe(next: (stanza: Element) => void) {
      deliver = next;
      return { unsubscribe: () => void (deliver = null) };
    },
  };
  const errors: unknown[] = [];
  const reportError = (error: unknown) => void errors.push(error);
  const router = createStanzaRouter({ stanza$: stanza$ as never, reportError });
  let markers = 0;
  wireIngest({
    router,
    jid: { appId: config.appId, domain: config.domain },
    clock: systemClock,
    windowCap: 500,
    selfUserId: () => config.userId,
    dialogs,
    messages,
    typing,
    unread: { count: () => true, read: () => {} },
    sync: { fetchDialog: async () => {} },
    outbox: { bounced: () => {} },
    sendIfOnline: (marker) => {
      if (marker.name === "message") markers++;
    },
    emitSystemMessage: () => {},
    reportError,
  });
  let heard = 0;
  for (const peer of config.peers) messages.window(peer.dialogId).subscribe(() => heard++);
  return {
    feed(frames) {
      for (const frame of frames) {
        const parsed = parseFrame(frame);
        if (parsed.ok && parsed.value) deliver?.(parsed.value);
        else if (!parsed.ok) reportError(parsed.error);
      }
    },
    check(lastId, lastDialog) {
      if (errors.length) throw new Error(`chatcube reported ${errors.length} errors, first: ${String(errors[0])}`);
      if (heard === 0) throw new Error("no window subscriber heard anything");
      const stored = config.peers.reduce((n, p) => n + messages.window(p.dialogId).get().items.length, 0);
      const found = messages
        .window(lastDialog)
        .get()
        .items.some((m) => m.id === lastId);
      return { stored, markers, found };
    },
  };
}
