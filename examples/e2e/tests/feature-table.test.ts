// The README's feature × app table names exactly the features the browser suites check in every app
// (src/appFeatures.ts, run by tests/features-*.test.ts), each marked in the three apps.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { describe, it } from "node:test";
import { FEATURES } from "../src/appFeatures.js";

describe("README feature × app table", () => {
  it("lists every checked feature, in all three apps, and nothing else", async () => {
    const readme = await readFile(new URL("../../../README.md", import.meta.url), "utf8");
    const start = readme.search(
      /^\| feature \(checked in the browser by examples\/e2e\) +\| React +\| Vue +\| Svelte +\|$/m,
    );
    assert.ok(start >= 0, "the table is in README.md");
    const lines = readme.slice(start).split("\n").slice(2);
    const end = lines.findIndex((line) => !line.startsWith("|")); // the table ends at its first other line
    const rows = end < 0 ? lines : lines.slice(0, end);
    const table = rows.map((row) =>
      row
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
    assert.deepEqual(
      table.map(([name]) => name),
      FEATURES.map((feature) => feature.name),
    );
    for (const [name, ...apps] of table) assert.deepEqual(apps, ["✓", "✓", "✓"], name);
  });
});
