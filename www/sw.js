// Offline support, one build at a time. build.js (written by build.sh: tools/manifest.mjs) names the
// build and lists the SHA-256 of every file of the app. The browser compares sw.js and build.js with
// the server's on every visit, so a new build installs a new worker on the next visit.
// - Install: the app's files, and nothing else, are fetched and checked against the build's hashes
//   into a cache named after the build (a captive portal's page or a half-deployed file fails the
//   install; the previous worker stays). Activate: older builds' caches are deleted.
// - index.html (any navigation): network first with a short timeout, used only when it is this
//   build's; a different build on the server is picked up by the next worker (the page reloads into
//   it), so an old build's files are never served with a new index.html. Offline, a 5xx, or a server
//   that never answers: this build's cached copy.
// - The app's other files: from the cache, each checked against its hash before it is served (a
//   poisoned entry is dropped and fetched again); anything else is not cached at all.
importScripts('build.js');

const { version, files } = self.BUILD;
const PREFIX = 'readout-';
const CACHE = `${PREFIX}${version}`;
const NETWORK_TIMEOUT_MS = 3000;
const scope = new URL(self.registration.scope);
const urlOf = (rel) => new URL(rel, scope).href;
/** Requests answered from a different build's index.html: the page was served by the network. */
let stale = false;

async function digest(buf) {
  const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', buf));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `sha256-${btoa(bin)}`;
}

/** A response whose body has the build's hash for `rel`, re-made so its body can be read again. */
async function checked(rel, res) {
  if (!res || !res.ok) return null;
  const body = await res.arrayBuffer();
  if ((await digest(body)) !== files[rel]) return null;
  return new Response(body, { status: 200, statusText: 'OK', headers: res.headers });
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(Object.keys(files).map(async (rel) => {
      const res = await checked(rel, await fetch(urlOf(rel), { cache: 'no-store' }));
      if (!res) throw new Error(`${rel}: the server's copy is not this build's`);
      await cache.put(urlOf(rel), res);
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

/** The cached copy of `rel` if it still has its hash (a wrong one is deleted). */
async function fromCache(rel) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(urlOf(rel));
  if (!hit) return null;
  const ok = await checked(rel, hit);
  if (!ok) await cache.delete(urlOf(rel));
  return ok;
}

async function fetchSoon(url) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), NETWORK_TIMEOUT_MS);
  try {
    return await fetch(url, { cache: 'no-store', signal: abort.signal });
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

async function page() {
  const net = await fetchSoon(urlOf('index.html'));
  if (net && net.ok) {
    const copy = net.clone();
    const same = await checked('index.html', net);
    if (same) {
      stale = false;
      return same;
    }
    // Another build is on the server: this build's page now, the next worker brings the new one.
    self.registration.update().catch(() => {});
    const cached = await fromCache('index.html');
    if (cached) return cached;
    stale = true; // no copy of our own: the network's page, and its files from the network too
    return copy;
  }
  return (await fromCache('index.html')) || net || Response.error();
}

async function asset(rel, req) {
  if (!stale) {
    const cached = await fromCache(rel);
    if (cached) return cached;
  }
  const net = await fetch(req).catch(() => null);
  if (!net) return Response.error();
  if (!stale) {
    // Refill the cache, but only with this build's bytes.
    const copy = await checked(rel, net.clone());
    if (copy) await (await caches.open(CACHE)).put(urlOf(rel), copy.clone());
  }
  return net;
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const rel = decodeURIComponent(url.pathname.slice(scope.pathname.length));
  if (req.mode === 'navigate' || ((rel === '' || rel === 'index.html') && !url.search)) {
    if (rel === '' || rel === 'index.html') event.respondWith(page());
    return;
  }
  // Only the app's own files, without a query string; anything else goes to the network untouched.
  if (!url.search && Object.hasOwn(files, rel)) event.respondWith(asset(rel, req));
});
