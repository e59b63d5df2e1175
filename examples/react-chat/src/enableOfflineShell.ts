/** The Cache Storage name that public/sw.js serves from when the network fails. */
const SHELL_CACHE = "chatcube-shell-v1";

/**
 * Makes the app open with no network: registers the service worker (public/sw.js, network first, cache when
 * offline) and puts what this page loaded from its own origin (the page, scripts, styles) in its cache, since those
 * requests were made before the worker was there. Off with `?sw=0`.
 */
export function enableOfflineShell(): void {
  if (
    !("serviceWorker" in navigator) ||
    !("caches" in window) ||
    new URLSearchParams(location.search).get("sw") === "0"
  )
    return;
  navigator.serviceWorker
    .register("/sw.js")
    .then(async () => {
      const loaded = performance.getEntriesByType("resource").map((entry) => entry.name);
      const own = [location.pathname, ...loaded].filter(
        (url) => new URL(url, location.href).origin === location.origin,
      );
      const cache = await caches.open(SHELL_CACHE);
      await cache.addAll([...new Set(own)]);
    })
    .catch(() => {});
}
