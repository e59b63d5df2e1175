export {
  CHAT_ERROR_CODES,
  ChatError,
  isChatError,
  type ChatErrorCode,
  type ChatErrorDetails,
  type ChatErrorJson,
  type ChatErrorOptions,
} from "./ChatError.js";
export { chatErrorFromHttp, codeForHttpStatus, isSessionExpired, SESSION_EXPIRED_MESSAGE } from "./chatErrorFromHttp.js";
export { chatErrorFromStanza, STANZA_ERROR_NS, type StanzaErrorOptions } from "./chatErrorFromStanza.js";
export { toChatError } from "./toChatError.js";
export { err, ok, type Result } from "./result.js";
