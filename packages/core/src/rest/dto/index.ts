export { type DeleteResult, deleteResultFromDto } from "./deleteResultFromDto.js";
export { dialogFromDto } from "./dialogFromDto.js";
export {
  type CreateDialogInput,
  createDialogBody,
  type DialogListParams,
  deleteForm,
  dialogListQuery,
  type UpdateDialogInput,
  updateDialogBody,
} from "./dialogRequests.js";
export { type EncodeQueryOptions, encodeQuery, type QueryParams, type QueryValue } from "./encodeQuery.js";
export { MESSAGE_FIELDS, messageFromDto, statusFrom } from "./messageFromDto.js";
export {
  type DateSentRange,
  dateSentToSeconds,
  type MessageHistoryParams,
  messageHistoryQuery,
  reactionsBody,
  type UpdateMessageInput,
  unreadCountQuery,
  updateMessageBody,
} from "./messageRequests.js";
export { messageStatusFor } from "./messageStatusFor.js";
export { hasNextPage, type Page, pageFromDto } from "./pageFromDto.js";
export { type ReactionUsers, reactionUsersFromDto } from "./reactionUsersFromDto.js";
export { type FieldReader, isRecord, readDto } from "./readDto.js";
export { type SearchResults, searchResultsFromDto } from "./searchResultsFromDto.js";
export { type SessionInfo, sessionFromDto } from "./sessionFromDto.js";
export { type UnreadCounts, unreadCountsFromDto } from "./unreadCountsFromDto.js";
export { userFromDto } from "./userFromDto.js";
export { usersByIdsQuery } from "./userRequests.js";
