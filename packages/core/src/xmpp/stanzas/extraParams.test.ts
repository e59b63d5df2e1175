import { canonicalXml, xmlFixture } from "@chatcube/test-utils/core/xmlFixtures.js";
import { describe, expect, it } from "@jest/globals";
import type { Element } from "@xmpp/xml";
import { parse } from "ltx";
import { ChatError } from "../../errors/ChatError.js";
import { buildExtraParams, readExtraParams } from "./extraParams.js";

describe("buildExtraParams", () => {
  it("writes protocol fields, attachments as attributes, then custom keys (docs/protocol.md §8)", () => {
    const element = buildExtraParams({
      saveToHistory: true,
      dialogId: "65f000000000000000000001",
      dateSent: 1_700_000_000_500,
      silent: true,
      attachments: [{ type: "image", uid: "a1b2c3", size: 2048 }],
      customParams: { city: "Kyiv", rating: 5 },
    });
    expect(element.toString()).toBe(
      '<extraParams xmlns="jabber:client"><save_to_history>1</save_to_history><dialog_id>65f000000000000000000001</dialog_id>' +
        '<date_sent>1700000000</date_sent><silent>1</silent><attachment type="image" uid="a1b2c3" size="2048"/>' +
        "<city>Kyiv</city><rating>5</rating></extraParams>",
    );
  });

  it("writes an empty element when there is nothing to say", () => {
    expect(buildExtraParams({}).toString()).toBe('<extraParams xmlns="jabber:client"/>');
  });

  it("refuses reserved or non-XML custom names with a validation ChatError", () => {
    expect(() => buildExtraParams({ customParams: { dialog_id: "x" } })).toThrow(ChatError);
    expect(() => buildExtraParams({ customParams: { "my key": "x" } })).toThrow(/not an XML name/);
    expect(() => buildExtraParams({ customParams: { "1st": "x" } })).toThrow(ChatError);
  });
});

describe("readExtraParams", () => {
  it("given a delivered message's extraParams, we get typed fields and string custom params", () => {
    const message = xmlFixture(`
      <message>
        <extraParams xmlns="jabber:client">
          <save_to_history>1</save_to_history><dialog_id>65f000000000000000000001</dialog_id>
          <date_sent>1700000000</date_sent><silent>true</silent><markable>1</markable>
          <attachment type="image" uid="a1b2c3" size="2048"/><city>Kyiv</city><meta><a>1</a></meta>
        </extraParams>
      </message>`);
    expect(readExtraParams(message)).toEqual({
      dialogId: "65f000000000000000000001",
      saveToHistory: true,
      dateSent: 1_700_000_000_000,
      silent: true,
      moduleIdentifier: null,
      attachments: [{ type: "image", uid: "a1b2c3", size: 2048 }],
      customParams: { city: "Kyiv" },
    });
  });

  it("tolerates date_sent in milliseconds and a missing extraParams", () => {
    expect(
      readExtraParams(xmlFixture("<message><extraParams><date_sent>1700000000123</date_sent></extraParams></message>"))
        .dateSent,
    ).toBe(1_700_000_000_123);
    expect(readExtraParams(xmlFixture("<message/>"))).toEqual({
      dialogId: null,
      saveToHistory: false,
      dateSent: null,
      silent: false,
      moduleIdentifier: null,
      attachments: [],
      customParams: {},
    });
  });

  it("round-trips with buildExtraParams", () => {
    const built = buildExtraParams({
      dialogId: "65f000000000000000000001",
      customParams: { a: "x & y" },
      attachments: [{ uid: "u", contentType: "image/png" }],
    });
    const reparsed = xmlFixture(`<message>${built.toString()}</message>`);
    expect(canonicalXml(reparsed.getChild("extraParams")!)).toBe(canonicalXml(built));
    expect(readExtraParams(reparsed)).toMatchObject({
      customParams: { a: "x & y" },
      attachments: [{ uid: "u", contentType: "image/png" }],
    });
  });

  it("keeps custom parameters named __proto__ or constructor as plain keys, and inherits nothing", () => {
    const message = parse(
      `<message><extraParams xmlns="jabber:client"><__proto__>p</__proto__><constructor>c</constructor></extraParams></message>`,
    ) as unknown as Element;
    const { customParams } = readExtraParams(message);
    expect(customParams["__proto__"]).toBe("p");
    expect(customParams.constructor).toBe("c");
    expect("toString" in customParams).toBe(false);
  });
});
