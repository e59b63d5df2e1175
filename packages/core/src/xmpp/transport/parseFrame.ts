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

/**
 * Parses one WebSocket frame as XMPP over WebSocket defines it (RFC 7395 §3.3.3): exactly one whole element,
 * parsed on its own so nothing carries over to the next frame. A frame of whitespace only is `null`. Anything else
 * (not XML, an undefined entity, an unclosed or mismatched element, a second element, text around it) is a
 * `protocol` ChatError. Never throws.
 */
export function parseFrame(frame: string): Result<Element | null> {
  const sax = newSax();
  let root: Element | null = null;
  let cursor: Element | null = null;
  let problem: string | null = null;
  const fail = (reason: string) => {
    problem ??= reason;
  };
  sax.on("startElement", (name, attrs) => {
    if (root && !cursor) return fail("more than one element");
    const element = new Element(name, attrs);
    if (cursor) cursor.append(element);
    else root = element;
    cursor = element;
  });
  sax.on("endElement", (name) => {
    if (!cursor || cursor.name !== name) return fail(`unexpected </${name}>`);
    cursor = (cursor.parent as Element | null) ?? null;
  });
  sax.on("text", (text) => {
    if (cursor) cursor.t(text);
    else if (text.trim() !== "") fail("text outside the element");
  });
  sax.on("error", (error) => fail(error instanceof Error ? error.message : String(error)));
  try {
    sax.write(frame);
  } catch (error) {
    return err(frameError(error instanceof Error ? error.message : String(error), error));
  }
  if (problem) return err(frameError(problem));
  if (cursor) return err(frameError("an element is not closed (a truncated frame)"));
  const text = frame.trim();
  if (!root) return text === "" ? ok(null) : err(frameError("no element"));
  if (!text.endsWith(">")) return err(frameError("a truncated frame"));
  return ok(root);
}
