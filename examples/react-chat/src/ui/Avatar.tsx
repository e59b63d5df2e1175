import { avatarColor, initialsOf } from "../../../shared/avatar";

/** A round avatar with initials, coloured by name; `online` adds a presence dot. */
export function Avatar({ name, online }: { name: string; online?: boolean }) {
  return (
    <span className="avatar" style={{ background: avatarColor(name) }} aria-hidden="true">
      {initialsOf(name)}
      {online !== undefined && <span className={`presence ${online ? "on" : "off"}`} />}
    </span>
  );
}
