import { createFakeXmppPort } from "@chatcube/test-utils/core/createFakeXmppPort.js";
import { describe, expect, it } from "@jest/globals";
import { EMPTY_PRIVACY } from "../stores/privacy/privacyState.js";
import { createLazyFeatures, type Features } from "./createLazyFeatures.js";
import { createPrivacyCommands } from "./createPrivacyCommands.js";

const NS = `xmlns="jabber:iq:privacy"`;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The features' chunk "loading": `arrive()` makes them (privacy only: what these tests use) on a fake XMPP port. */
function setup() {
  const port = createFakeXmppPort();
  let made: Features | null = null;
  let arrive: () => void = () => {};
  const chunk = new Promise<Features>((resolve) => {
    arrive = () => {
      const privacy = createPrivacyCommands({
        transport: port.transport,
        jid: { appId: 1, domain: "localhost" },
        online$: port.online$,
        reportError: () => {},
      });
      made = { privacy } as unknown as Features;
      resolve(made);
    };
  });
  const typingFor = () => {
    throw new Error("not used here");
  };
  const lazy = createLazyFeatures(
    () => chunk,
    () => made,
    { typingFor, active: true },
  );
  return { port, lazy, arrive: () => (arrive(), chunk) };
}

describe("createLazyFeatures", () => {
  it("shows the empty privacy state until the chunk, then follows the real one (subscribers from before too)", async () => {
    const t = setup();
    expect(t.lazy.privacy.get()).toBe(EMPTY_PRIVACY);
    const blocked = t.lazy.privacy.isBlocked(202);
    const seen: boolean[] = [];
    blocked.subscribe((value) => seen.push(value));
    await t.arrive();
    t.port.answer(
      `<query ${NS}><default name="DEFAULT"/><list name="DEFAULT"/></query>`,
      `<query ${NS}><list name="DEFAULT"><item type="jid" value="202-1@localhost" action="deny" order="1"/></list></query>`,
    );
    t.port.goOnline();
    await settle();
    await settle();
    expect(t.lazy.privacy.get().loaded).toBe(true);
    expect(blocked.get()).toBe(true);
    expect(seen).toEqual([false, true]);
  });

  it("a command waits for the chunk; reset and dispose before it do nothing", async () => {
    const t = setup();
    t.lazy.reset();
    setup().lazy.dispose();
    const names = t.lazy.privacy.names();
    t.port.goOnline();
    t.port.answer(`<query ${NS}><active name="A"/><list name="A"/></query>`);
    await t.arrive();
    await expect(names).resolves.toMatchObject({ active: "A" });
  });
});
