import { describe, expect, it } from "@jest/globals";
import { encodeQuery } from "./encodeQuery.js";

describe("encodeQuery", () => {
  it("sorts keys and writes nested objects as brackets (docs/protocol.md §2)", () => {
    expect(
      encodeQuery({ updated_at: { gt: 1_700_000_000 }, limit: 100, skip: 0, sort_desc: "last_message_date_sent" }),
    ).toBe("limit=100&skip=0&sort_desc=last_message_date_sent&updated_at[gt]=1700000000");
  });

  it("sorts and comma-joins arrays inside an operator, URI-encoding the comma", () => {
    expect(encodeQuery({ type: { in: [3, 2] } })).toBe("type[in]=2%2C3");
  });

  it("writes top-level arrays as k[]=v in order", () => {
    expect(encodeQuery({ dialogs_ids: ["b", "a"] })).toBe("dialogs_ids[]=b&dialogs_ids[]=a");
  });

  it("repeats arrays at every depth with arrays: brackets (users v2)", () => {
    expect(encodeQuery({ id: { in: [303, 202] } }, { arrays: "brackets" })).toBe("id[in][]=303&id[in][]=202");
  });

  it("skips null and undefined, stringifies booleans, encodes values and key segments", () => {
    expect(encodeQuery({ a: null, b: undefined, c: true, "full name": "Ann & Bob", d: { ctn: "x=y" } })).toBe(
      "c=true&d[ctn]=x%3Dy&full%20name=Ann%20%26%20Bob",
    );
    expect(encodeQuery({})).toBe("");
  });

  it("sorts nested keys too", () => {
    expect(encodeQuery({ date_sent: { lt: 5, gt: 1 } })).toBe("date_sent[gt]=1&date_sent[lt]=5");
  });
});
