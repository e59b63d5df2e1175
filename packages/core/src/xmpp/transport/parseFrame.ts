import { Element, Parser } from "@xmpp/xml";
import { ChatError } from "../../errors/ChatError.js";
import { err, ok, type Result } from "../../errors/result.js";

/** The SAX parser @xmpp/xml runs on (ltx's), as far as a frame needs it. */
interface Sax {
  on(event: "startElement", listener: (name: string, attrs: Record<string, string>) => void): void;
  on(event: "endElement", listener: (name: string) => void): void;
  on(event: "text", listener: (text: string) => void): void;
  on(event: "error", listener: (error: unknown) => void): void;
  write(data: string): void;
}

let SaxClass: (new () => Sax) | null = null;

/** A fresh SAX parser of the kind @xmpp/xml uses (its class is not exported on its own). */
function newSax(): Sax {
  SaxClass ??= (new Parser() as unknown as { parser: { constructor: new () => Sax } }).parser.constructor;
  return new SaxClass();
}

const frameError = (reason: string, cause?: unknown): ChatError =>
  new ChatError("protocol", `Malformed frame from the chat server: ${reason}`, { details: { reason }, cause });

/** One SAX parser with the tree it is building; reused for the next frame only after a clean one (see `parseFrame`). */
class FrameReader {
  private readonly sax = newSax();
  root: Element | null = null;
  cursor: Element | null = null;
  problem: string | null = null;

  constructor() {
    this.sax.on("startElement", (name, attrs) => {
      if (this.root && !this.cursor) return this.fail("more than one element");
      const element = new Element(name, attrs);
      if (this.cursor) this.cursor.append(element);
      else this.root = element;
      this.cursor = element;
    });
    this.sax.on("endElement", (name) => {
      const cursor = this.cursor;
      if (!cursor || cursor.name !== name) return this.fail(`unexpected </${name}>`);
      this.cursor = (cursor.parent as Element | null) ?? null;
    });
    this.sax.on("text", (text) => {
      if (this.cursor) this.cursor.t(text);
      else if (text.trim() !== "") this.fail("text outside the element");
    });
    this.sax.on("error", (error) => this.fail(error instanceof Error ? error.message : String(error)));
  }

  private fail(reason: string): void {
    this.problem ??= reason;
  }

  read(frame: string): Result<Element | null> {
    this.root = null;
    this.cursor = null;
    this.problem = null;
    try {
      this.sax.write(frame);
    } catch (error) {
      return err(frameError(error instanceof Error ? error.message : String(error), error));
    }
    if (this.problem) return err(frameError(this.problem));
    if (this.cursor) return err(frameError("an element is not closed (a truncated frame)"));
    const root: Element | null = this.root;
    if (!root) return frame.trim() === "" ? ok(null) : err(frameError("no element"));
    if (frame.charCodeAt(frame.length - 1) !== GT && !frame.trimEnd().endsWith(">"))
      return err(frameError("a truncated frame"));
    return ok(root);
  }
}

const GT = 62; // ">"

/** The reader of the last clean frame, ready for the next one (none while a frame is being read). */
let idle: FrameReader | null = null;

/**
 * Parses one WebSocket frame as XMPP over WebSocket defines it (RFC 7395 §3.3.3): exactly one whole element,
 * parsed on its own so nothing carries over to the next frame. A frame of whitespace only is `null`. Anything else
 * (not XML, an undefined entity, an unclosed or mismatched element, a second element, text around it) is a
 * `protocol` ChatError. Never throws.
 *
 * A SAX parser is reused for the next frame only when this frame parsed to one element and ended with its `>`: the
 * parser is then back in its initial state (reading text, nothing buffered), so nothing carries over; after anything
 * else it is dropped and the next frame gets a new one. (A new parser per frame cost more than the parse itself.)
 */
export function parseFrame(frame: string): Result<Element | null> {
  const reader = idle ?? new FrameReader();
  idle = null;
  const result = reader.read(frame);
  if (result.ok && result.value && frame.charCodeAt(frame.length - 1) === GT) idle = reader;
  reader.root = null;
  reader.cursor = null;
  return result;
}
