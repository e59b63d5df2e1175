/** A value `encodeQuery` can encode. `null`/`undefined` leave the key out. */
type QueryValue = string | number | boolean | null | undefined | readonly QueryValue[] | QueryParams;

/** Query parameters: nested objects are operators (`{updated_at: {gt: 1700000000}}`). */
export interface QueryParams {
  readonly [key: string]: QueryValue;
}

/** Options of `encodeQuery`. */
export interface EncodeQueryOptions {
  /**
   * How arrays below the top level are written: `comma` (default) sorts and comma-joins them
   * (`type[in]=2%2C3`); `brackets` repeats them (`id[in][]=202&id[in][]=303`, users v2 only).
   */
  arrays?: "comma" | "brackets";
}

/**
 * Encodes parameters the way the ConnectyCube SDK does (docs/protocol.md §2): keys sorted at every level, nested
 * objects as brackets (`a[b]=c`), arrays inside an operator sorted and comma-joined, top-level arrays as `k[]=v`,
 * values URI-encoded, bracket characters in keys left as they are. Returns the string without a leading `?`. Also used
 * for DELETE's form body.
 */
export function encodeQuery(params: QueryParams, options: EncodeQueryOptions = {}): string {
  const arrays = options.arrays ?? "comma";
  const pairs: string[] = [];

  const walk = (key: string, value: QueryValue, depth: number): void => {
    if (value === null || value === undefined) return;
    if (isArray(value)) {
      if (depth === 0 || arrays === "brackets") {
        for (const item of value) walk(`${key}[]`, item, depth + 1);
      } else {
        const items = value
          .filter((item) => item !== null && item !== undefined)
          .map(String)
          .sort();
        pairs.push(`${encodeKey(key)}=${encodeURIComponent(items.join(","))}`);
      }
      return;
    }
    if (typeof value === "object") {
      for (const name of Object.keys(value).sort()) walk(`${key}[${name}]`, value[name], depth + 1);
      return;
    }
    pairs.push(`${encodeKey(key)}=${encodeURIComponent(String(value))}`);
  };

  for (const name of Object.keys(params).sort()) walk(name, params[name], 0);
  return pairs.join("&");
}

function isArray(value: QueryValue): value is readonly QueryValue[] {
  return Array.isArray(value);
}

/** URI-encodes each key segment, keeping `[` and `]`. */
function encodeKey(key: string): string {
  return key.replace(/[^[\]]+/g, (segment) => encodeURIComponent(segment));
}
