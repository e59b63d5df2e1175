/**
 * The official stack's in-process path on the same frames: `connectycube` 6.1.2 signed in and connected to the local
 * server for real (so its chat service is in the state a live message finds it: `isConnected`, its JID and resource,
 * its listeners) and `@connectycube/react` 6.1.2's `useChat()` mounted in a trivial component (which registers the
 * hook's message listener and holds its stores, with the dialogs fetched over REST). Each frame string → a parser of
 * the class the SDK's live connection reads its socket with (@xmpp/websocket's FramedParser, one for the run as a
 * connection holds one) → its `element` → the SDK's `stanza` listener (what @xmpp's middleware emits to) → the chat
 * service's `onMessage` (stanza → message object) → the hook's `_processMessage` → its zustand stores (messages,
 * dialogs, typing, message event). The delivery marker the SDK sends for each message is built by the SDK and
 * counted instead of sent (its `xmppClient.sendOnline` is replaced for the run). Not included, as on chatcube's
 * side: @xmpp's entity and middleware between the parser and the listener.
 */
import { ConnectyCube, useChat } from "@connectycube/react";
import { createElement } from "react";
import { createRoot } from "react-dom/client";
import type { Side, SideConfig } from "./chatcubeSide.js";

type Chat = ReturnType<typeof useChat>;

/** The SDK's internals this bench touches (none is public API; see the module comment). */
interface XmppClient {
  parser: { constructor: new () => FramedParser } | null;
  emit(event: "stanza", element: unknown): void;
  socket: { on(event: "data", listener: (data: unknown) => void): void } | null;
  sendOnline: (stanza: { name: string }) => Promise<void>;
}
interface FramedParser {
  on(event: "element", listener: (element: unknown) => void): void;
  on(event: "error", listener: (error: unknown) => void): void;
  write(data: string): void;
}

export interface OfficialConfig extends SideConfig {
  authKey: string;
  apiUrl: string;
  chatUrl: string;
  login: string;
  password: string;
}

let chat: Chat | null = null;
let commits = 0;

function Probe() {
  chat = useChat();
  commits++;
  return null;
}

async function until(ready: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`official: ${what} never happened`);
}

/** Signs in, connects, fetches the dialogs; `captured` resolves with the first chat message frame the socket reads. */
export async function connectOfficial(
  config: OfficialConfig,
): Promise<{ side: Side; captured: Promise<string>; commits(): number }> {
  ConnectyCube.init({ appId: config.appId, authKey: config.authKey }, {
    endpoints: { api_url: config.apiUrl, chat: config.domain, chat_url: config.chatUrl },
    debug: { mode: 0 },
  } as never);
  await ConnectyCube.createSession({ login: config.login, password: config.password });
  createRoot(document.body.appendChild(document.createElement("div"))).render(createElement(Probe));
  await until(() => chat !== null, "mount");
  const current = () => chat as Chat;
  await current().fetchDialogs();
  await until(() => current().dialogs.length >= config.peers.length, "all dialogs in the store");
  const client = (ConnectyCube.chat as unknown as { xmppClient: XmppClient }).xmppClient;
  let capture: (frame: string) => void = () => {};
  const captured = new Promise<string>((resolve) => (capture = resolve));
  if (!(await current().connect({ userId: config.userId, password: config.password })))
    throw new Error("official: connect failed");
  await until(() => current().chatStatus === "connected", "connected");
  // What the socket reads (@xmpp 0.14's connection emits no `input` event): the raw frames, before any parsing.
  client.socket?.on("data", (data) => {
    const text = String(data);
    if (text.startsWith("<message") && text.includes("<body>")) capture(text);
  });
  const Parser = client.parser?.constructor;
  if (!Parser) throw new Error("official: the connected client has no parser");
  const parser = new Parser();
  const errors: unknown[] = [];
  parser.on("element", (element) => client.emit("stanza", element));
  parser.on("error", (error) => errors.push(error));
  let markers = 0;
  const side: Side = {
    feed(frames) {
      const send = client.sendOnline;
      client.sendOnline = (stanza) => {
        if (stanza.name === "message") markers++;
        return Promise.resolve();
      };
      try {
        for (const frame of frames) parser.write(frame);
      } finally {
        client.sendOnline = send;
      }
    },
    check(lastId, lastDialog) {
      if (errors.length) throw new Error(`official parser reported ${errors.length} errors: ${String(errors[0])}`);
      const all = current().messages;
      const stored = config.peers.reduce((n, p) => n + (all[p.dialogId]?.length ?? 0), 0);
      const found = (all[lastDialog] ?? []).some((m) => m._id === lastId);
      return { stored, markers, found };
    },
  };
  return { side, captured, commits: () => commits };
}
