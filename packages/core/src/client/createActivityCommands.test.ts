import { createFakeXmppPort } from "@chatcube/test-utils/core/createFakeXmppPort.js";
import { canonicalXml } from "@chatcube/test-utils/core/xmlFixtures.js";
import { describe, expect, it } from "@jest/globals";
import type { NetworkEvent, NetworkEventSource } from "../connection/createBrowserNetworkSource.js";
import { createActivityCommands } from "./createActivityCommands.js";

const mobile = (enable: boolean) =>
  canonicalXml(`<iq type="set"><mobile xmlns="http://tigase.org/protocol/mobile#v2" enable="${enable}"/></iq>`);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("active / inactive (mobile v2)", () => {
  it("setActive(false) sends enable=true, setActive(true) enable=false; offline it waits for the connect", async () => {
    const port = createFakeXmppPort();
    const activity = createActivityCommands({
      transport: port.transport,
      isOnline: () => port.online,
      online$: port.online$,
      visibility: null,
      reportError: () => {},
    });
    expect(activity.active.get()).toBe(true);
    await activity.setActive(false);
    await activity.setActive(true);
    expect(port.sent).toEqual([mobile(true), mobile(false)]);
    port.online = false;
    await activity.setActive(false);
    expect(port.sent).toHaveLength(2);
    port.goOnline();
    await settle();
    expect(port.sent).toEqual([mobile(true), mobile(false), mobile(true)]);
    port.goOnline({ resumed: true }); // the server still knows
    expect(port.sent).toHaveLength(3);
  });

  it("follows page visibility", async () => {
    const port = createFakeXmppPort();
    let emit: (event: NetworkEvent) => void = () => {};
    const page: NetworkEventSource = {
      isOnline: () => true,
      isVisible: () => false,
      subscribe: (listener) => ((emit = listener), () => {}),
    };
    const activity = createActivityCommands({
      transport: port.transport,
      isOnline: () => port.online,
      online$: port.online$,
      visibility: page,
      reportError: () => {},
    });
    expect(activity.active.get()).toBe(false); // a hidden page starts inactive
    emit("visible");
    emit("online"); // not about visibility
    await settle();
    expect(activity.active.get()).toBe(true);
    emit("hidden");
    await settle();
    expect(port.sent).toEqual([mobile(false), mobile(true)]);
    activity.dispose();
  });
});
