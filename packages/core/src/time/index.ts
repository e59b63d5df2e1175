export { type Clock, systemClock, type TimerHandle } from "./clock.js";
export { createManualClock, type ManualClock } from "./createManualClock.js";
