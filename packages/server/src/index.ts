export { startServer, type RunningServer, type ServerOptions } from "./startServer.js";
export { DialogType, type DialogTypeValue } from "./model/types.js";
export { DEMO_PASSWORD, DEMO_USERS } from "./seed/demo.js";
