export { deleteResultFromDto, type DeleteResult } from "./deleteResultFromDto.js";
export { dialogFromDto } from "./dialogFromDto.js";
export {
  createDialogBody,
  deleteForm,
  dialogListQuery,
  updateDialogBody,
  type CreateDialogInput,
  type DialogListParams,
  type UpdateDialogInput,
} from "./dialogRequests.js";
export { encodeQuery, type EncodeQueryOptions, type QueryParams, type QueryValue } from "./encodeQuery.js";
export { MESSAGE_FIELDS, messageFromDto, statusFrom } from "./messageFromDto.js";
export {
  dateSentToSeconds,
  messageHistoryQuery,
  reactionsBody,
  unreadCountQuery,
  updateMessageBody,
  type DateSentRange,
  type MessageHistoryParams,
  type UpdateMessageInput,
} from "./messageRequests.js";
export { hasNextPage, pageFromDto, type Page } from "./pageFromDto.js";
export { isRecord, readDto, type FieldReader } from "./readDto.js";
export { unreadCountsFromDto, type UnreadCounts } from "./unreadCountsFromDto.js";
export { userFromDto } from "./userFromDto.js";
export { usersByIdsQuery } from "./userRequests.js";
export { messageStatusFor } from "./messageStatusFor.js";
export { reactionUsersFromDto, type ReactionUsers } from "./reactionUsersFromDto.js";
export { searchResultsFromDto, type SearchResults } from "./searchResultsFromDto.js";
export { sessionFromDto, type SessionInfo } from "./sessionFromDto.js";
