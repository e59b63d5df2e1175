import { nullRecord } from "../../model/nullRecord.js";
import type { PrivacyRule } from "../../model/privacyRule.js";

/** The privacy lists of the current user (XEP-0016, docs/protocol.md §11), as `client.privacy` holds them. */
export interface PrivacyState {
  /** Lists fetched from the server, by name: their user rules in order. */
  readonly lists: Readonly<Record<string, readonly PrivacyRule[]>>;
  /** The default list (in force whenever no list is active), or null. */
  readonly defaultName: string | null;
  /** The list made active for this session, or null. */
  readonly activeName: string | null;
  /** Users the list in force (active, else default) denies: their messages, presence and last activity. */
  readonly blocked: ReadonlySet<number>;
  /** True once the lists were read from the server. */
  readonly loaded: boolean;
}

/** Nothing known yet. */
export const EMPTY_PRIVACY: PrivacyState = {
  lists: nullRecord(),
  defaultName: null,
  activeName: null,
  blocked: new Set(),
  loaded: false,
};
