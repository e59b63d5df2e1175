import { createFakeXmppPort } from "@chatcube/test-utils/core/createFakeXmppPort.js";
import { createTestRestClient } from "@chatcube/test-utils/core/createTestRestClient.js";
import { canonicalXml } from "@chatcube/test-utils/core/xmlFixtures.js";
import { describe, expect, it } from "@jest/globals";
import { createManualClock } from "../time/createManualClock.js";
import type { ParsedSystemMessage } from "../xmpp/stanzas/parsedMessage.js";
import { createSystemCommands } from "./createSystemCommands.js";

const incoming = (n: number): ParsedSystemMessage => ({
  kind: "system",
  id: `s${n}`,
  senderId: 2,
  moduleIdentifier: "SystemNotifications",
  body: null,
  params: { n: String(n) },
  delayedAt: null,
});

function setup() {
  const port = createFakeXmppPort();
  const { rest, requests } = createTestRestClient([
    { json: { messageId: "65f0000000000000000000ee", recipientId: 202, extensionParams: { kind: "x" } } },
  ]);
  const system = createSystemCommands({
    transport: port.transport,
    rest,
    jid: { appId: 1, domain: "localhost" },
    clock: createManualClock(1_700_000_000_000),
    recentLimit: 2,
  });
  return { port, requests, system };
}

describe("client.system", () => {
  it("keeps the most recent system messages", () => {
    const t = setup();
    [1, 2, 3].forEach((n) => t.system.receive(incoming(n)));
    expect(t.system.recent.get().map((m) => m.id)).toEqual(["s2", "s3"]);
  });

  it("sends a headline with SystemNotifications over chat, or the parameters through REST", async () => {
    const t = setup();
    const { id } = await t.system.send(202, { body: "dialog/NEW_DIALOG", params: { dialogId: "d1" } });
    expect(t.port.sent).toEqual([
      canonicalXml(
        `<message to="202-1@localhost" type="headline" id="${id}"><body>dialog/NEW_DIALOG</body><extraParams xmlns="jabber:client"><moduleIdentifier>SystemNotifications</moduleIdentifier><dialogId>d1</dialogId></extraParams></message>`,
      ),
    ]);
    expect(await t.system.send(202, { params: { kind: "x" } }, { via: "rest" })).toEqual({
      id: "65f0000000000000000000ee",
    });
    expect(t.requests.map((r) => [r.method, r.path, JSON.parse(r.body)])).toEqual([
      ["POST", "/chat/Message/system.json", { kind: "x", recipientId: 202 }],
    ]);
    t.port.online = false;
    await expect(t.system.send(202, { body: "x" })).rejects.toMatchObject({ code: "network" });
    await expect(t.system.send(0, {})).rejects.toMatchObject({ code: "validation" });
  });
});
