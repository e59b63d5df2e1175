import type { Readable, ReadableSource } from "../../reactive/readable.js";
import { readableOf } from "../../reactive/readableOf.js";
import { select } from "../../reactive/select.js";
import { selectByKey } from "../../reactive/selectByKey.js";
import type { PrivacyState } from "./privacyReducer.js";

/** The block list of `client.privacy`, whole and per user. */
export interface BlockedSelectors {
  /** The ids of the users the list in force denies. */
  blockList: Readable<ReadonlySet<number>>;
  /** Whether a user is blocked (false for no user); the same Readable per user. */
  isBlocked(userId: number | null | undefined): Readable<boolean>;
}

const NOT_BLOCKED: Readable<boolean> = readableOf(false);

/** The block-list selectors over the privacy state. */
export function selectBlocked(privacy: ReadableSource<PrivacyState>): BlockedSelectors {
  const blockList = select(privacy, (state) => state.blocked);
  const isBlocked = selectByKey(blockList, (blocked, userId: number) => blocked.has(userId));
  return { blockList, isBlocked: (userId) => (userId == null ? NOT_BLOCKED : isBlocked(userId)) };
}
