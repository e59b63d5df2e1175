import { aDialog } from "@chatcube/test-utils/core/testData.js";
import { describe, expect, it } from "@jest/globals";
import { DialogIndex } from "./dialogIndex.js";

const ids = Array.from({ length: 300 }, (_, i) => `65f0${i.toString(16).padStart(20, "0")}`);

describe("DialogIndex", () => {
  it("reads like a map after many additions, replacements and removals, and never changes an older copy", () => {
    const empty = DialogIndex.EMPTY;
    const full = empty.withAll(ids.map((id) => aDialog(id)));
    expect(full.size).toBe(300);
    expect(empty.size).toBe(0);
    expect([...full.keys()].sort()).toEqual([...ids].sort());
    const renamed = full.withAll([aDialog(ids[7], { name: "Renamed" })]);
    expect(renamed.size).toBe(300);
    expect(renamed.get(ids[7])?.name).toBe("Renamed");
    expect(full.get(ids[7])?.name).not.toBe("Renamed");
    expect(renamed.get(ids[8])).toBe(full.get(ids[8])); // untouched dialogs keep their identity
    const fewer = renamed.without(ids[7]).without("65f0ffffffffffffffffffff");
    expect(fewer.size).toBe(299);
    expect(fewer.has(ids[7])).toBe(false);
    expect(renamed.has(ids[7])).toBe(true);
    expect(new Map(fewer).size).toBe(299);
    let seen = 0;
    fewer.forEach((dialog, id) => {
      expect(dialog.id).toBe(id);
      seen++;
    });
    expect(seen).toBe(299);
  });

  it("takes any id, short or odd, and wraps a plain map", () => {
    const odd = ["", "a", "__proto__", "constructor", "x".repeat(100)];
    const index = DialogIndex.from(new Map(odd.map((id) => [id, aDialog(id)])));
    for (const id of odd) expect(index.get(id)?.id).toBe(id);
    expect(DialogIndex.from(index)).toBe(index);
  });
});
