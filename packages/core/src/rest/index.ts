export { createDialogsApi, type DialogListOptions, type DialogPage, type DialogsApi } from "./createDialogsApi.js";
export { createHttp, defaultRetryDelay, type HttpOptions, SDK_HEADER } from "./createHttp.js";
export {
  type CreateMessageInput,
  createMessagesApi,
  type MessageListOptions,
  type MessagesApi,
} from "./createMessagesApi.js";
export { createReactionsApi, type ReactionsApi } from "./createReactionsApi.js";
export { createRestClient, type RestClient, type RestClientOptions } from "./createRestClient.js";
export { createSearch, type Search, type SearchOptions, type SearchResult } from "./createSearch.js";
export { createSessionApi, type SessionApi, type SessionCredentials } from "./createSessionApi.js";
export { createUsersApi, type SignupInput, type UserPatch, type UsersApi } from "./createUsersApi.js";
export type {
  CreateDialogInput,
  DeleteResult,
  ReactionUsers,
  SessionInfo,
  UnreadCounts,
  UpdateDialogInput,
  UpdateMessageInput,
} from "./dto/index.js";
export { checkId, idPath, type RestContext, unwrap } from "./restContext.js";
export { restErrorFrom } from "./restErrorFrom.js";
export type { FetchLike, Http, RestAuth, RestBodyRequest, RestParamsRequest, RestRequest } from "./restRequest.js";
