import { describe, expect, it } from "@jest/globals";
import { isRecord, readDto } from "./readDto.js";

describe("readDto", () => {
  it("reads every field kind, accepting the wire's loose forms", () => {
    const result = readDto(
      {
        _id: "65F000000000000000000001",
        n: "7",
        f: 1.5,
        s: 12,
        ids: "1, 2",
        tags: ["a"],
        t: 1_700_000_000,
        o: { a: 1, b: true, c: { x: 1 } },
        yes: "true",
        no: 0,
      },
      "thing",
      (r) => ({
        id: r.objectId("_id"),
        n: r.int("n"),
        f: r.optNumber("f"),
        s: r.optString("s"),
        ids: r.intList("ids"),
        tags: r.stringList("tags"),
        t: r.optTime("t"),
        o: r.stringRecord("o"),
        obj: r.optObject("o"),
        yes: r.flag("yes"),
        no: r.flag("no"),
        none: [
          r.optInt("missing"),
          r.optNumber("missing"),
          r.optString("missing"),
          r.optTime("missing"),
          r.optObject("missing"),
        ],
        empty: [r.intList("missing"), r.stringList("missing"), r.stringRecord("missing")],
      }),
    );
    expect(result).toEqual({
      ok: true,
      value: {
        id: "65f000000000000000000001", // ids in one case (model/ids.ts normalizeId)
        n: 7,
        f: 1.5,
        s: "12",
        ids: [1, 2],
        tags: ["a"],
        t: 1_700_000_000_000,
        o: { a: "1", b: "true" },
        obj: { a: 1, b: true, c: { x: 1 } },
        yes: true,
        no: false,
        none: [null, null, null, null, null],
        empty: [[], [], {}],
      },
    });
  });

  it("collects every problem into one protocol error, naming the object by id", () => {
    const result = readDto({ id: 5, n: 1.5, f: "x", l: 3, tags: [1], o: "x", obj: [], extra: true }, "thing", (r) => {
      r.int("n");
      r.optInt("n");
      r.optNumber("f");
      r.intList("l");
      r.stringList("tags");
      r.stringRecord("o");
      r.optObject("obj");
      r.objectId("_id");
      r.problem("custom check failed");
      return null;
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("protocol");
    expect(result.error.details?.problems).toEqual([
      "n is not an integer",
      "n is not an integer",
      "f is not a number",
      "l is not a list",
      "tags has a non-string item",
      "o is not an object",
      "obj is not an object",
      "_id is missing",
      "custom check failed",
    ]);
    expect(result.error.message).toMatch(/^Malformed thing 5: n is not an integer; /);
  });

  it("isRecord is true only for plain non-array objects", () => {
    expect(isRecord({})).toBe(true);
    expect([[], null, "x", 1].some(isRecord)).toBe(false);
  });
});
