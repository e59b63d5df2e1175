import type { ServerContext } from "../context.js";
import type { PrivacyRules } from "./privacyRules.js";
import type { Rooms } from "./rooms.js";
import type { SessionRegistry } from "./sessionRegistry.js";

/** What stanza handlers share; each handler factory takes it by name. */
export interface XmppServices {
  ctx: ServerContext;
  registry: SessionRegistry;
  rooms: Rooms;
  privacy: PrivacyRules;
}
