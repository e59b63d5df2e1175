/** Runs every benchmark of the workspace, one after another (the machine has 2 cores). */
import { benchDeltaSync } from "./deltaSync.js";
import { benchIngest } from "./ingest.js";
import { benchInprocess } from "./inprocess.js";
import { benchJournal } from "./journal.js";
import { benchOffline } from "./offline.js";
import { benchOutbox } from "./outboxDrain.js";
import { benchRouting } from "./routing.js";
import { benchTabs } from "./tabsFanout.js";

await benchRouting();
console.log();
await benchIngest();
console.log();
await benchInprocess();
console.log();
await benchOffline();
console.log();
await benchDeltaSync();
console.log();
await benchOutbox();
console.log();
await benchJournal();
console.log();
await benchTabs();
