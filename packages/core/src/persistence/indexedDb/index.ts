export { createIndexedDbPersistence, DEFAULT_CACHE_CAPS, type IndexedDbPersistenceOptions } from "./createIndexedDbPersistence.js";
export type { CacheCaps } from "./createIdbSession.js";
export { DB_VERSION, MIGRATIONS, type Migration } from "./migrations.js";
