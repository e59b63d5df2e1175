// The app shell's service worker: network first, the cache when the network fails, so a reload while offline
// still opens the app (its data then comes from IndexedDB). Only this origin's GET requests are handled; the
// chat server (REST and WebSocket) is another origin and is never cached. The page itself adds what it loaded before
// this worker was installed (src/enableOfflineShell.ts).
const CACHE = "chatcube-shell-v1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith(networkFirst(request));
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached =
      (await cache.match(request, { ignoreSearch: request.mode === "navigate" })) ??
      (request.mode === "navigate" ? await cache.match("/") : undefined);
    if (cached) return cached;
    throw error;
  }
}
