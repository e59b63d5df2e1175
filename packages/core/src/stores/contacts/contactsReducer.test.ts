import { describe, expect, it } from "@jest/globals";
import {
  addRequest,
  applyRosterPush,
  clearPresence,
  contactsOf,
  EMPTY_CONTACTS,
  removeRequest,
  setPresence,
  setRoster,
} from "./contactsReducer.js";

describe("contacts reducer", () => {
  it("roster reads and pushes; availability per device; named contacts first", () => {
    let s = setRoster(EMPTY_CONTACTS, [
      { userId: 3, name: null, subscription: "both", ask: false },
      { userId: 2, name: "Zed", subscription: "to", ask: false },
      { userId: 1, name: "Amy", subscription: "none", ask: true },
    ]);
    expect(contactsOf(s).list.map((c) => c.userId)).toEqual([1, 2, 3]);
    s = setPresence(s, 2, "phone", { show: "dnd", status: "busy" });
    s = setPresence(s, 2, "web", { show: null, status: null });
    s = setPresence(s, 2, "phone", null);
    expect(contactsOf(s).list[1].presence).toEqual({ online: true, show: null, status: null });
    s = setPresence(s, 2, null, null); // a bare unavailable: every device
    expect(contactsOf(s).list[1].presence.online).toBe(false);
    expect(setPresence(s, 9, null, null)).toBe(s);
    s = applyRosterPush(s, [
      { userId: 1, name: "Amy", subscription: "remove", ask: false },
      { userId: 4, name: null, subscription: "from", ask: false },
    ]);
    expect(contactsOf(s).list.map((c) => [c.userId, c.subscription])).toEqual([
      [2, "to"],
      [3, "both"],
      [4, "from"],
    ]);
    expect(clearPresence(s)).toBe(s);
    s = setPresence(s, 3, "web", { show: null, status: null });
    s = applyRosterPush(s, [{ userId: 3, name: null, subscription: "from", ask: false }]); // no longer sees their presence
    expect(s.presence).toEqual({});
  });

  it("requests: once per user, removable", () => {
    let s = addRequest(EMPTY_CONTACTS, { userId: 5, at: 1 });
    expect(addRequest(s, { userId: 5, at: 2 })).toBe(s);
    s = removeRequest(s, 5);
    expect(s.requests).toEqual([]);
  });
});
