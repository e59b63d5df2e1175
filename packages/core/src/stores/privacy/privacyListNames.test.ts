import { describe, expect, it } from "@jest/globals";
import { dropList, EMPTY_PRIVACY, loaded, putList, setActiveName } from "./privacyReducer.js";

describe("privacy lists keyed by names the server chose", () => {
  it("a list named constructor, toString or __proto__ is an ordinary list, and a missing one holds no rules", () => {
    const deny = [{ userId: 7, action: "deny" as const, mutual: true }];
    let state = loaded(EMPTY_PRIVACY, { defaultName: "toString", activeName: null, lists: {} });
    expect(state.blocked.size).toBe(0);
    state = putList(state, "constructor", deny);
    state = putList(state, "__proto__", deny);
    state = setActiveName(state, "__proto__");
    expect([...state.blocked]).toEqual([7]);
    expect(Object.keys(state.lists).sort()).toEqual(["__proto__", "constructor"]);
    state = dropList(state, "__proto__");
    expect(state.blocked.size).toBe(0);
    expect(Object.keys(state.lists)).toEqual(["constructor"]);
  });
});
