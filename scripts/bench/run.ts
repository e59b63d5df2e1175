/** Runs every benchmark of the workspace, one after another (the machine has 2 cores). */
import { benchRouting } from "./routing.js";

await benchRouting();
