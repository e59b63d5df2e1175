/**
 * A record without a prototype, for data keyed by strings that come from the wire or the app: `__proto__`,
 * `constructor` or `toString` are then ordinary keys, never inherited members, and writing one cannot change the
 * object's prototype. `from` is copied (own enumerable keys).
 */
export function nullRecord<T>(from?: Readonly<Record<string, T>>): Record<string, T> {
  const record = Object.create(null) as Record<string, T>;
  if (from) for (const key of Object.keys(from)) record[key] = from[key];
  return record;
}
