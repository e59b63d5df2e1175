// Test-only (imported by *.test.ts, never by the library): seeded generators of hostile XMPP frames and REST bodies
// for the client fuzz test. Everything random comes from the `Random` handed in, so a seed replays the same inputs.

/** A seeded source of randomness (mulberry32): `next()` in [0, 1). */
export interface Random {
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One of the items. */
  pick<T>(items: readonly T[]): T;
}

/** Creates the seeded random source. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, chance: (p) => next() < p, pick: (items) => items[int(items.length)] };
}

/** The ids the fuzzed world is made of: the user, a peer, a private and a group dialog. */
export const WORLD = {
  self: 5,
  peer: 6,
  appId: 1,
  domain: "localhost",
  privateDialog: "65f000000000000000000001",
  groupDialog: "65f000000000000000000002",
} as const;

/** Strings that have broken parsers somewhere. */
const HOSTILE_TEXT = [
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "",
  " ",
  "0",
  "-1",
  "1.5",
  "1e30",
  "-1e30",
  "99999999999999999999",
  "NaN",
  "Infinity",
  "null",
  "&nosuch;",
  "&amp;",
  "&#0;",
  "<",
  "]]>",
  "\u0000",
  "\ud800",
  "💥",
  "x".repeat(3000),
  "65f000000000000000000001",
  "65F0000000000000000000AA",
  "65f00000000000000000000",
  "6-1@evil.example/r",
  "6-1@localhost/r",
  "5-1@localhost",
  "0-1@localhost/r",
  "localhost",
  "evil.example",
  "1_65f000000000000000000002@muc.localhost/6",
  "1_65f000000000000000000002@muc.evil.example/6",
  "1_65f000000000000000000002@muc.localhost/0",
];

/** JSON values that have broken mappers somewhere. */
const HOSTILE_JSON: unknown[] = [
  ...HOSTILE_TEXT,
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e30,
  -1e30,
  2 ** 60,
  Number.MAX_SAFE_INTEGER + 2,
  [],
  [1, "x", null],
  {},
  { __proto__: null, constructor: 1 },
  JSON.parse('{"__proto__": {"polluted": 1}}'),
];

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A value for one field: mostly the good one, sometimes a hostile one (escaped or, rarely, raw). */
function field(random: Random, good: string): string {
  if (!random.chance(0.3)) return good;
  const value = random.pick(HOSTILE_TEXT);
  return random.chance(0.85) ? escapeXml(value) : value;
}

let counter = 0;
/** A fresh 24-hex message id. */
export function messageId(): string {
  counter += 1;
  return `65f1${counter.toString(16).padStart(20, "0")}`;
}

const NS_MARKERS = "urn:xmpp:chat-markers:0";
const NS_CHAT_STATES = "http://jabber.org/protocol/chatstates";

/** An element as text; attribute values and text are written as given (already escaped, or hostile on purpose). */
function el(name: string, attrs: Record<string, string>, ...children: string[]): string {
  const written = Object.entries(attrs)
    .map(([key, value]) => ` ${key}="${value}"`)
    .join("");
  return children.length === 0 ? `<${name}${written}/>` : `<${name}${written}>${children.join("")}</${name}>`;
}

