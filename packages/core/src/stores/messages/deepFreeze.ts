/** Freezes a value and everything under it that is not frozen yet (what is frozen already is not walked again). */
export function deepFreeze<T>(value: T): T {
  if (needsFreezing(value)) freezeTree(value);
  return value;
}

function needsFreezing(value: unknown): value is object {
  return value !== null && typeof value === "object" && !Object.isFrozen(value);
}

/**
 * Runs once per incoming message (a message is about eight small objects and arrays): it walks own enumerable
 * properties without building a list of them per object (as `Object.values` would) and calls itself only for
 * objects, not for each number or string.
 */
function freezeTree(value: object): void {
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const child: unknown = value[i];
      if (needsFreezing(child)) freezeTree(child);
    }
    return;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const child: unknown = (value as Record<string, unknown>)[key];
    if (needsFreezing(child)) freezeTree(child);
  }
}
