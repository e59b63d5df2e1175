export type { CacheCaps } from "./createIdbSession.js";
export {
  createIndexedDbPersistence,
  DEFAULT_CACHE_CAPS,
  type IndexedDbPersistenceOptions,
} from "./createIndexedDbPersistence.js";
