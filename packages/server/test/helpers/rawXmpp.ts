import { type Element, parse } from "ltx";
import { WebSocket } from "ws";

/** A bare XMPP-over-WebSocket client for transcript tests: send frames, await the frames that match. */
export class RawXmpp {
  readonly received: string[] = [];
  private readonly waiters: Array<{
    test: (el: Element) => boolean;
    resolve: (el: Element) => void;
    reject: (e: Error) => void;
    timer: NodeJS.Timeout;
  }> = [];
  private readonly inbox: Element[] = [];
  closed: Promise<number>;
  jid = "";

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => ws.on("close", (code) => resolve(code)));
    ws.on("message", (data) => {
      const text = data.toString();
      this.received.push(text);
      let element: Element;
      try {
        element = parse(text);
      } catch {
        return;
      }
      const index = this.waiters.findIndex((w) => w.test(element));
      if (index >= 0) {
        const [waiter] = this.waiters.splice(index, 1);
        clearTimeout(waiter.timer);
        waiter.resolve(element);
      } else this.inbox.push(element);
    });
  }

  /** Opens a socket with the `xmpp` subprotocol. */
  static async connect(url: string): Promise<RawXmpp> {
    const ws = new WebSocket(url, "xmpp");
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    return new RawXmpp(ws);
  }

  /** Opens, authenticates with PLAIN and binds; returns the client with `jid` set. */
  static async login(
    url: string,
    authcid: string,
    password: string,
    options: { resource?: string; sm?: boolean | "resume" } = {},
  ): Promise<RawXmpp> {
    const client = await RawXmpp.connect(url);
    client.send(`<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="localhost" version="1.0"/>`);
    await client.next("stream:features");
    client.send(
      `<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${Buffer.from(`\0${authcid}\0${password}`).toString("base64")}</auth>`,
    );
    const outcome = await client.next((el) => el.name === "success" || el.name === "failure");
    if (outcome.name !== "success") throw new Error(`auth failed: ${outcome.toString()}`);
    client.send(`<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="localhost" version="1.0"/>`);
    await client.next("stream:features");
    const resource = options.resource ? `<resource>${options.resource}</resource>` : "";
    client.send(`<iq type="set" id="bind1"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind">${resource}</bind></iq>`);
    const bound = await client.next((el) => el.name === "iq" && el.attrs.id === "bind1");
    client.jid = bound.getChild("bind")?.getChildText("jid") ?? "";
    if (options.sm) {
      client.send(`<enable xmlns="urn:xmpp:sm:3"${options.sm === "resume" ? ' resume="true"' : ""}/>`);
      await client.next("enabled");
    }
    return client;
  }

  /** Sends one frame. */
  send(xml: string): void {
    this.ws.send(xml);
  }

  /** The next received element that matches (by name or predicate), waiting up to `ms`. */
  next(match: string | ((el: Element) => boolean), ms = 3000): Promise<Element> {
    const test = typeof match === "string" ? (el: Element) => el.name === match : match;
    const index = this.inbox.findIndex(test);
    if (index >= 0) return Promise.resolve(this.inbox.splice(index, 1)[0]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.waiters.findIndex((w) => w.resolve === resolve);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(
          new Error(
            `timed out waiting for ${typeof match === "string" ? match : "a matching element"}; got:\n${this.received.slice(-5).join("\n")}`,
          ),
        );
      }, ms);
      this.waiters.push({ test, resolve, reject, timer });
    });
  }

  /** Resolves true if nothing matching arrives within `ms`. */
  async nothing(match: string | ((el: Element) => boolean), ms = 300): Promise<boolean> {
    try {
      await this.next(match, ms);
      return false;
    } catch {
      return true;
    }
  }

  /** Elements received and not yet taken by `next`. */
  pending(): Element[] {
    return [...this.inbox];
  }

  /** Closes the stream politely. */
  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.OPEN) {
      this.send(`<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>`);
      this.ws.close();
    }
    await this.closed;
  }
}

/** The text of a stanza's child, or undefined. */
export const text = (el: Element, ...path: string[]): string | undefined => {
  let node: Element | undefined = el;
  for (const name of path.slice(0, -1)) node = node?.getChild(name);
  return node?.getChildText(path[path.length - 1]) ?? undefined;
};
