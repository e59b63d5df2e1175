import type { PrivacyRule } from "../model/privacyRule.js";
import type { Readable } from "../reactive/readable.js";
import type { PrivacyState } from "../stores/privacy/privacyReducer.js";
import type { BlockedSelectors } from "../stores/privacy/selectBlocked.js";

/** The list names the server holds. */
export interface PrivacyListNames {
  /** The list active for this session, or null. */
  active: string | null;
  /** The default list, or null. */
  default: string | null;
  /** Every list. */
  names: string[];
}

/** `client.privacy`: the privacy (block) lists, live, and the commands that change them. */
export interface PrivacyApi extends Readable<PrivacyState>, BlockedSelectors {
  /** Reads the names and every list from the server (done by itself on each fresh connect). */
  refresh(): Promise<PrivacyState>;
  /** The list names (active, default, all). */
  names(): Promise<PrivacyListNames>;
  /** Reads one list; rejects `not-found` when there is none of that name. */
  getList(name: string): Promise<PrivacyRule[]>;
  /** Creates or replaces a list (declining it as the default first and making it default again, as the docs ask). */
  setList(name: string, rules: readonly PrivacyRule[]): Promise<void>;
  /** Makes a list the default: in force whenever no list is active. */
  setDefault(name: string): Promise<void>;
  /** Declines the default list: none is in force by default. */
  declineDefault(): Promise<void>;
  /** Makes a list active for this session (null: none). */
  setActive(name: string | null): Promise<void>;
  /** Deletes a list; the server refuses (`conflict`) while it is the default: decline it first. */
  deleteList(name: string): Promise<void>;
  /** Blocks a user in the list in force (else `DEFAULT`, made default): `mutual` (default true) blocks both ways. */
  block(userId: number, options?: { mutual?: boolean }): Promise<void>;
  /** Unblocks a user (a list left empty is declined and deleted). */
  unblock(userId: number): Promise<void>;
}
