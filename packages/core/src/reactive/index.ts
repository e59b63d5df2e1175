export {
  createKeyedReadables,
  DEFAULT_KEEP_ALIVE_MS,
  type KeyedReadables,
  type KeyedReadablesOptions,
  type KeyedSource,
} from "./createKeyedReadables.js";
export { createReadable } from "./createReadable.js";
export { createStore, type Recipe, type Store } from "./createStore.js";
export type { Listener, Readable, ReadableSource, Unsubscribe } from "./readable.js";
export { readableOf } from "./readableOf.js";
export { select } from "./select.js";
export { selectByKey } from "./selectByKey.js";
export { referenceEqual, shallowEqual } from "./shallowEqual.js";
