/** Dialog types as this project numbers them (docs/protocol.md §17): the SDK 6 enum. */
export const DialogType = { PUBLIC: 1, GROUP: 2, PRIVATE: 3, BROADCAST: 4 } as const;
/** One of the numeric dialog types. */
export type DialogTypeValue = (typeof DialogType)[keyof typeof DialogType];

/** A user as stored; `password` never leaves the server. */
export interface UserRecord {
  id: number;
  login: string | null;
  email: string | null;
  password: string;
  full_name: string | null;
  phone: string | null;
  website: string | null;
  external_user_id: number | null;
  external_id: string | null;
  facebook_id: string | null;
  twitter_id: string | null;
  custom_data: string | null;
  blob_id: number | null;
  avatar: string | null;
  user_tags: string | null;
  timezone: number | null;
  is_guest: boolean;
  created_at: number;
  updated_at: number;
  last_request_at: number | null;
}

/** A REST session. `user_id` is 0 for an application session. */
export interface SessionRecord {
  id: number;
  token: string;
  application_id: number;
  user_id: number;
  nonce: number;
  ts: number;
  created_at: number;
  updated_at: number;
  /** Milliseconds since the epoch after which the token is no longer accepted. */
  expires_at: number;
}

/** A chat dialog as stored. Times are milliseconds since the epoch. */
export interface DialogRecord {
  _id: string;
  type: DialogTypeValue;
  name: string | null;
  description: string | null;
  photo: string | null;
  user_id: number;
  occupants_ids: number[];
  admins_ids: number[];
  pinned_messages_ids: string[];
  extensions: Record<string, string> | null;
  permissions: { allow_preview: boolean } | null;
  created_at: number;
  updated_at: number;
  last_message: string | null;
  last_message_id: string | null;
  last_message_user_id: number | null;
  last_message_date_sent: number | null;
  /** Users who deleted the dialog for themselves (private dialogs come back on the next message). */
  hidden_for: number[];
  /** Users who turned notifications off for this dialog. */
  notifications_off: number[];
}

/** One attachment of a message; every value is a string as on the XMPP wire, but `size` may be a number. */
export type Attachment = Record<string, string | number>;

/** A chat message as stored. `date_sent` is unix seconds; other times are milliseconds. */
export interface MessageRecord {
  _id: string;
  /**
   * Arrival order at the server (1, 2, 3…; never on the wire). `date_sent` has one-second resolution, so history
   * breaks its ties by arrival rather than by `_id`, whose low bits are random.
   */
  seq: number;
  chat_dialog_id: string;
  message: string | null;
  date_sent: number;
  sender_id: number;
  recipient_id: number;
  read_ids: number[];
  delivered_ids: number[];
  views_count: number;
  attachments: Attachment[];
  /** emoji → ids of the users who reacted with it. */
  reactions: Record<string, number[]>;
  /** Custom parameters, saved from extraParams or REST body keys, as top-level string keys on the wire. */
  custom: Record<string, string>;
  /** Users who deleted this message for themselves only. */
  deleted_for: number[];
  created_at: number;
  updated_at: number;
}

/** A stored file (blob). */
export interface BlobRecord {
  id: number;
  uid: string;
  name: string;
  content_type: string;
  size: number | null;
  public: boolean;
  owner_id: number;
  completed: boolean;
  created_at: number;
  updated_at: number;
}

/** One XEP-0016 privacy list item. */
export interface PrivacyItem {
  type: "jid" | "group" | "subscription" | null;
  value: string | null;
  action: "allow" | "deny";
  order: number;
  /** Empty = the item covers everything. */
  kinds: Array<"message" | "presence-in" | "presence-out" | "iq">;
}

/** A user's privacy lists and default list name. */
export interface PrivacyRecord {
  lists: Record<string, PrivacyItem[]>;
  defaultName: string | null;
}

/** A roster (contact list) entry of one user about another. */
export interface RosterItem {
  userId: number;
  name: string | null;
  subscription: "none" | "to" | "from" | "both";
  /** A subscription request this user sent and the contact has not answered. */
  ask: boolean;
}

/** A push notification the server would have sent (recorded for `/_dev/pushes`). */
export interface PushRecord {
  id: number;
  user_id: number;
  dialog_id: string;
  message_id: string;
  sender_id: number;
  body: string | null;
  created_at: number;
  /** The push subscriptions of the user when the alert was recorded: where it would have gone. */
  subscriptions?: SubscriptionSummary[];
}

/** What an alert shows of a subscription it would have reached. */
export interface SubscriptionSummary {
  id: number;
  notification_channel: string;
  platform: string;
  udid: string;
}

/** Who may do one thing with a custom object: `open`, `owner`, `not_allowed`, or listed users / user tags. */
export interface CustomObjectPermission {
  access: "open" | "owner" | "not_allowed" | "open_for_users_ids" | "open_for_groups";
  /** For `open_for_users_ids`. */
  user_ids?: number[];
  /** User tags, for `open_for_groups`. */
  user_groups?: string[];
}

/** A record of a Custom Objects class. Times are unix seconds as the service sends them. */
export interface CustomObjectRecord {
  _id: string;
  class_name: string;
  _parent_id: string | null;
  user_id: number;
  created_at: number;
  updated_at: number;
  /** The record's own fields, JSON values as the client sent them. */
  fields: Record<string, unknown>;
  permissions: { read: CustomObjectPermission; update: CustomObjectPermission; delete: CustomObjectPermission };
}

/** A device's push subscription. It is recorded only: no push ever leaves the machine. */
export interface SubscriptionRecord {
  id: number;
  user_id: number;
  /** `apns`, `apns_voip`, `gcm` or `web`. */
  notification_channel: string;
  udid: string;
  /** `ios`, `android` or `web`. */
  platform: string;
  environment: string;
  /** The push token fields as sent (`client_identification_sequence`, or `web_endpoint`, `web_auth`, `web_p256dh`). */
  push_token: Record<string, string>;
  created_at: number;
}
