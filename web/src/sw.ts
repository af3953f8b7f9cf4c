/// <reference lib="webworker" />
/**
 * The service worker: keeps this build (the page, its chunks, the knowledge, the icons) in a cache named
 * by the build's hash, so after one visit the interview, the result, the print view and the JSON download
 * work with the network off. A new build brings a new cache; the old one is deleted once the new worker
 * takes over. API requests are never cached: health data does not belong in a cache.
 */
declare const __CACHE__: string;
declare const __FILES__: string[];

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = __CACHE__;

sw.addEventListener("install", (e: ExtendableEvent) => {
  e.waitUntil(
    caches
      .open(CACHE)
      // `reload`: straight from the network, so a stale HTTP cache cannot slip an old file into a new version.
      .then((c) => c.addAll(__FILES__.map((f) => new Request(f, { cache: "reload" }))))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener("activate", (e: ExtendableEvent) => {
  e.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith("backcheck-") && k !== CACHE).map((k) => caches.delete(k))),
      )
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener("fetch", (e: FetchEvent) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== sw.location.origin) return;
  const scope = new URL(sw.registration.scope);
  const path = url.pathname.slice(scope.pathname.length);
  // The API, FHIR and anything outside this build go to the network as usual.
  if (req.mode === "navigate") {
    // The page: the network when it answers (a new build is seen at once), else the cached one.
    e.respondWith(
      fetch(req)
        .then((r) => (r.ok ? r : caches.match("./", { cacheName: CACHE }).then((c) => c ?? r)))
        .catch(() => caches.match("./", { cacheName: CACHE }).then((c) => c ?? Response.error())),
    );
    return;
  }
  if (!__FILES__.includes(path)) return;
  // Files of this build never change under their name (content hashes): the cache first.
  e.respondWith(caches.match(req, { cacheName: CACHE }).then((c) => c ?? fetch(req)));
});
