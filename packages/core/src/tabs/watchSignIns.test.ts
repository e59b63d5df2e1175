import { createFakeBus } from "@chatcube/test-utils/core/fakeTabEnvironment.js";
import { describe, expect, it } from "@jest/globals";
import { watchSignIns } from "./watchSignIns.js";

const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe("watchSignIns", () => {
  it("the tabs of another user hear a sign-in and leave; the same user's and a stray message do not count", async () => {
    const bus = createFakeBus();
    const heard: string[] = [];
    const annOne = watchSignIns(bus.port(), 1, () => heard.push("ann 1"));
    watchSignIns(bus.port(), 1, () => heard.push("ann 2")); // another of ann's tabs signing in: nothing to do
    await settle();
    expect(heard).toEqual([]);
    bus.port().postMessage({ kind: "signed-in", userId: "2" }); // not a sign-in
    await settle();
    expect(heard).toEqual([]);
    watchSignIns(bus.port(), 2, () => heard.push("ben"));
    await settle();
    expect(heard.sort()).toEqual(["ann 1", "ann 2"]);
    annOne(); // left: hears nothing more
    watchSignIns(bus.port(), 3, () => {});
    await settle();
    expect(heard.sort()).toEqual(["ann 1", "ann 2", "ann 2", "ben"]);
  });
});
