/**
 * Client-generated ids in the MongoDB ObjectId layout (24 hex digits): 4 bytes of unix seconds, 5 random bytes
 * chosen once per process, a 3-byte counter starting at a random value. Messages get their id from the client so a
 * resend from the outbox is idempotent (docs/protocol.md §17). Nothing random is drawn at import time.
 */
let processBytes: string | null = null;
let counter = -1;
/** The time and process part of the last id, reused within the same second. */
let lastSeconds = -1;
let secondsPrefix = "";

/** A new 24-hex id; `nowMs` (default `Date.now()`) sets its time part. */
export function objectId(nowMs: number = Date.now()): string {
  if (processBytes === null) {
    const random = randomBytes(8);
    processBytes = hex(random.subarray(0, 5));
    counter = (random[5] << 16) | (random[6] << 8) | random[7];
  }
  counter = (counter + 1) % 0x1000000;
  const seconds = Math.max(0, Math.floor(nowMs / 1000)) % 0x100000000;
  if (seconds !== lastSeconds) {
    lastSeconds = seconds;
    secondsPrefix = seconds.toString(16).padStart(8, "0") + processBytes; // the same for every id of that second
  }
  return secondsPrefix + counter.toString(16).padStart(6, "0");
}

/** True for a 24-character hexadecimal string (any case). */
export function isObjectId(value: unknown): value is string {
  return typeof value === "string" && /^[0-9a-fA-F]{24}$/.test(value);
}

/**
 * A 24-hex id in lower case, anything else unchanged. ConnectyCube's REST writes ids in lower case and a client may
 * send them in upper case, so core lower-cases every id where it enters: one message has one key, whatever path
 * brought it.
 */
export function normalizeId(value: string): string {
  return isObjectId(value) ? value.toLowerCase() : value;
}

/** True for a user id: a positive safe integer. */
export function isUserId(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0;
}

/** The user id written in decimal digits (`"42"`), or null for anything else (`"0"`, `"1e3"`, too large…). */
export function userIdFromText(text: string): number | null {
  if (!/^\d{1,16}$/.test(text)) return null;
  const id = Number(text);
  return isUserId(id) ? id : null;
}

/** The creation time (ms, whole seconds) encoded in an ObjectId, or null for anything else. */
export function objectIdTime(id: string): number | null {
  return isObjectId(id) ? Number.parseInt(id.slice(0, 8), 16) * 1000 : null;
}

function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  const crypto = globalThis.crypto;
  if (crypto && typeof crypto.getRandomValues === "function") crypto.getRandomValues(bytes);
  else for (let i = 0; i < length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return bytes;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
