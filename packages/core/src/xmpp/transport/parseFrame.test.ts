import { describe, expect, it } from "@jest/globals";
import { parseFrame } from "./parseFrame.js";

describe("parseFrame", () => {
  it("reads one whole element with its children, text, entities and CDATA", () => {
    const parsed = parseFrame(`<message to="a&amp;b"><body>x &lt; y</body><x><![CDATA[<raw>]]></x></message>`);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || !parsed.value) return;
    expect(parsed.value.attrs.to).toBe("a&b");
    expect(parsed.value.getChildText("body")).toBe("x < y");
    expect(parsed.value.getChildText("x")).toBe("<raw>");
  });

  it("ignores an XML declaration, comments and whitespace around the element; a blank frame is null", () => {
    expect(parseFrame(`<?xml version="1.0"?>\n<!-- hi --> <presence/> `)).toMatchObject({
      ok: true,
      value: { name: "presence" },
    });
    expect(parseFrame(" \n\t")).toEqual({ ok: true, value: null });
  });

  it.each([
    ["an undefined entity in text", "<message><body>&nosuch;</body></message>"],
    ["an undefined entity in an attribute", `<message to="&nosuch;"/>`],
    ["no XML at all", "hello"],
    ["a truncated element", "<message><body>cut"],
    ["a truncated start tag", `<message to="x`],
    ["a mismatched end tag", "<a><b></a>"],
    ["an end tag alone", "</a>"],
    ["two elements", "<a/><b/>"],
    ["text after the element", "<a/>tail"],
    ["a second element cut short", "<a/><b"],
  ])("%s is a protocol error, never a throw", (_name, frame) => {
    const parsed = parseFrame(frame);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatchObject({ name: "ChatError", code: "protocol" });
  });

  it("nothing carries over from one frame to the next, whole or broken (the parser is reused only after a clean one)", () => {
    const sequence = [
      "<a/>",
      `<message to="x`,
      "<b/>",
      "<message><body>cut",
      "<c>text</c>",
      "<d/><!-- after -->",
      "<e/> ",
      "tail<f/>",
      "<g/>",
      "<h/><i",
      "<j>&amp;</j>",
    ];
    const results = sequence.map((frame) => {
      const parsed = parseFrame(frame);
      return parsed.ok ? (parsed.value?.toString() ?? null) : "error";
    });
    expect(results).toEqual([
      "<a/>",
      "error",
      "<b/>",
      "error",
      "<c>text</c>",
      "<d/>",
      "<e/>",
      "error",
      "<g/>",
      "error",
      "<j>&amp;</j>",
    ]);
  });
});
