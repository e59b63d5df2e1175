// `@chatcube/core/internals`: the parts below the client that chatcube's own benchmarks (scripts/bench) measure on
// their own: the stores and their reducers, the frame parser, the stanza router, the message ingest (as the client wires
// it) and the write-behind. Not public API: this entry
// exists only under the `@chatcube/source` condition (inside the repository), is not in the published build, and may
// change at any time.

export { wireIngest } from "./client/wireIngest.js";
export { createWriteBehind } from "./persistence/createWriteBehind.js";
export { createDialogsStore } from "./stores/dialogs/createDialogsStore.js";
export { applyMessageActivity, upsertDialogs } from "./stores/dialogs/dialogsReducer.js";
export { createMessagesStore } from "./stores/messages/createMessagesStore.js";
export { createTypingStore } from "./stores/typing/createTypingStore.js";
export { createMessageIngest } from "./xmpp/handlers/createMessageIngest.js";
export { createStanzaRouter } from "./xmpp/handlers/createStanzaRouter.js";
export { parseFrame } from "./xmpp/transport/parseFrame.js";
