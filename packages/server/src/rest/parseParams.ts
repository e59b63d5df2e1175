/** A decoded query string or form body: strings, arrays (`k[]=v`) and nested objects (`k[op]=v`). */
export interface Params {
  [key: string]: ParamValue;
}

/** One value of `Params`. */
type ParamValue = string | ParamValue[] | Params;

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Decodes `a=1&b[gt]=2&c[in][]=3&c[in][]=4&d[]=5` into `{a: "1", b: {gt: "2"}, c: {in: ["3", "4"]}, d: ["5"]}`.
 * Plain keys that repeat keep the last value (as Rails does); `[]` segments collect every value.
 */
export function parseParams(text: string): Params {
  const root: Params = {};
  const source = text.startsWith("?") ? text.slice(1) : text;
  for (const [rawKey, value] of new URLSearchParams(source)) {
    const path = splitKey(rawKey);
    if (path.length === 0 || path.some((part) => FORBIDDEN_KEYS.has(part))) continue;
    assign(root, path, value);
  }
  return root;
}

/** `a[b][]` → `["a", "b", ""]`; a key without brackets is a single segment. */
function splitKey(key: string): string[] {
  const open = key.indexOf("[");
  if (open <= 0 || !key.endsWith("]")) return key === "" ? [] : [key];
  const parts = [key.slice(0, open)];
  const rest = key.slice(open);
  const pattern = /\[([^\]]*)\]/g;
  let consumed = 0;
  for (let match = pattern.exec(rest); match; match = pattern.exec(rest)) {
    if (match.index !== consumed) return [key];
    parts.push(match[1]);
    consumed = match.index + match[0].length;
  }
  return consumed === rest.length ? parts : [key];
}

function assign(target: Params, path: string[], value: string): void {
  const [head, ...rest] = path;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const existing = Object.hasOwn(target, head) ? target[head] : undefined;
  if (rest[0] === "") {
    // `k[]=v` appends; `k[][x]=v` appends an object (rare, but keep it well-formed).
    const list = Array.isArray(existing) ? existing : (target[head] = typeof existing === "string" ? [existing] : []);
    if (rest.length === 1) list.push(value);
    else {
      const child: Params = {};
      list.push(child);
      assign(child, rest.slice(1), value);
    }
    return;
  }
  const child =
    existing !== undefined && typeof existing !== "string" && !Array.isArray(existing) ? existing : (target[head] = {});
  assign(child, rest, value);
}
