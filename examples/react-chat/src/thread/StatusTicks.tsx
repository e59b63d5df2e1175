import type { MessageStatus } from "@chatcube/react";
import { TICKS } from "../../../shared/ticks";

/** The delivery state of one's own message: a clock, one tick, two ticks, two ticks on a badge, or a warning. */
export function StatusTicks({ status }: { status: MessageStatus }) {
  const { icon, label } = TICKS[status];
  return (
    <span className={`ticks ticks-${status}`} title={label} data-testid="status" data-status={status}>
      <span className="ticks-icon" aria-hidden="true">
        {icon}
      </span>
      <span className="sr-only">{label}</span>
    </span>
  );
}
