import { randomBytes } from "node:crypto";

let counter = randomBytes(3).readUIntBE(0, 3);
const machine = randomBytes(5).toString("hex");

/** A new 24-hex id in the ObjectId layout: 4 bytes of unix seconds, 5 random bytes, a 3-byte counter. */
export function objectId(now: number = Date.now()): string {
  counter = (counter + 1) % 0xffffff;
  const time = Math.floor(now / 1000)
    .toString(16)
    .padStart(8, "0")
    .slice(-8);
  return time + machine + counter.toString(16).padStart(6, "0");
}

/** True for a 24-character hexadecimal id (any case). */
export function isObjectId(value: unknown): value is string {
  return typeof value === "string" && /^[0-9a-fA-F]{24}$/.test(value);
}

/** A random hex token of `bytes` bytes. */
export function randomToken(bytes = 20): string {
  return randomBytes(bytes).toString("hex");
}
