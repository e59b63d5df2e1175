export { buildCarbonsEnable } from "./carbons.js";
export { buildChatMessage, type ChatMessageInput } from "./chatMessage.js";
export { buildChatState, CHAT_STATES, type ChatState, type OutgoingChatState } from "./chatState.js";
export { buildCorrection, type CorrectionInput } from "./correction.js";
export {
  buildExtraParams,
  type ExtraParams,
  type ExtraParamsInput,
  RESERVED_PARAMS,
  readExtraParams,
} from "./extraParams.js";
export { buildIq, type IqOptions } from "./iq.js";
export {
  addressFor,
  bareJid,
  dialogIdFromRoomJid,
  isRoomJid,
  type JidContext,
  type JidParts,
  type MessageAddress,
  mucDomainOf,
  parseJid,
  roomJid,
  roomOccupantJid,
  userIdFromJid,
  userJid,
} from "./jid.js";
export {
  buildLastActivityQuery,
  buildLastActivitySubscription,
  type LastActivity,
  parseLastActivity,
} from "./lastActivity.js";
export { buildMarker, type MarkerInput, type MarkerKind } from "./marker.js";
export { buildMobileState } from "./mobileState.js";
export { buildMucJoin, buildMucLeave, type MucPresence, parseMucPresence } from "./mucPresence.js";
export { NS, SYSTEM_MODULE } from "./namespaces.js";
export type {
  MessageEnvelope,
  ParsedChatMessage,
  ParsedChatState,
  ParsedCorrection,
  ParsedMalformed,
  ParsedMarker,
  ParsedMessage,
  ParsedMessageError,
  ParsedReaction,
  ParsedRemoval,
  ParsedSystemMessage,
  ParsedUnknown,
} from "./parsedMessage.js";
export { type ParseContext, parseMessage } from "./parseMessage.js";
export { buildPing } from "./ping.js";
export {
  blockedUsersOf,
  buildPrivacyActive,
  buildPrivacyDefault,
  buildPrivacyListRequest,
  buildPrivacyListSet,
  buildPrivacyNamesRequest,
  DEFAULT_PRIVACY_LIST,
  type PrivacyEntry,
  type PrivacyItem,
  type PrivacyNames,
  parsePrivacyList,
  parsePrivacyNames,
} from "./privacyList.js";
export { buildRemoval, type RemovalInput } from "./removal.js";
export {
  buildRosterRemove,
  buildRosterRequest,
  buildRosterSet,
  buildSubscriptionPresence,
  parseRoster,
  type RosterItem,
  type SubscriptionType,
} from "./roster.js";
export { buildSystemMessage, type SystemMessageInput } from "./systemMessage.js";
