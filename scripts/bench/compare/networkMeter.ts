/** Counts a page's network traffic over CDP: HTTP requests and their bytes, WebSocket frames and theirs. */
import type { CDPSession } from "playwright-core";

export interface Traffic {
  requests: number;
  httpBytes: number;
  frames: number;
  wsBytes: number;
  /** performance.now() of the last request or frame seen. */
  lastAt: number;
}

/** Starts counting on `cdp` (Network enabled by the caller); `stop()` detaches and returns the totals. */
export function meterTraffic(cdp: CDPSession): { totals: Traffic; stop(): Traffic } {
  const totals: Traffic = { requests: 0, httpBytes: 0, frames: 0, wsBytes: 0, lastAt: performance.now() };
  const onRequest = () => {
    totals.requests++;
    totals.lastAt = performance.now();
  };
  const onFinished = (event: { encodedDataLength: number }) => {
    totals.httpBytes += event.encodedDataLength;
    totals.lastAt = performance.now();
  };
  const onFrame = (event: { response: { payloadData: string } }) => {
    totals.frames++;
    totals.wsBytes += Buffer.byteLength(event.response.payloadData);
    totals.lastAt = performance.now();
  };
  cdp.on("Network.requestWillBeSent", onRequest);
  cdp.on("Network.loadingFinished", onFinished);
  cdp.on("Network.webSocketFrameReceived", onFrame);
  cdp.on("Network.webSocketFrameSent", onFrame);
  return {
    totals,
    stop() {
      cdp.off("Network.requestWillBeSent", onRequest);
      cdp.off("Network.loadingFinished", onFinished);
      cdp.off("Network.webSocketFrameReceived", onFrame);
      cdp.off("Network.webSocketFrameSent", onFrame);
      return { ...totals };
    },
  };
}

/** Chromium's network emulation: `rttMs` round trip, `mbit` Mbit/s each way; null turns it off. */
export async function emulateNetwork(cdp: CDPSession, network: { rttMs: number; mbit: number } | null): Promise<void> {
  const throughput = network ? (network.mbit * 1_000_000) / 8 : -1;
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: network?.rttMs ?? 0,
    downloadThroughput: throughput,
    uploadThroughput: throughput,
  });
}
