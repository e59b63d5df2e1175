import { describe, expect, it } from "@jest/globals";
import { backoffDelay, createBackoff } from "./createBackoff.js";

const middle = () => 0.5; // no jitter: 1 - j + 2j * 0.5 = 1
const options = { initialMs: 100, maxMs: 1000, factor: 2, jitter: 0.5 };

describe("backoffDelay", () => {
  it("grows exponentially from initialMs and stops at maxMs", () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, options, middle))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it("spreads each delay by ±jitter", () => {
    expect(backoffDelay(2, options, () => 0)).toBe(100); // 200 × 0.5
    expect(backoffDelay(2, options, () => 0.999999)).toBe(300); // 200 × ~1.5
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(3, options);
      expect(delay).toBeGreaterThanOrEqual(200);
      expect(delay).toBeLessThanOrEqual(600);
    }
  });

  it("never exceeds maxMs, even with jitter", () => {
    expect(backoffDelay(10, options, () => 0.999999)).toBe(1000);
    expect(backoffDelay(10, options, () => 0)).toBe(500);
  });

  it("uses the defaults (1 s, ×2, 30 s cap) and clamps jitter to 0..1", () => {
    expect(backoffDelay(1, {}, middle)).toBe(1000);
    expect(backoffDelay(20, {}, middle)).toBe(30_000);
    expect(backoffDelay(1, { initialMs: 100, jitter: 5 }, () => 0)).toBe(0);
    expect(backoffDelay(1, { initialMs: 100, jitter: 0 }, () => 0.9)).toBe(100);
  });
});

describe("createBackoff", () => {
  it("counts attempts and starts over after reset()", () => {
    const backoff = createBackoff(options, middle);
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([100, 200, 400]);
    expect(backoff.attempts).toBe(3);
    backoff.reset();
    expect(backoff.attempts).toBe(0);
    expect(backoff.next()).toBe(100);
  });
});
