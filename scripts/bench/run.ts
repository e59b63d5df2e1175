/** Runs every benchmark of the workspace, one after another (the machine has 2 cores). */
import { benchIngest } from "./ingest.js";
import { benchRouting } from "./routing.js";

await benchRouting();
console.log();
await benchIngest();
