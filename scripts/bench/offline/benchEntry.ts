/** The browser entry of the offline benchmarks: exposes them to the runner as `window.chatcubeBench`. */
import * as bench from "./benchPage.js";

(globalThis as { chatcubeBench?: typeof bench }).chatcubeBench = bench;
