export {
  CHAT_ERROR_CODES,
  ChatError,
  type ChatErrorCode,
  type ChatErrorDetails,
  type ChatErrorJson,
  type ChatErrorOptions,
  isChatError,
} from "./ChatError.js";
export {
  chatErrorFromHttp,
  codeForHttpStatus,
  isSessionExpired,
  SESSION_EXPIRED_MESSAGE,
} from "./chatErrorFromHttp.js";
export { chatErrorFromStanza, STANZA_ERROR_NS, type StanzaErrorOptions } from "./chatErrorFromStanza.js";
export { err, ok, type Result } from "./result.js";
export { toChatError } from "./toChatError.js";
