/** Compares two values by reference (`Object.is`). The default equality of `select`. */
export function referenceEqual<T>(a: T, b: T): boolean {
  return Object.is(a, b);
}

/**
 * True when `a` and `b` are the same value, or arrays of the same length whose items are `Object.is`-equal, or plain
 * objects with the same own keys whose values are `Object.is`-equal. Use it as `select`'s `isEqual` when a selector
 * builds a new array or object from unchanged parts.
 */
export function shallowEqual<T>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => Object.is(item, b[index]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((key) => Object.hasOwn(b, key) && Object.is(a[key], b[key]));
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
