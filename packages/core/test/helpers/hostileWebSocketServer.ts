import type { AddressInfo } from "node:net";
import { createFakeXmppSocket, type FakeXmppServerOptions } from "@chatcube/test-utils/core/createFakeXmppSocket.js";
import { type WebSocket, WebSocketServer } from "ws";

/** A real WebSocket server on a loopback port that speaks the in-memory server's XMPP and sends any frame asked. */
export interface HostileWebSocketServer {
  /** `ws://127.0.0.1:{port}/ws`. */
  url: string;
  /** Sends raw text as one frame to the connected client. */
  push(frame: string): void;
  close(): Promise<void>;
}

/** A socket of the in-memory server's WebSocket class, as far as the bridge uses it. */
interface FakeSocket {
  addEventListener(type: string, listener: (event: { data?: string }) => void): void;
  send(data: string): void;
  close(): void;
}

/**
 * Starts the server: each real connection is bridged to a client socket of `createFakeXmppSocket`, so SASL, bind
 * and stream management are answered as in the unit tests, while the bytes cross a real loopback WebSocket.
 */
export async function startHostileWebSocketServer(
  options: FakeXmppServerOptions = {},
): Promise<HostileWebSocketServer> {
  const fake = createFakeXmppSocket(options);
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, handleProtocols: () => "xmpp" });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  let current: WebSocket | null = null;
  wss.on("connection", (ws) => {
    current = ws;
    const side = new (fake.WebSocket as unknown as new (url: string) => FakeSocket)("bridge");
    side.addEventListener("message", ({ data }) => ws.readyState === ws.OPEN && ws.send(String(data)));
    side.addEventListener("close", () => ws.close());
    ws.on("message", (data) => side.send(String(data)));
    ws.on("close", () => side.close());
  });
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws`,
    push(frame) {
      if (current?.readyState === current?.OPEN) current?.send(frame);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
