import { ChatError } from "../../errors/ChatError.js";
import { err, ok, type Result } from "../../errors/result.js";
import type { Dialog } from "../../model/dialog.js";
import type { Message } from "../../model/message.js";
import type { User } from "../../model/user.js";
import { dialogFromDto } from "./dialogFromDto.js";
import { messageFromDto } from "./messageFromDto.js";
import { isRecord } from "./readDto.js";
import { userFromDto } from "./userFromDto.js";

/** What a global search found. */
export interface SearchResults {
  /** Dialogs whose name matched. */
  dialogs: Dialog[];
  /** Messages whose text matched. */
  messages: Message[];
  /** The users involved (senders, occupants of matched dialogs). */
  users: User[];
  /** One `protocol` error per item that did not map (left out of the lists above). */
  rejected: ChatError[];
}

/**
 * Maps `GET /chat/search.json` (`{results: {dialogs, messages, users}}`, docs/protocol.md §5). A missing list is empty;
 * a body without `results`, or a list that is not an array, gives `{ok: false}`; a bad item lands in `rejected`.
 */
export function searchResultsFromDto(body: unknown): Result<SearchResults> {
  const results = isRecord(body) && isRecord(body.results) ? body.results : null;
  if (results === null)
    return err(new ChatError("protocol", "Malformed search results: no results object", { details: { dto: body } }));
  const rejected: ChatError[] = [];
  const list = <T>(key: string, map: (dto: unknown) => Result<T>): T[] | null => {
    const value = results[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) return null;
    const items: T[] = [];
    for (const dto of value) {
      const mapped = map(dto);
      if (mapped.ok) items.push(mapped.value);
      else rejected.push(mapped.error);
    }
    return items;
  };
  const dialogs = list("dialogs", dialogFromDto);
  const messages = list("messages", messageFromDto);
  const users = list("users", userFromDto);
  if (dialogs === null || messages === null || users === null) {
    return err(
      new ChatError("protocol", "Malformed search results: a result list is not an array", { details: { dto: body } }),
    );
  }
  return ok({ dialogs, messages, users, rejected });
}
