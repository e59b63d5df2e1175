import { describe, expect, it } from "@jest/globals";
import {
  dropList,
  EMPTY_PRIVACY,
  loaded,
  putList,
  setActiveName,
  setDefaultName,
  withDeny,
  without,
} from "./privacyReducer.js";

describe("privacy reducer", () => {
  it("blocked follows the list in force: the active one, else the default", () => {
    let s = loaded(EMPTY_PRIVACY, {
      defaultName: "DEFAULT",
      activeName: null,
      lists: {
        DEFAULT: [{ userId: 2, action: "deny", mutual: true }],
        work: [{ userId: 3, action: "deny", mutual: false }],
      },
    });
    expect([...s.blocked]).toEqual([2]);
    s = setActiveName(s, "work");
    expect([...s.blocked]).toEqual([3]);
    s = setActiveName(s, null);
    const same = s.blocked;
    s = putList(s, "work", []);
    expect(s.blocked).toBe(same); // unchanged members keep the same Set
    s = setDefaultName(s, null);
    expect(s.blocked.size).toBe(0);
    s = putList(setDefaultName(s, "DEFAULT"), "DEFAULT", withDeny(s.lists.DEFAULT, 5, false));
    expect([...s.blocked].sort()).toEqual([2, 5]);
    expect(s.lists.DEFAULT[0]).toEqual({ userId: 5, action: "deny", mutual: false });
    s = putList(s, "DEFAULT", without(s.lists.DEFAULT, 2));
    expect([...s.blocked]).toEqual([5]);
    s = dropList(s, "DEFAULT");
    expect(s).toMatchObject({ defaultName: null, lists: { work: [] } });
    expect(s.blocked.size).toBe(0);
  });
});
