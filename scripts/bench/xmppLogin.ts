import { WebSocket } from "ws";

const OPEN = `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="localhost" version="1.0"/>`;

/** Signs `authcid` (`{userId}-{appId}`, password `password`) in over raw XMPP-over-WebSocket, bound and available. */
export async function xmppLogin(url: string, authcid: string): Promise<WebSocket> {
  const ws = new WebSocket(url, "xmpp");
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  const steps = [
    { send: OPEN, until: "</stream:features>" },
    {
      send: `<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${Buffer.from(`\0${authcid}\0password`).toString("base64")}</auth>`,
      until: "<success",
    },
    { send: OPEN, until: "</stream:features>" },
    { send: `<iq type="set" id="b"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/></iq>`, until: "</bind>" },
  ];
  for (const step of steps) {
    const seen = new Promise<void>((resolve) => {
      const onMessage = (data: Buffer) => {
        if (data.toString().includes(step.until)) {
          ws.off("message", onMessage);
          resolve();
        }
      };
      ws.on("message", onMessage);
    });
    ws.send(step.send);
    await seen;
  }
  ws.send("<presence/>");
  return ws;
}
