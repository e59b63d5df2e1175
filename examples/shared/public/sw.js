// The example apps' service worker (examples/shared/public, every app's public dir). Two caches:
// - the app shell (this origin's GET requests): network first, the cache when the network fails, so a reload while
//   offline still opens the app (its data then comes from IndexedDB). The page adds what it loaded before this worker
//   was installed (shared/enableOfflineShell.ts).
// - attachments the user has seen (GET {api}/blobs/{uid} on the chat server, `?api=` of this script's URL): cache
//   first (a blob never changes), kept within MEDIA_BUDGET bytes, oldest dropped first; the session token in the URL
//   is left out of the key, so a new session still finds them.
// REST calls and the WebSocket are never cached.
const SHELL = "chatcube-shell-v1";
const MEDIA = "chatcube-media-v1";
const MEDIA_BUDGET = 50 * 1024 * 1024;
const api = new URL(self.location.href).searchParams.get("api");
const blobs = api ? `${api.replace(/\/$/, "")}/blobs/` : null;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin === self.location.origin) event.respondWith(networkFirst(request));
  else if (blobs && request.url.startsWith(blobs)) event.respondWith(cacheFirst(request, event));
});

async function networkFirst(request) {
  const cache = await caches.open(SHELL);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    // ignoreVary: a server that answers `Vary: Origin` (vite preview) would otherwise never match a module script
    // (fetched with CORS) against the copy the page cached.
    const cached =
      (await cache.match(request, { ignoreSearch: request.mode === "navigate", ignoreVary: true })) ??
      (request.mode === "navigate" ? await cache.match("/", { ignoreVary: true }) : undefined);
    if (cached) return cached;
    throw error;
  }
}

/** The cache key of a blob: its URL without the session token. */
function mediaKey(request) {
  const url = new URL(request.url);
  url.searchParams.delete("token");
  return url.href;
}

async function cacheFirst(request, event) {
  const cache = await caches.open(MEDIA);
  const key = mediaKey(request);
  const cached = await cache.match(key);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type !== "opaque") {
    const copy = response.clone();
    event.waitUntil(cache.put(key, copy).then(() => trim(cache)));
  }
  return response;
}

/** Drops the oldest attachments until the cache is within its budget. */
async function trim(cache) {
  const keys = await cache.keys();
  const sizes = await Promise.all(
    keys.map(async (key) => {
      const response = await cache.match(key);
      const length = Number(response?.headers.get("content-length"));
      return Number.isFinite(length) && length > 0 ? length : ((await response?.blob())?.size ?? 0);
    }),
  );
  let total = sizes.reduce((sum, size) => sum + size, 0);
  for (let i = 0; i < keys.length && total > MEDIA_BUDGET; i++) {
    await cache.delete(keys[i]);
    total -= sizes[i];
  }
}
