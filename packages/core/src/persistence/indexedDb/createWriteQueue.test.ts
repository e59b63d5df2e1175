import { describe, expect, it } from "@jest/globals";
import { createWriteQueue, type WriteBatch } from "./createWriteQueue.js";

describe("the write queue", () => {
  it("one batch per tick (last write per key wins); what arrives during a commit goes out together next", async () => {
    const committed: Array<Record<string, number>> = [];
    let release!: () => void;
    const queue = createWriteQueue(async (batch: WriteBatch) => {
      committed.push(Object.fromEntries(batch.cursors));
      if (committed.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    const first = [queue.enqueue((b) => b.cursors.set("a", 1)), queue.enqueue((b) => b.cursors.set("a", 2))];
    await new Promise((resolve) => setTimeout(resolve, 5)); // the first batch is committing (and held)
    const later = [queue.enqueue((b) => b.cursors.set("b", 1))];
    await new Promise((resolve) => setTimeout(resolve, 5));
    later.push(queue.enqueue((b) => b.cursors.set("c", 1)));
    await new Promise((resolve) => setTimeout(resolve, 5));
    release();
    await Promise.all([...first, ...later]);
    expect(committed).toEqual([{ a: 2 }, { b: 1, c: 1 }]);
  });

  it("flush() commits at once and resolves when everything before it is done", async () => {
    const committed: number[] = [];
    const queue = createWriteQueue(
      async (batch) => void committed.push(batch.cursors.size),
      () => {},
    );
    void queue.enqueue((b) => b.cursors.set("x", 1));
    await queue.flush();
    expect(committed).toEqual([1]);
  });
});
