import { ChatError } from "../../errors/ChatError.js";
import type { Message } from "../../model/message.js";
import type { OutboxEntry } from "../../model/outboxEntry.js";
import type { MessageRecord, OutboxRecord } from "./schema.js";

/** A message in the form IndexedDB can clone: its ChatError as `toJSON()`. */
export function messageToRecord(message: Message): MessageRecord {
  if (!message.error) return message;
  return { ...message, error: message.error.toJSON() };
}

/** A message read back: its error becomes a ChatError again (`ChatError.fromJSON`). */
export function messageFromRecord(record: MessageRecord): Message {
  if (!record.error) return record as Message;
  return { ...record, error: ChatError.fromJSON(record.error) };
}

/** An outbox entry in the form IndexedDB can clone. */
export function outboxToRecord(entry: OutboxEntry): OutboxRecord {
  return { ...entry, lastError: entry.lastError ? entry.lastError.toJSON() : null } as OutboxRecord;
}

/** An outbox entry read back, its last error a ChatError again. */
export function outboxFromRecord(record: OutboxRecord): OutboxEntry {
  return { ...record, lastError: record.lastError ? ChatError.fromJSON(record.lastError) : null } as OutboxEntry;
}

/** True for the error a browser raises when the origin's storage quota is exhausted. */
export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  const code = (error as { code?: unknown } | null)?.code;
  return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || code === 22;
}

/** A short human-readable reason from anything thrown by IndexedDB. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