/** A valid-looking stanza of a random kind with some fields made hostile. */
function stanza(random: Random): string {
  const f = (good: string) => field(random, good);
  const body = (text: string) => el("body", {}, f(text));
  const peer = `${WORLD.peer}-${WORLD.appId}@${WORLD.domain}/r`;
  const room = `${WORLD.appId}_${WORLD.groupDialog}@muc.${WORLD.domain}`;
  const self = `${WORLD.self}-${WORLD.appId}@${WORLD.domain}`;
  const custom = random.pick(["city", "__proto__", "constructor", "x"]);
  const odd = random.pick(["__proto__", "constructor", "extra"]);
  const attachment = () => el("attachment", { type: f("image"), uid: f("a1"), size: f("10"), [odd]: f("1") });
  const extra = (dialog: string) =>
    el(
      "extraParams",
      { xmlns: "jabber:client" },
      el("dialog_id", {}, f(dialog)),
      el("date_sent", {}, f("1700000001")),
      el("save_to_history", {}, "1"),
      el(custom, {}, f("v")),
      random.chance(0.3) ? attachment() : "",
    );
  const message = (from: string, ...children: string[]) =>
    el("message", { type: f("chat"), from: f(from), id: f(messageId()) }, ...children);
  const about = (name: string, xmlns: string, more: Record<string, string> = {}) =>
    el(name, { xmlns, id: f(messageId()), ...more });
  const chat = (from: string, dialog: string, type = "chat") =>
    el("message", { type: f(type), from: f(from), to: f(self), id: f(messageId()) }, body("hi"), extra(dialog));
  switch (random.int(12)) {
    case 0:
    case 1:
      return chat(peer, WORLD.privateDialog);
    case 2:
      return chat(`${room}/${WORLD.peer}`, WORLD.groupDialog, "groupchat");
    case 3:
      return message(peer, about(random.pick(["received", "displayed"]), NS_MARKERS), extra(WORLD.privateDialog));
    case 4:
      return message(peer, body("edited"), about("replace", "urn:xmpp:message-correct:0", { last: "true" }));
    case 5:
      return message(peer, about("remove", "urn:xmpp:message-delete:0"), extra(WORLD.privateDialog));
    case 6: {
      const reaction = el("reaction", { add: "true", type: f("👍") });
      const ids = { message_id: f(messageId()), user_id: f(String(WORLD.peer)), dialog_id: f(WORLD.privateDialog) };
      return message(peer, el("reactions", ids, reaction));
    }
    case 7:
      return message(peer, el("composing", { xmlns: NS_CHAT_STATES }), extra(WORLD.privateDialog));
    case 8: {
      const params = el(
        "extraParams",
        { xmlns: "jabber:client" },
        el("moduleIdentifier", {}, f("SystemNotifications")),
        el("dialog_id", {}, f(WORLD.groupDialog)),
      );
      const attrs = { type: f("headline"), from: f(peer), id: f(messageId()) };
      return el("message", attrs, body("dialog/UPDATE_DIALOG"), params);
    }
    case 9: {
      const forwarded = el("forwarded", { xmlns: "urn:xmpp:forward:0" }, chat(peer, WORLD.privateDialog));
      const carbon = el(random.pick(["sent", "received"]), { xmlns: "urn:xmpp:carbons:2" }, forwarded);
      return el("message", { from: f(self), to: f(`${self}/fake`) }, carbon);
    }
    case 10: {
      const type = f(random.pick(["available", "unavailable", "subscribe", "subscribed"]));
      return el("presence", { from: f(peer), type }, el("show", {}, f("away")), el("status", {}, f("hi")));
    }
    default: {
      const jid = f(`${WORLD.peer}-${WORLD.appId}@${WORLD.domain}`);
      const item = el("item", { jid, subscription: f("both"), name: f("Peer") });
      const query = el("query", { xmlns: "jabber:iq:roster" }, item);
      return el("iq", { type: f("set"), id: f("push1"), from: f(self) }, query);
    }
  }
}

/** One frame for the server to send: a stanza with hostile fields, sometimes broken as XML or as framing. */
export function hostileFrame(random: Random): string {
  const base = stanza(random);
  switch (random.int(10)) {
    case 0:
      return base.slice(0, random.int(base.length));
    case 1:
      return base + stanza(random);
    case 2: {
      const at = random.int(base.length);
      return base.slice(0, at) + random.pick(["<", "&", ">", '"', "&nosuch;", "</x>", "\u0000"]) + base.slice(at);
    }
    case 3:
      return `${"<a>".repeat(300)}${base}${"</a>".repeat(300)}`;
    case 4:
      return Array.from({ length: 1 + random.int(40) }, () => String.fromCharCode(random.int(0x3000))).join("");
    default:
      return base;
  }
}

/** The object with some of its fields (or new ones) set to hostile JSON values. */
function mutate(random: Random, object: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...object };
  const keys = [...Object.keys(copy), "__proto__", "constructor", "extra"];
  for (let i = 1 + random.int(3); i > 0; i--) {
    // defineProperty, so that a `__proto__` key becomes an own property as JSON.parse would make it.
    const value = random.pick(HOSTILE_JSON);
    Object.defineProperty(copy, random.pick(keys), { value, enumerable: true, configurable: true, writable: true });
  }
  return copy;
}

/** A list envelope whose items are good, mutated or junk; sometimes no envelope at all. */
export function hostileList(random: Random, good: Array<Record<string, unknown>>): unknown {
  switch (random.int(6)) {
    case 0:
      return random.pick(HOSTILE_JSON);
    case 1: {
      const bad = (i: number) => mutate(random, { ...good[i % good.length], _id: random.pick(HOSTILE_JSON) });
      const items = Array.from({ length: 2000 }, (_, i) => bad(i));
      return { items, limit: 100, skip: 0, total_entries: 2000 };
    }
    case 2: {
      const any = () => random.pick(HOSTILE_JSON);
      return { items: any(), limit: any(), skip: any(), total_entries: any() };
    }
    default: {
      const items = good.map((item) => (random.chance(0.5) ? mutate(random, item) : item));
      if (random.chance(0.3)) items.push(random.pick(HOSTILE_JSON) as Record<string, unknown>);
      const total = random.chance(0.7) ? items.length : random.pick(HOSTILE_JSON);
      return { items, limit: 100, skip: 0, total_entries: total };
    }
  }
}

/** A hostile answer that is not JSON or not a success. */
export function hostileResponse(random: Random): { status: number; text: string; type: string } {
  return random.pick([
    { status: 200, text: "<html>not json</html>", type: "text/html" },
    { status: 200, text: '{"items": [', type: "application/json" },
    { status: 500, text: '{"errors": ["boom"]}', type: "application/json" },
    { status: 422, text: '{"errors": {"base": ["no"]}}', type: "application/json" },
    { status: 404, text: "", type: "text/plain" },
    { status: 200, text: JSON.stringify(random.pick(HOSTILE_JSON)), type: "application/json" },
  ]);
}
