import { describe, expect, it } from "@jest/globals";
import { createTypingInput } from "./createTypingInput.js";

const recorder = () => {
  const calls: string[] = [];
  return {
    calls,
    typing: {
      start: (id: string) => void calls.push(`start ${id}`),
      stop: (id: string) => void calls.push(`stop ${id}`),
    },
  };
};

describe("createTypingInput (the one typing policy of the bindings)", () => {
  it("starts on every change, stops when emptied or on stop(), and only where it started", () => {
    const { calls, typing } = recorder();
    const input = createTypingInput(typing);
    input.stop(); // nothing typed yet: nothing to stop
    input.change("A", "h");
    input.change("A", "he");
    input.change("A", "");
    input.change("A", ""); // already stopped
    input.change("A", "hey");
    input.stop();
    input.stop();
    expect(calls).toEqual(["start A", "start A", "stop A", "start A", "stop A"]);
  });

  it("a change in another dialog stops the first; no dialog types nowhere; an unknown text counts as typing", () => {
    const { calls, typing } = recorder();
    const input = createTypingInput(typing);
    input.change("A", "x");
    input.change("B", undefined);
    input.change(null, "y");
    input.change(undefined, "z");
    input.change("B");
    expect(calls).toEqual(["start A", "stop A", "start B", "stop B", "start B"]);
  });
});
