import { describe, expect, it } from "@jest/globals";
import { DialogType, isDialogType } from "./dialog.js";

describe("DialogType", () => {
  it("numbers types as docs/protocol.md §17 decides: 1 public, 2 group, 3 private, 4 broadcast", () => {
    expect(DialogType).toEqual({ PUBLIC: 1, GROUP: 2, PRIVATE: 3, BROADCAST: 4 });
  });

  it("isDialogType accepts exactly those numbers", () => {
    expect([1, 2, 3, 4].every(isDialogType)).toBe(true);
    expect([0, 5, "2", null].some(isDialogType)).toBe(false);
  });
});
