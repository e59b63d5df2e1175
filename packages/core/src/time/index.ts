export { systemClock, type Clock, type TimerHandle } from "./clock.js";
export { createManualClock, type ManualClock } from "./createManualClock.js";
export { msToSeconds, secondsToMs, wireTimeToMs } from "./wireTime.js";
