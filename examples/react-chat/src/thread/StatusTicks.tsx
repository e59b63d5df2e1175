import type { MessageStatus } from "@chatcube/react";

const TICKS: Record<MessageStatus, { icon: string; label: string }> = {
  pending: { icon: "◷", label: "Pending" },
  sent: { icon: "✓", label: "Sent" },
  delivered: { icon: "✓✓", label: "Delivered" },
  read: { icon: "✓✓", label: "Read" },
  failed: { icon: "!", label: "Failed" },
};

/** The delivery state of one's own message: a clock, one tick, two ticks, two blue ticks, or a warning. */
export function StatusTicks({ status }: { status: MessageStatus }) {
  const { icon, label } = TICKS[status];
  return (
    <span
      className={`ticks ticks-${status}`}
      title={label}
      aria-label={label}
      data-testid="status"
      data-status={status}
    >
      {icon}
    </span>
  );
}
