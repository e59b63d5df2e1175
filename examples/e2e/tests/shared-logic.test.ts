// The plain logic the three example apps share (examples/shared), in Node: the thread layout, day labels, and the
// words and retry decision for errors.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canRetry, errorText } from "../../shared/errorText.js";
import { formatDay, formatListTime } from "../../shared/format.js";
import { threadItems } from "../../shared/threadItems.js";

const at = (y: number, m: number, d: number, h: number, min = 0) => new Date(y, m - 1, d, h, min).getTime();

describe("threadItems", () => {
  it("puts a separator before each day and groups runs by one sender within five minutes", () => {
    const items = threadItems(
      [
        { id: "a", senderId: 1, dateSent: at(2026, 3, 1, 9, 0) },
        { id: "b", senderId: 1, dateSent: at(2026, 3, 1, 9, 2) },
        { id: "c", senderId: 2, dateSent: at(2026, 3, 1, 9, 3) },
        { id: "d", senderId: 2, dateSent: at(2026, 3, 1, 9, 30) },
        { id: "e", senderId: 2, dateSent: at(2026, 3, 2, 8, 0) },
      ],
      (ms) => new Date(ms).toDateString(),
    );
    assert.deepEqual(
      items.map((item) =>
        item.kind === "day" ? "day" : `${item.key}${item.firstOfRun ? "<" : ""}${item.lastOfRun ? ">" : ""}`,
      ),
      ["day", "a<", "b>", "c<>", "d<>", "day", "e<>"],
    );
  });
});

describe("format", () => {
  const now = at(2026, 3, 10, 15);
  it("labels days as Today, Yesterday, then dates", () => {
    assert.equal(formatDay(at(2026, 3, 10, 1), now), "Today");
    assert.equal(formatDay(at(2026, 3, 9, 23), now), "Yesterday");
    assert.match(formatDay(at(2026, 3, 2, 12), now), /2/);
    assert.match(formatDay(at(2025, 3, 2, 12), now), /2025/);
  });
  it("shows a date, not only a time, for an older list row", () => {
    assert.match(formatListTime(at(2026, 1, 2, 12), now), /2/);
    assert.doesNotMatch(formatListTime(at(2026, 1, 2, 12), now), /12:00/);
  });
});

describe("errorText and canRetry", () => {
  it("says what happened in words, never the raw text", () => {
    assert.match(errorText({ code: "unauthorized", message: "Unauthorized" }, "sign-in"), /don't match/);
    assert.match(errorText(new TypeError("Failed to fetch"), "sign-in"), /Can't reach the chat server/);
    assert.match(
      errorText({ code: "validation", status: 413, message: "Request body is larger than 10240 KB" }),
      /too large/,
    );
    assert.match(errorText({ code: "blocked", message: "x" }, "send"), /blocked/);
  });
  it("offers Retry only when trying again can work", () => {
    assert.equal(canRetry({ code: "network" }), true);
    assert.equal(canRetry({ code: "server" }), true);
    assert.equal(canRetry({ code: "blocked" }), true); // after unblocking
    assert.equal(canRetry({ code: "validation", status: 413 }), false);
    assert.equal(canRetry({ code: "forbidden" }), false);
    assert.equal(canRetry({ code: "not-found" }), false);
  });
});
