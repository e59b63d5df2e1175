// Test-only helpers (imported by *.test.ts, never by the library): XML text ↔ elements for transcript tests.
import type { Element } from "@xmpp/xml";
import { parse } from "ltx";

/** Parses one stanza written as indented XML text (whitespace between tags is dropped). */
export function xmlFixture(text: string): Element {
  return parse(text.replace(/>\s+</g, "><").trim()) as unknown as Element;
}

/** A canonical string of an element or XML text: attributes sorted, no whitespace between tags; for `toBe` checks. */
export function canonicalXml(input: Element | string): string {
  const element = typeof input === "string" ? xmlFixture(input) : input;
  return write(element);
}

function write(element: Element): string {
  const attrs = Object.keys(element.attrs)
    .filter((key) => element.attrs[key] !== undefined && element.attrs[key] !== null)
    .sort()
    .map((key) => ` ${key}="${escape(String(element.attrs[key]))}"`)
    .join("");
  const children = element.children
    .map((child) => (typeof child === "string" ? escape(child) : write(child as Element)))
    .join("");
  return children === "" ? `<${element.name}${attrs}/>` : `<${element.name}${attrs}>${children}</${element.name}>`;
}

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
