export {
  CHAT_ERROR_CODES,
  ChatError,
  type ChatErrorCode,
  type ChatErrorDetails,
  type ChatErrorJson,
  type ChatErrorOptions,
  isChatError,
} from "./ChatError.js";
export { isSessionExpired } from "./isSessionExpired.js";
export type { Result } from "./result.js";
export { toChatError } from "./toChatError.js";
