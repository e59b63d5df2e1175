/** One user's rule in a privacy list: deny (block) or allow, both ways (`mutual`) or only what reaches you. */
export interface PrivacyRule {
  /** The user the rule is about. */
  userId: number;
  /** `deny` blocks, `allow` lets through (and overrides a later deny). */
  action: "deny" | "allow";
  /** True: everything both ways (you can't write to them either). False: only what they send you. */
  mutual: boolean;
}
