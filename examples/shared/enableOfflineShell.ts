// Shared by the example apps: the service worker that opens the app with no network (shared/public/sw.js).

/** The Cache Storage name that sw.js serves the shell from when the network fails. */
const SHELL_CACHE = "chatcube-shell-v1";

/**
 * Makes the app open with no network: registers the service worker (network first, cache when offline; attachments
 * seen from `apiUrl` cached too) and puts what this page loaded from its own origin (the page, scripts, styles) in
 * its cache, since those requests were made before the worker was there. Only in a production build (Vite's dev
 * server serves modules that can't be replayed offline); off with `?sw=0`.
 */
export function enableOfflineShell(apiUrl: string): void {
  if (
    import.meta.env.DEV ||
    !("serviceWorker" in navigator) ||
    !("caches" in window) ||
    new URLSearchParams(location.search).get("sw") === "0"
  )
    return;
  navigator.serviceWorker
    .register(`/sw.js?api=${encodeURIComponent(apiUrl)}`)
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
