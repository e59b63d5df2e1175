import { describe, expect, it } from "@jest/globals";
import { Subject } from "rxjs";
import type { NetworkEvent, NetworkEventSource } from "../connection/createBrowserNetworkSource.js";
import { createManualClock } from "../time/createManualClock.js";
import { scheduleUnreadRefresh } from "./scheduleUnreadRefresh.js";

function setup(intervalMs = 1000) {
  const clock = createManualClock(0);
  const online$ = new Subject<void>();
  let online = true;
  let refreshes = 0;
  const listeners: Array<(event: NetworkEvent) => void> = [];
  const network: NetworkEventSource = {
    isOnline: () => true,
    isVisible: () => true,
    subscribe: (l) => (listeners.push(l), () => {}),
  };
  const stop = scheduleUnreadRefresh({
    clock,
    intervalMs,
    online$,
    network,
    isOnline: () => online,
    refresh: async () => void refreshes++,
  });
  return {
    clock,
    stop,
    online$,
    setOnline: (value: boolean) => void (online = value),
    refreshes: () => refreshes,
    emit: (event: NetworkEvent) => listeners.forEach((l) => l(event)),
  };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("unread refresh schedule", () => {
  it("asks every interval while online, at once when the page becomes visible, and stops while offline", async () => {
    const t = setup();
    t.online$.next(); // a connect: its sync refreshed, the timer starts
    t.clock.advance(999);
    expect(t.refreshes()).toBe(0);
    t.clock.advance(1);
    await settle();
    expect(t.refreshes()).toBe(1);
    t.clock.advance(1000);
    await settle();
    expect(t.refreshes()).toBe(2);
    t.emit("visible");
    await settle();
    expect(t.refreshes()).toBe(3);
    t.setOnline(false);
    t.clock.advance(5000);
    await settle();
    expect(t.refreshes()).toBe(3); // and no timer is left armed while offline
    t.setOnline(true);
    t.online$.next();
    t.clock.advance(1000);
    await settle();
    expect(t.refreshes()).toBe(4);
    t.stop();
    t.clock.advance(5000);
    await settle();
    expect(t.refreshes()).toBe(4);
  });
});
