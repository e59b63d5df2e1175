// Shared by the example apps (plain TypeScript): how each delivery state of one's own message looks and reads.
// The five states differ in shape, not only colour (a clock, one tick, two ticks, two ticks in a filled badge, a
// warning sign), and each has words for screen readers.

/** A message's delivery state (core's MessageStatus). */
export type TickStatus = "pending" | "sent" | "delivered" | "read" | "failed";

/** The glyph and the words of each state. */
export const TICKS: Readonly<Record<TickStatus, { icon: string; label: string }>> = {
  pending: { icon: "◷", label: "Sending" },
  sent: { icon: "✓", label: "Sent" },
  delivered: { icon: "✓✓", label: "Delivered" },
  read: { icon: "✓✓", label: "Read" },
  failed: { icon: "⚠︎", label: "Not sent" },
};
