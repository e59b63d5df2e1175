import { nullRecord } from "../../model/nullRecord.js";
import type { PrivacyRule } from "../../model/privacyRule.js";
import type { PrivacyState } from "./privacyState.js";

export { EMPTY_PRIVACY, type PrivacyState } from "./privacyState.js";

/** The name of the list in force: the active one, else the default, or null. */
export function listInForce(state: Pick<PrivacyState, "activeName" | "defaultName">): string | null {
  return state.activeName ?? state.defaultName;
}

/** Recomputes `blocked` from the list in force; keeps the same Set when its members did not change. */
function withBlocked(state: PrivacyState): PrivacyState {
  const name = listInForce(state);
  const rules = name ? (state.lists[name] ?? []) : [];
  const denied = rules.filter((rule) => rule.action === "deny").map((rule) => rule.userId);
  const same = denied.length === state.blocked.size && denied.every((id) => state.blocked.has(id));
  return same ? state : { ...state, blocked: new Set(denied) };
}

/** Stores a list's rules (created, replaced or fetched). */
export function putList(state: PrivacyState, name: string, rules: readonly PrivacyRule[]): PrivacyState {
  const lists = nullRecord(state.lists);
  lists[name] = [...rules];
  return withBlocked({ ...state, lists });
}

/** Forgets a list (deleted); it stops being default or active. */
export function dropList(state: PrivacyState, name: string): PrivacyState {
  const lists = nullRecord(state.lists);
  delete lists[name];
  return withBlocked({
    ...state,
    lists,
    defaultName: state.defaultName === name ? null : state.defaultName,
    activeName: state.activeName === name ? null : state.activeName,
  });
}

/** Sets (or, with null, declines) the default list. */
export function setDefaultName(state: PrivacyState, name: string | null): PrivacyState {
  return state.defaultName === name ? state : withBlocked({ ...state, defaultName: name });
}

/** Sets (or, with null, clears) the active list. */
export function setActiveName(state: PrivacyState, name: string | null): PrivacyState {
  return state.activeName === name ? state : withBlocked({ ...state, activeName: name });
}

/** Replaces everything with what the server holds: names and the lists read. */
export function loaded(
  state: PrivacyState,
  input: { defaultName: string | null; activeName: string | null; lists: Record<string, readonly PrivacyRule[]> },
): PrivacyState {
  return withBlocked({
    ...state,
    lists: nullRecord(input.lists),
    defaultName: input.defaultName,
    activeName: input.activeName,
    loaded: true,
  });
}

/** Rules with `userId` denied (replacing any earlier rule about them), first in order so it wins. */
export function withDeny(rules: readonly PrivacyRule[], userId: number, mutual: boolean): PrivacyRule[] {
  return [{ userId, action: "deny", mutual }, ...rules.filter((rule) => rule.userId !== userId)];
}

/** Rules without any rule about `userId` (an update is "allow = remove", docs/protocol.md §11). */
export function without(rules: readonly PrivacyRule[], userId: number): PrivacyRule[] {
  return rules.filter((rule) => rule.userId !== userId);
}
