export { DialogType, type DialogTypeValue } from "./model/types.js";
export { DEMO_PASSWORD, DEMO_USERS } from "./seed/demo.js";
export { type RunningServer, type ServerOptions, startServer } from "./startServer.js";
