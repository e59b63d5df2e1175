// Test-only helper (imported by *.test.ts, never by the library): tabs of one user sharing per-user state.

import { createTabChannel } from "../../../core/src/tabs/createTabChannel.js";
import type { TabShareOptions } from "../../../core/src/tabs/createTabShare.js";
import { createTabShare } from "../../../core/src/tabs/createTabShare.js";
import type { TabRole } from "../../../core/src/tabs/TabsState.js";
import { createManualClock } from "../../../core/src/time/createManualClock.js";
import { createFakeBus } from "./fakeTabEnvironment.js";

/**
 * Tabs of one user, each with a share (`createTabShare`) joined over a fake channel bus and a manual clock; the test
 * sets each tab's role (`tab.role = …`, then `share.refresh()` as the wiring would).
 */
export function shareTabs(options: Omit<TabShareOptions, "clock"> = {}) {
  const bus = createFakeBus();
  const clock = createManualClock(1_000);
  const open = (tabId: string, role: TabRole) => {
    const tab = { role, share: createTabShare({ clock, ...options }) };
    const channel = createTabChannel({
      port: bus.port(),
      tabId,
      onStream: (m) => tab.share.receive(m),
      onSignal: (m) => tab.share.receive(m),
      onResync: () => tab.share.refresh(),
    });
    tab.share.attach({
      tabId,
      role: () => tab.role,
      stream: (kind, payload) => channel.stream(1, kind, payload),
      signal: (kind, payload) => channel.signal(1, kind, payload),
    });
    return Object.assign(tab, { channel });
  };
  return { open, clock };
}
