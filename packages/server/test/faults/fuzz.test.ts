import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { WebSocket } from "ws";
import { RawXmpp } from "../helpers/rawXmpp.js";
import { type ServerProcess, startServerProcess } from "../helpers/serverProcess.js";

/** A small deterministic PRNG (mulberry32) so a failing case can be replayed from its seed. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALID = [
  `<message to="2-1@localhost" type="chat" id="65000000000000000000abcd"><body>hi</body><extraParams xmlns="jabber:client"><save_to_history>1</save_to_history><dialog_id>65000000000000000000ffff</dialog_id><attachment type="image" uid="x" size="12"/></extraParams></message>`,
  `<message to="1_65000000000000000000ffff@muc.localhost" type="groupchat" id="1"><body>x</body><replace xmlns="urn:xmpp:message-correct:0" id="y"/></message>`,
  `<presence to="1_65000000000000000000ffff@muc.localhost/1"><x xmlns="http://jabber.org/protocol/muc"><history maxstanzas="0"/></x></presence>`,
  `<iq type="set" id="p"><query xmlns="jabber:iq:privacy"><list name="DEFAULT"><item type="jid" value="2-1@localhost" action="deny" order="1"><message/></item></list></query></iq>`,
  `<iq type="get" to="2-1@localhost" id="l"><query xmlns="jabber:iq:last"/></iq>`,
  `<iq type="set" id="r"><query xmlns="jabber:iq:roster"><item jid="2-1@localhost" name="b"/></query></iq>`,
  `<iq type="set" id="s"><subscribe xmlns="https://connectycube.com/protocol/status_streaming" user_jid="2-1@localhost" enable="true"/></iq>`,
  `<a xmlns="urn:xmpp:sm:3" h="5"/>`,
  `<enable xmlns="urn:xmpp:sm:3" resume="true" max="99999"/>`,
  `<resume xmlns="urn:xmpp:sm:3" previd="x" h="-1"/>`,
];
const NASTY = [
  `<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><message><body>&b;</body></message>`,
  `<message><body><![CDATA[<not xml>]]></body></message>`,
  `<?xml version="1.0"?><message/>`,
  `<message xmlns:x="urn:x"><x:body>prefixed</x:body></message>`,
  `<iq type="get"/>`,
  `<iq/>`,
  `<iq type="set" id="1"><a/><b/></iq>`,
  `<presence type="subscribe" to="@"/>`,
  `<message to="/"/>`,
  `<message to="999999999999-1@localhost" type="chat"><body>x</body></message>`,
  `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing"/><open xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>`,
  `<a><b><c><d><e><f><g><h><i><j>`.repeat(200),
  `\u0000\u0001\uffff`,
  `</close>`,
  ``,
];

function mutate(random: () => number, text: string): string {
  const r = random();
  if (r < 0.3) return text.slice(0, Math.floor(random() * text.length)); // truncated
  if (r < 0.5) {
    const at = Math.floor(random() * text.length);
    return text.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x7f)) + text.slice(at + 1); // one byte flipped
  }
  if (r < 0.6) return text.replace(/"[^"]*"/, `"${"A".repeat(Math.floor(random() * 5000))}"`); // long attribute
  if (r < 0.7) return text + text; // two roots
  return text;
}

let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess(["--seed", "demo"]);
});
afterAll(() => {
  server?.child.kill("SIGKILL");
});

describe("fuzz: no input crashes the server", () => {
  it("survives random, truncated and hostile frames before and after authentication", async () => {
    const random = rng(20261122);
    const frames = [...VALID, ...NASTY];
    for (let round = 0; round < 60; round++) {
      const authed = round % 2 === 0;
      let client: RawXmpp;
      try {
        client = authed
          ? await RawXmpp.login(server.chatUrl, "1-1", "password")
          : await RawXmpp.connect(server.chatUrl);
      } catch (error) {
        throw new Error(`round ${round}: could not connect: ${(error as Error).message}\n${server.output()}`);
      }
      if (!authed && random() < 0.5)
        client.send(`<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="localhost" version="1.0"/>`);
      for (let i = 0; i < 8 && client.ws.readyState === WebSocket.OPEN; i++) {
        const base = frames[Math.floor(random() * frames.length)];
        client.send(mutate(random, base));
      }
      if (random() < 0.2 && client.ws.readyState === WebSocket.OPEN)
        client.ws.send(Buffer.from([0xff, 0xfe, 0x00, 0x80]));
      await new Promise((r) => setTimeout(r, 5));
      client.ws.terminate();
    }
    expect(server.child.exitCode).toBeNull();
  }, 60_000);

  it("answers random and malformed REST requests with 4xx, never 5xx", async () => {
    const random = rng(7);
    const { session } = (await (
      await fetch(`${server.apiUrl}/session.json`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          application_id: 1,
          auth_key: "dev-auth-key",
          user: { login: "alice", password: "password" },
        }),
      })
    ).json()) as { session: { token: string } };
    const paths = [
      "/session.json",
      "/login.json",
      "/users.json",
      "/users/1.json",
      "/users/v2.json",
      "/chat/Dialog.json",
      "/chat/Dialog/65000000000000000000ffff.json",
      "/chat/Message.json",
      "/chat/Message/65000000000000000000ffff.json",
      "/chat/Message/unread.json",
      "/chat/search.json",
      "/blobs.json",
      "/blobs/1/complete.json",
      "/chat/Dialog/x/admins.json",
      "/chat/Message/system.json",
      "/chat/Message/x/reactions.json",
    ];
    const bodies = [
      "{",
      "[]",
      "null",
      "1",
      '"x"',
      '{"user":null}',
      '{"type":"x","occupants_ids":{"a":1}}',
      '{"occupants_ids":"1,,,a"}',
      '{"chat_dialog_id":[1,2]}',
      '{"message":{"x":1},"chat_dialog_id":"65000000000000000000ffff"}',
      '{"push_all":"x","pull_all":[1]}',
      '{"blob":{"name":null}}',
      "force=1&&&==",
      "\u0000\u0001",
      '{"search_text":{"$gt":""}}',
      JSON.stringify({ user: { login: "a".repeat(10_000) } }),
    ];
    const methods = ["GET", "POST", "PUT", "DELETE"];
    const types = [
      "application/json",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=zz",
      "text/plain",
    ];
    const failures: string[] = [];
    for (let i = 0; i < 300; i++) {
      const method = methods[Math.floor(random() * methods.length)];
      const path = paths[Math.floor(random() * paths.length)];
      const query =
        random() < 0.4
          ? `?limit=${["-1", "abc", "1e9", "[]"][i % 4]}&skip=x&sort_desc=__proto__&updated_at[gt]=nope&_id[in]=1,2&a[b][c][d]=1`
          : "";
      const headers: Record<string, string> = { "Content-Type": types[Math.floor(random() * types.length)] };
      if (random() < 0.8) headers["CB-Token"] = session.token;
      const body = method === "GET" ? undefined : mutate(random, bodies[Math.floor(random() * bodies.length)]);
      const response = await fetch(`${server.apiUrl}${path}${query}`, { method, headers, body });
      if (response.status >= 500)
        failures.push(
          `${method} ${path}${query} ${JSON.stringify(body)} -> ${response.status} ${await response.text()}`,
        );
      else await response.arrayBuffer();
    }
    expect(failures).toEqual([]);
    expect(server.child.exitCode).toBeNull();
  }, 60_000);

  it("still serves a normal client afterwards", async () => {
    const alice = await RawXmpp.login(server.chatUrl, "1-1", "password");
    const bob = await RawXmpp.login(server.chatUrl, "2-1", "password");
    alice.send(
      `<message to="2-1@localhost" type="chat" id="65000000000000000000aaaa"><body>still here?</body></message>`,
    );
    expect((await bob.next("message")).getChildText("body")).toBe("still here?");
    await Promise.all([alice.close(), bob.close()]);
    const response = await fetch(`${server.apiUrl}/session.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ application_id: 1, auth_key: "dev-auth-key" }),
    });
    expect(response.status).toBe(201);
  });
});
