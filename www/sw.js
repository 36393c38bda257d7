// Offline support: every file of the app is cached on install. Requests go to the network first, so a
// new version is picked up at once (the glue and the wasm never mix versions), and to the cache when
// the network is unavailable.
const CACHE = 'readout-v1';
const APP = ['./', 'index.html', 'app.js', 'i18n.js', 'worker.js', 'style.css', 'icon.svg',
  'pkg/readout.js', 'pkg/readout_bg.wasm', 'pkg/terms.bin', 'samples/index.json'];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(APP);
    const samples = await (await cache.match('samples/index.json'))?.json().catch(() => []) ?? [];
    await cache.addAll(samples.map((s) => `samples/${encodeURIComponent(s.name ?? s)}`));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const res = await fetch(req);
      if (res.ok) cache.put(req, res.clone());
      return res;
    } catch (e) {
      const hit = await cache.match(req, { ignoreSearch: true });
      if (hit) return hit;
      throw e;
    }
  })());
});
