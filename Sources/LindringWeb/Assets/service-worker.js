// Lindring's service worker: keeps the e-learning readable offline. Only the modules' pages
// (/learning/modules/…) and the static assets are cached: never patient pages, nor the
// catalogue, sessions or coverage (names, figures). Signing in or out drops the cache.
// Pages are fetched from the network first and fall back to the copy kept when they were last
// read; the progress a learner makes offline is queued by learning.js, not here.
const CACHE = "lindring-learning-v2";
const ASSETS = ["/assets/app.css", "/assets/app.js", "/assets/learning.js", "/assets/logo.svg", "/manifest.webmanifest"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

function cacheable(url) {
  return url.origin === self.location.origin &&
    (/^\/learning\/modules\/[0-9A-Fa-f-]{36}$/.test(url.pathname) || ASSETS.includes(url.pathname));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || !cacheable(url)) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        // Only a page the learner was shown (not a redirect to sign-in) is kept.
        if (response.ok && !response.redirected) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() => caches.match(request, { ignoreSearch: url.pathname.startsWith("/learning/modules/") }).then((cached) => cached || Response.error()))
  );
});
