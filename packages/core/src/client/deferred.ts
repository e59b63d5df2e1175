// What a chat screen needs only after it has shown the cache, as one module that `createChatClient` imports
// dynamically when the client is made (one chunk, docs/decisions.md "A small bundle"): the XMPP transport, the ingest
// of incoming messages, and the features beyond chatting. `loadDeferred.ts` loads it.

export { createRestClient } from "../rest/createRestClient.js";
export { createBlobsApi, createSearch, createSystemMessagesApi } from "../rest/rarelyUsedRestApis.js";
export { createSync } from "../sync/createSync.js";
export { createOutboxWork } from "../sync/outboxWork.js";
export { runOnConnect } from "../sync/runOnConnect.js";
export { createXmppTransport } from "../xmpp/createXmppTransport.js";
export { buildSystemMessage } from "../xmpp/stanzas/systemMessage.js";
export { parseFrame } from "../xmpp/transport/parseFrame.js";
export { createActivityCommands } from "./createActivityCommands.js";
export { createContactsCommands } from "./createContactsCommands.js";
export { createDialogExtrasCommands } from "./createDialogExtrasCommands.js";
export { createFilesCommands } from "./createFilesCommands.js";
export { createLastActivityCommands } from "./createLastActivityCommands.js";
export { createPrivacyCommands } from "./createPrivacyCommands.js";
export { createReactionsCommands } from "./createReactionsCommands.js";
export { createSearchCommand } from "./createSearchCommand.js";
export { createSystemCommands } from "./createSystemCommands.js";
export { createTypingCommands } from "./createTypingCommands.js";
export { wireIngest } from "./wireIngest.js";
