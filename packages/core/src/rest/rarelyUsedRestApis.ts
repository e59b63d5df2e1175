// The REST groups a chat screen does not call before it shows (search, file storage, system messages through REST),
// loaded on their first call (`createRestClient`'s `loadRarelyUsed`; docs/decisions.md, "A small bundle").
export { createBlobsApi } from "./createBlobsApi.js";
export { createSearch } from "./createSearch.js";
export { createSystemMessagesApi } from "./createSystemMessagesApi.js";
