// Shared by the example apps (plain TypeScript): what a thread header or a contact row says about someone's
// presence. While we are not connected, nobody's presence is known (no green dot, no "online").
import { formatAgo } from "./format";

/** What is known of someone's presence. */
export interface PresenceFacts {
  /** Our own chat connection is online. */
  connected: boolean;
  /** They are online (as last heard). */
  online: boolean | null | undefined;
  /** When they were last seen (ms), if known. */
  lastSeenAt: number | null | undefined;
}

/** The words for someone's presence, or null when there is nothing to say. */
export function presenceText({ connected, online, lastSeenAt }: PresenceFacts): string | null {
  if (!connected) return "presence unknown while you are offline";
  if (online) return "online";
  if (lastSeenAt != null) return `last seen ${formatAgo(lastSeenAt)}`;
  return null;
}

/** The presence dot: true (online), false (offline), or undefined (unknown: no dot). */
export function presenceDot({ connected, online }: PresenceFacts): boolean | undefined {
  return connected ? Boolean(online) : undefined;
}

/** The other person of a private dialog (DialogType.PRIVATE = 3), or null. */
export function peerOf(dialog: { type: number; occupantIds: readonly number[] }, me: number): number | null {
  return dialog.type === 3 ? (dialog.occupantIds.find((id) => id !== me) ?? null) : null;
}
