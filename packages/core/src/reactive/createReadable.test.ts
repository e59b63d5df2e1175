import { describe, expect, it } from "@jest/globals";
import { firstValueFrom } from "rxjs";
import { createReadable } from "./createReadable.js";

describe("createReadable", () => {
  it("watches only while subscribed and delivers each distinct value once per subscriber", () => {
    let value = 1;
    let notify: (() => void) | null = null;
    let watching = 0;
    const readable = createReadable(
      () => value,
      (onChange) => {
        watching += 1;
        notify = onChange;
        return () => {
          watching -= 1;
          notify = null;
        };
      },
    );
    expect(readable.get()).toBe(1);
    expect(watching).toBe(0);
    const seen: number[] = [];
    const stop = readable.subscribe((v) => seen.push(v));
    expect(watching).toBe(1);
    notify!(); // no change: nothing delivered
    value = 2;
    notify!();
    notify!();
    expect(seen).toEqual([1, 2]);
    stop();
    expect(watching).toBe(0);
  });

  it("a listener that unsubscribes another during delivery stops it from being called", () => {
    let value = 0;
    let notify = () => {};
    const readable = createReadable(
      () => value,
      (onChange) => {
        notify = onChange;
        return () => {};
      },
    );
    const seen: string[] = [];
    let stopB = () => {};
    readable.subscribe((v) => {
      seen.push(`a${v}`);
      if (v === 1) stopB();
    });
    stopB = readable.subscribe((v) => seen.push(`b${v}`));
    value = 1;
    notify();
    expect(seen).toEqual(["a0", "b0", "a1"]);
  });

  it("value$ emits the current value first", async () => {
    const readable = createReadable(
      () => "now",
      () => () => {},
    );
    await expect(firstValueFrom(readable.value$)).resolves.toBe("now");
  });
});
