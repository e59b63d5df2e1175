/** A ConnectyCube user as the app shows it. Times are milliseconds since the epoch. */
export interface User {
  /** Numeric user id. */
  id: number;
  /** Login name, if the user has one. */
  login: string | null;
  /** Email, if visible. */
  email: string | null;
  /** Display name. */
  fullName: string | null;
  /** Phone number. */
  phone: string | null;
  /** Website URL. */
  website: string | null;
  /** Avatar URL or blob uid. */
  avatar: string | null;
  /** App-defined data (a string on the wire, often JSON). */
  customData: string | null;
  /** Tags (`user_tags`, comma-separated on the wire). */
  tags: string[];
  /** The app's own id for this user. */
  externalId: string | null;
  /** Timezone offset as reported. */
  timezone: number | null;
  /** True for a guest session user. */
  isGuest: boolean;
  /** Creation time (ms). */
  createdAt: number | null;
  /** Last change time (ms). */
  updatedAt: number | null;
  /** Last REST request time (ms), a coarse "last seen". */
  lastRequestAt: number | null;
}
