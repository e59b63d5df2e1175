// Shared by the example apps (plain TypeScript): times, days and sizes in the browser's own locale, through Intl,
// so a 24-hour locale reads "16:07" and a 12-hour one "4:07 PM".

const DAY = 24 * 3600_000;
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const weekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: "short" });
const dateFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" });
const fullDateFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" });
const longDayFormat = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long" });

const startOfDay = (ms: number) => new Date(ms).setHours(0, 0, 0, 0);

/** The time of day of a message: `16:07` (or `4:07 PM`, as the locale writes it). */
export function formatClock(ms: number): string {
  return timeFormat.format(ms);
}

/** A list row's time: the time today, the weekday this week, else the date (with the year when not this year). */
export function formatListTime(ms: number, now: number = Date.now()): string {
  const days = (startOfDay(now) - startOfDay(ms)) / DAY;
  if (days <= 0) return timeFormat.format(ms);
  if (days < 6) return weekdayFormat.format(ms);
  return new Date(ms).getFullYear() === new Date(now).getFullYear() ? dateFormat.format(ms) : fullDateFormat.format(ms);
}

/** A message's full date and time, for its tooltip. */
export function formatFull(ms: number): string {
  return `${fullDateFormat.format(ms)} ${timeFormat.format(ms)}`;
}

/** The label of a day separator in a thread: Today, Yesterday, a weekday with the date, or a date with the year. */
export function formatDay(ms: number, now: number = Date.now()): string {
  const days = Math.round((startOfDay(now) - startOfDay(ms)) / DAY);
  if (days === 0) return "Today";
  if (days === 1) return "Yesterday";
  if (new Date(ms).getFullYear() === new Date(now).getFullYear()) return longDayFormat.format(ms);
  return fullDateFormat.format(ms);
}

/** "5 min ago" style text for a time in the past. */
export function formatAgo(ms: number, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  if (seconds < 60) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return formatListTime(ms, now);
}

/** A file size: `512 B`, `38 KB`, `4.2 MB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
