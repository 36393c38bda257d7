// The page's policy as served, and the service worker across builds: the headers of www/_headers
// (CSP, frame-ancestors, nosniff, COOP/COEP), the worker's own CSP observed from inside a worker, two
// builds deployed one after the other, a poisoned cache entry, a failing or silent server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, rmSync, readFileSync, writeFileSync, appendFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { serve, launch, requireBuilt, WWW, ROOT, OUT } from './helpers.mjs';

let browser;
before(async () => {
  requireBuilt();
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A copy of www/ under target/ with `edit(dir)` applied and its build manifest written again. */
function build(name, edit) {
  const dir = path.join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  cpSync(WWW, dir, { recursive: true });
  edit?.(dir);
  execFileSync('node', [path.join(ROOT, 'tools/manifest.mjs'), dir], { stdio: 'ignore' });
  const version = readFileSync(path.join(dir, 'build.js'), 'utf8').match(/"version": "([0-9a-f]+)"/)[1];
  return { dir, version, files: Object.keys(JSON.parse(readFileSync(path.join(dir, 'build.js'), 'utf8').replace(/^[^{]*/s, '').replace(/;\s*$/, '')).files) };
}

/** A build whose page and app say which build they are. */
const marked = (label) => build(`build-${label}`, (dir) => {
  const index = path.join(dir, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace('<title>', `<meta name="x-build" content="${label}">\n<title>`));
  appendFileSync(path.join(dir, 'app.js'), `\nglobalThis.__appBuild = '${label}';\n`);
});

test('the page and its worker are served with the policy of www/_headers', async () => {
  const server = await serve();
  try {
    const page = await fetch(server.url);
    const csp = page.headers.get('content-security-policy');
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.doesNotMatch(csp, /'unsafe-eval'|'unsafe-inline'/);
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(page.headers.get('cross-origin-opener-policy'), 'same-origin');
    assert.equal(page.headers.get('cross-origin-embedder-policy'), 'require-corp');
    const worker = await fetch(`${server.url}worker.js`);
    // Two policies, both enforced: the page's and the worker's own.
    assert.match(worker.headers.get('content-security-policy'), /default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'/);
    assert.equal((await fetch(`${server.url}_headers`)).status, 404, 'the rules file itself is not served');

    // Another origin cannot frame the page: its scripts are never even fetched.
    const other = await serve(path.join(OUT, 'framer'));
    mkdirSync(path.join(OUT, 'framer'), { recursive: true });
    writeFileSync(path.join(OUT, 'framer/index.html'), `<!doctype html><iframe src="${server.url}"></iframe>`);
    const tab = await browser.newPage();
    const before = server.requests.length;
    await tab.goto(other.url);
    await tab.waitForTimeout(1500);
    assert.deepEqual(server.requests.slice(before).filter((u) => u !== '/'), [], 'nothing but the refused page');
    const framed = tab.frames().find((f) => f !== tab.mainFrame());
    assert.notEqual(await framed.evaluate(() => typeof globalThis.readout).catch(() => 'blocked'), 'object');
    await tab.close();
    await other.close();

    const p = await browser.newPage();
    await p.goto(server.url);
    await p.waitForFunction(() => globalThis.readout?.stats.initMs.length > 0, null, { timeout: 60000 });
    assert.equal(await p.evaluate(() => crossOriginIsolated), true, 'COOP + COEP: the page is cross-origin isolated');
    await p.close();
  } finally {
    await server.close();
  }
});

test('inside the worker, a request to another origin and eval are refused (CSP violations observed)', async () => {
  // The real worker script, served with www/_headers, plus a probe answering one message.
  const b = build('probe', (dir) => appendFileSync(path.join(dir, 'worker.js'), `
self.addEventListener('message', async (ev) => {
  if (ev.data?.type !== 'probe') return;
  const violations = [];
  self.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective + ' ' + e.blockedURI));
  let fetched, evaled;
  try { await fetch(ev.data.url); fetched = 'fetched'; } catch (e) { fetched = e.name; }
  try { evaled = String(eval('1 + 1')); } catch (e) { evaled = e.name; }
  await new Promise((r) => setTimeout(r, 200));
  self.postMessage({ type: 'probe', fetched, evaled, violations });
});
`));
  const server = await serve(b.dir);
  const elsewhere = await serve(path.join(OUT, 'framer'));
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    const got = await page.evaluate((url) => new Promise((resolve) => {
      const w = new Worker('worker.js', { type: 'module' });
      w.onmessage = (ev) => ev.data.type === 'probe' && resolve(ev.data);
      w.postMessage({ type: 'probe', url });
    }), elsewhere.url + 'secret');
    assert.equal(got.fetched, 'TypeError', 'the request to another origin failed');
    assert.equal(got.evaled, 'EvalError', 'eval was refused');
    assert.ok(got.violations.some((v) => v.startsWith('connect-src') && v.includes(elsewhere.origin)), JSON.stringify(got.violations));
    assert.ok(got.violations.some((v) => v.startsWith('script-src') && v.endsWith(' eval')), JSON.stringify(got.violations));
    assert.deepEqual(elsewhere.requests, [], 'no request reached the other origin');
    await page.close();
  } finally {
    await server.close();
    await elsewhere.close();
  }
});

/** The build a loaded page says it is: [index.html's, app.js's]. */
const builds = (page) => page.evaluate(() => [document.querySelector('meta[name="x-build"]')?.content ?? null, globalThis.__appBuild ?? null]);

async function installed(page, version, count) {
  for (let i = 0; ; i++) {
    const n = await page.evaluate(async (name) => !!navigator.serviceWorker.controller && (await caches.has(name)) && (await (await caches.open(name)).keys()).length, `readout-${version}`).catch(() => 0);
    if (n === count) return;
    assert.ok(i < 600, `build ${version} cached within 60 s (${n} of ${count})`);
    await page.waitForTimeout(100);
  }
}

test('two builds: a new index.html never runs an old build\'s app.js; old caches go', async () => {
  const A = marked('A');
  const B = marked('B');
  const server = await serve(A.dir);
  try {
    const page = await browser.newPage();
    const seen = [];
    await page.exposeFunction('__seen', (x) => seen.push(x));
    await page.addInitScript(() => addEventListener('load', () => __seen([document.querySelector('meta[name="x-build"]')?.content ?? null, globalThis.__appBuild ?? null])));
    await page.goto(server.url);
    await installed(page, A.version, A.files.length);
    assert.deepEqual(await builds(page), ['A', 'A']);
    // Build B is deployed. The next visit gets one build or the other, whole; then B takes over.
    server.setDir(B.dir);
    await page.reload();
    for (let i = 0; !(seen.length && seen.at(-1)[0] === 'B'); i++) {
      assert.ok(i < 600, `build B reached the page within 60 s: ${JSON.stringify(seen)}`);
      await page.waitForTimeout(100);
    }
    await installed(page, B.version, B.files.length);
    for (const [html, app] of seen) assert.equal(app, html, `index.html of build ${html} ran app.js of build ${app}`);
    assert.deepEqual(seen.at(-1), ['B', 'B']);
    assert.deepEqual(await page.evaluate(() => caches.keys()), [`readout-${B.version}`], 'only the current build is cached');
    // Offline, the cached build B, whole.
    server.setTweak((req) => { req.socket.destroy(); return true; });
    await page.reload();
    await page.waitForFunction(() => globalThis.readout?.stats.initMs.length > 0, null, { timeout: 30000 });
    assert.deepEqual(await builds(page), ['B', 'B']);
    await page.close();
  } finally {
    await server.close();
  }
});

test('a poisoned cache entry is refused; a failing or silent server falls back to the cache', async () => {
  const A = marked('P');
  const server = await serve(A.dir);
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    await installed(page, A.version, A.files.length);
    const poison = () => page.evaluate(async (name) => {
      const c = await caches.open(name);
      await c.put(new URL('app.js', location.href), new Response('globalThis.__poisoned = true;', { headers: { 'content-type': 'text/javascript' } }));
    }, `readout-${A.version}`);
    const appInCache = () => page.evaluate(async (name) => (await (await caches.open(name)).match(new URL('app.js', location.href)))?.text(), `readout-${A.version}`);
    await poison();
    await page.reload();
    await page.waitForFunction(() => globalThis.readout?.stats.initMs.length > 0, null, { timeout: 30000 });
    assert.equal(await page.evaluate(() => globalThis.__poisoned ?? null), null, 'the poisoned app.js did not run');
    assert.equal(await appInCache(), readFileSync(path.join(A.dir, 'app.js'), 'utf8'), 'the entry was replaced by the build\'s file');
    // Poisoned again, and the network gone: the page fails rather than run it.
    await poison();
    server.setTweak((req) => { req.socket.destroy(); return true; });
    await page.reload();
    await page.waitForTimeout(1500);
    assert.equal(await page.evaluate(() => globalThis.__poisoned ?? null), null, 'offline, the poisoned app.js still did not run');
    // A server answering 503 to the page, or never answering: this build's page from the cache.
    server.setTweak(null);
    await page.reload(); // repairs app.js
    await page.waitForFunction(() => globalThis.readout?.stats.initMs.length > 0, null, { timeout: 30000 });
    for (const tweak of [
      (req, res, file) => { if (!file.endsWith('index.html')) return false; res.writeHead(503); res.end('busy'); return true; },
      (req, res, file) => file.endsWith('index.html'), // accepts, never answers
    ]) {
      server.setTweak(tweak);
      const t0 = Date.now();
      await page.reload();
      await page.waitForFunction(() => globalThis.readout?.stats.initMs.length > 0, null, { timeout: 30000 });
      assert.deepEqual(await builds(page), ['P', 'P']);
      assert.ok(Date.now() - t0 < 15000, `loaded in ${Date.now() - t0} ms`);
    }
    await page.close();
  } finally {
    await server.close();
  }
});
