// The app's service worker, written by hand (no Workbox): the shell (index.html, its hashed assets, the
// manifest, the config) is cached once visited so the app opens with no network; the API is never cached
// (its requests are not even seen here: the outbox in the page keeps the writes made offline).
const SHELL = 'prosmed-shell-v1';
const API = ['/api/', '/metrics', '/health'];

/** Caches index.html and every asset it names (their names carry a hash: a new build is a new set). */
async function cacheShell() {
  const cache = await caches.open(SHELL);
  const res = await fetch('/', { cache: 'no-cache', headers: { accept: 'text/html' } });
  if (!res.ok) return;
  const html = await res.clone().text();
  await cache.put('/', res);
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await cache.addAll([...new Set(assets), '/manifest.webmanifest', '/icon.svg']);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  if (API.some((p) => url.pathname.startsWith(p))) return;
  if (req.mode === 'navigate') {
    // The shell from the network when there is one (a new build takes effect), else the cached one.
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok) event.waitUntil(cacheShell().catch(() => undefined));
          return res;
        })
        .catch(() => caches.match('/').then((hit) => hit || Response.error())),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // Hashed names never change: the cache first.
    event.respondWith(
      caches.match(req).then(
        (hit) =>
          hit ||
          fetch(req).then((res) => {
            if (res.ok) {
              const copy = res.clone();
              event.waitUntil(caches.open(SHELL).then((c) => c.put(req, copy)));
            }
            return res;
          }),
      ),
    );
    return;
  }
  // The rest (config, manifest, icon): the network first, the cache when offline.
  event.respondWith(
    fetch(req)
      .then((res) => {
        if (res.ok) {
          const copy = res.clone();
          event.waitUntil(caches.open(SHELL).then((c) => c.put(req, copy)));
        }
        return res;
      })
      .catch(() => caches.match(req).then((hit) => hit || Response.error())),
  );
});
