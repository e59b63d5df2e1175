import { ChatError } from "../../errors/ChatError.js";
import { err, ok, type Result } from "../../errors/result.js";
import { isRecord } from "./readDto.js";

/** One page of a REST list. */
export interface Page<T> {
  /** The items that mapped cleanly, in server order. */
  items: T[];
  /** Offset of this page. */
  skip: number;
  /** Page size asked for. */
  limit: number;
  /** Total matching items, when the endpoint reports it (dialogs, users v2); null for messages. */
  total: number | null;
  /** One `protocol` error per item that did not map: reported, not thrown, and not in `items`. */
  rejected: ChatError[];
}

/**
 * Maps a list envelope (`{total_entries?, skip, limit, items}`, docs/protocol.md §2) with `mapItem`. A body that is not
 * such an envelope gives `{ok: false}`; a bad item lands in `rejected` and the rest of the page is kept, as does
 * a repeat of an item's `id` in the page (the first one is kept). `skip`, `limit` and `total_entries` are taken only
 * as non-negative integers.
 */
export function pageFromDto<T>(body: unknown, mapItem: (dto: unknown) => Result<T>): Result<Page<T>> {
  if (!isRecord(body) || !Array.isArray(body.items)) {
    return err(new ChatError("protocol", "Malformed list: no items array", { details: { dto: body } }));
  }
  const items: T[] = [];
  const rejected: ChatError[] = [];
  const seen = new Set<unknown>();
  for (const item of body.items) {
    const result = mapItem(item);
    if (!result.ok) {
      rejected.push(result.error);
      continue;
    }
    const id = idOf(result.value);
    if (id !== undefined && seen.has(id)) {
      const details = { dto: item };
      rejected.push(new ChatError("protocol", `Malformed list: ${String(id)} appears twice`, { details }));
      continue;
    }
    seen.add(id);
    items.push(result.value);
  }
  return ok({
    items,
    skip: toInt(body.skip) ?? 0,
    limit: toInt(body.limit) ?? body.items.length,
    total: toInt(body.total_entries),
    rejected,
  });
}

/** True when another page follows (`skip + items < total`, or a full page when no total is reported). */
export function hasNextPage(page: Pick<Page<unknown>, "skip" | "limit" | "total" | "items" | "rejected">): boolean {
  const received = page.items.length + page.rejected.length;
  if (received === 0) return false;
  if (page.total !== null) return page.skip + received < page.total;
  return received >= page.limit && received > 0;
}

function toInt(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && value !== "" ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/** The `id` of a mapped item (dialogs, messages, users), if it has one. */
function idOf(item: unknown): unknown {
  return typeof item === "object" && item !== null && "id" in item ? (item as { id: unknown }).id : undefined;
}
