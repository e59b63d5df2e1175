import { afterEach, describe, expect, it } from "@jest/globals";
import { createBrowserNetworkSource, type NetworkEvent, staticNetworkSource } from "./createBrowserNetworkSource.js";

const globals = globalThis as Record<string, unknown>;

afterEach(() => {
  delete globals.window;
  delete globals.document;
});

describe("createBrowserNetworkSource", () => {
  it("is the static always-online source where there is no window (SSR, Node)", () => {
    expect(typeof globals.window).toBe("undefined");
    const source = createBrowserNetworkSource();
    expect(source).toBe(staticNetworkSource);
    expect(source.isOnline()).toBe(true);
    expect(source.isVisible()).toBe(true);
    expect(() => source.subscribe(() => {})()).not.toThrow();
  });

  it("reports window online/offline and document visibilitychange, and unsubscribes", () => {
    const win = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: "visible" });
    globals.window = win;
    globals.document = doc;
    const source = createBrowserNetworkSource();
    const events: NetworkEvent[] = [];
    const unsubscribe = source.subscribe((event) => events.push(event));
    win.dispatchEvent(new Event("offline"));
    win.dispatchEvent(new Event("online"));
    doc.visibilityState = "hidden";
    doc.dispatchEvent(new Event("visibilitychange"));
    expect(source.isVisible()).toBe(false);
    doc.visibilityState = "visible";
    doc.dispatchEvent(new Event("visibilitychange"));
    unsubscribe();
    win.dispatchEvent(new Event("offline"));
    expect(events).toEqual(["offline", "online", "hidden", "visible"]);
  });
});
