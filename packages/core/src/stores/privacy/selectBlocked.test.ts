import { describe, expect, it } from "@jest/globals";
import { createStore } from "../../reactive/createStore.js";
import { selectPresence } from "../contacts/selectPresence.js";
import { EMPTY_PRIVACY, type PrivacyState } from "./privacyReducer.js";
import { selectBlocked } from "./selectBlocked.js";

describe("block list and presence selectors", () => {
  it("isBlocked(id) follows the block list (false for no user); blockList is the set itself", () => {
    const store = createStore<PrivacyState>(EMPTY_PRIVACY);
    const { blockList, isBlocked } = selectBlocked(store);
    const seen: boolean[] = [];
    const stop = isBlocked(2).subscribe((blocked) => seen.push(blocked));
    store.set({ ...store.get(), blocked: new Set([3]) });
    store.set({ ...store.get(), blocked: new Set([2, 3]) });
    stop();
    expect(seen).toEqual([false, true]);
    expect(isBlocked(2)).toBe(isBlocked(2));
    expect(isBlocked(null).get()).toBe(false);
    expect([...blockList.get()]).toEqual([2, 3]);
  });

  it("presenceOf(id) is a contact's presence, undefined for a stranger or no user", () => {
    const online = { online: true, show: null, status: null };
    const contacts = createStore([
      { userId: 2, name: null, subscription: "both" as const, pending: false, presence: online },
    ]);
    const presenceOf = selectPresence(contacts);
    expect(presenceOf(2).get()).toEqual(online);
    expect(presenceOf(2)).toBe(presenceOf(2));
    expect(presenceOf(3).get()).toBeUndefined();
    expect(presenceOf(undefined).get()).toBeUndefined();
  });
});
