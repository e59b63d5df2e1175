// Test-only helpers (imported by *.test.ts, never by the library): wire objects as the REST API sends them.

/** A wire user (`GET /users/{id}.json` item). */
export function wireUser(id: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    login: `user${id}`,
    email: null,
    full_name: `User ${id}`,
    created_at: "2023-11-14T22:13:20.000Z",
    updated_at: "2023-11-14T22:13:20.000Z",
    last_request_at: null,
    user_tags: null,
    ...overrides,
  };
}

/** A wire dialog (`/chat/Dialog` item); `id` is a 24-hex id. */
export function wireDialog(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _id: id,
    type: 2,
    name: "Team",
    description: null,
    photo: null,
    user_id: 101,
    occupants_ids: [101, 202],
    admins_ids: [],
    pinned_messages_ids: [],
    last_message: null,
    last_message_id: null,
    last_message_user_id: null,
    last_message_date_sent: null,
    last_message_status: null,
    unread_messages_count: 0,
    xmpp_room_jid: `1_${id}@muc.localhost`,
    created_at: "2023-11-14T22:13:20.000Z",
    updated_at: "2023-11-14T22:13:20.000Z",
    extensions: null,
    permissions: null,
    ...overrides,
  };
}

/** A wire message (`/chat/Message` item) in dialog `dialogId`, sent by 101 at unix second 1 700 000 000. */
export function wireMessage(
  id: string,
  dialogId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    _id: id,
    chat_dialog_id: dialogId,
    message: "hi",
    date_sent: 1_700_000_000,
    sender_id: 101,
    recipient_id: 0,
    read_ids: [101],
    delivered_ids: [101],
    views_count: 0,
    read: 0,
    attachments: [],
    reactions: null,
    created_at: "2023-11-14T22:13:20.000Z",
    updated_at: "2023-11-14T22:13:20.000Z",
    ...overrides,
  };
}

/** A 24-hex id ending in `n` (readable in transcripts). */
export function hexId(n: number): string {
  return n.toString(16).padStart(24, "0");
}
