import { aDialog, aMessage } from "@chatcube/test-utils/core/testData.js";
import { describe, expect, it } from "@jest/globals";
import { deletedSince, needsCatchUp, newestKnown, sameSecondCount } from "./windowDelta.js";

const D = "65f0000000000000000000a0";
const id = (n: number) => `66f0${n.toString(16).padStart(20, "0")}`;
const at = (n: number, ms: number, status: "sent" | "pending" = "sent") => aMessage(id(n), D, ms, { status });
const lastAt = (n: number, ms: number) =>
  aDialog(D, { lastMessage: { id: id(n), text: "x", senderId: 2, dateSent: ms } });

describe("window delta rules", () => {
  it("the watermark is the newest message the server knows: our pending ones do not count", () => {
    expect(newestKnown([at(1, 1000), at(2, 2000), at(3, 2500, "pending")])).toBe(2000);
    expect(newestKnown([at(3, 2500, "pending")])).toBeNull();
  });

  it("counts the known messages of the watermark's second (they come back in the overlap)", () => {
    expect(sameSecondCount([at(1, 1000), at(2, 2000), at(3, 2000), at(4, 2400, "pending")], 2000)).toBe(2);
  });

  it("asks only when the dialog's last message is newer, or in the same second and missing", () => {
    const has = (known: string[]) => (x: string) => known.includes(x);
    expect(needsCatchUp(lastAt(5, 3000), 2000, has([]))).toBe(true);
    expect(needsCatchUp(lastAt(2, 2000), 2000, has([id(2)]))).toBe(false);
    expect(needsCatchUp(lastAt(9, 2000), 2000, has([id(2)]))).toBe(true); // same second, one we lack
    expect(needsCatchUp(lastAt(1, 1000), 2000, has([]))).toBe(false);
    expect(needsCatchUp(aDialog(D), 2000, has([]))).toBe(false); // no messages at all
  });

  it("a short newest page is the whole history; a full one speaks only for the seconds after its oldest", () => {
    const window = [at(1, 1000), at(2, 2000), at(3, 3000), at(4, 4000), at(5, 5000, "pending")];
    expect(deletedSince(window, [at(1, 1000), at(3, 3000), at(4, 4000)], 50)).toEqual([id(2)]);
    expect(deletedSince(window, [at(3, 3000), at(4, 4000)], 2)).toEqual([]); // second 3 may be cut by the limit
    expect(deletedSince(window, [at(2, 2000), at(4, 4000)], 2)).toEqual([id(3)]);
  });
});
