// Offline: the service worker serves the app with the server gone; the single-file build works from file://.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve, launch, requireBuilt, seedNames, seedFiles, cliReports, SEEDS_DIR, ROOT, waitBatch, dropFiles, hostileHtml, hostileChecks } from './helpers.mjs';

const SINGLE = path.join(ROOT, 'dist/readout.html');
/** The build id tools/manifest.mjs wrote into www/build.js. */
const buildVersion = () => readFileSync(path.join(ROOT, 'www/build.js'), 'utf8').match(/"version": "([0-9a-f]+)"/)[1];
let cli;

before(() => {
  requireBuilt();
  cli = cliReports(seedNames().map((n) => path.join(SEEDS_DIR, n)));
});

test('after one visit the page works with the network gone (service worker)', async () => {
  const server = await serve();
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    // The worker controls the page and everything the app needs is cached, samples included.
    // (waitForFunction does not await promises: poll with evaluate.)
    const cache = `readout-${buildVersion()}`;
    const cached = () => page.evaluate(async (cache) =>
      !!navigator.serviceWorker.controller && (await caches.has(cache)) &&
      (await (await caches.open(cache)).keys()).length, cache);
    for (let i = 0; !(await cached() >= 15); i++) {
      assert.ok(i < 300, 'the service worker cached the app within 30 s');
      await page.waitForTimeout(100);
    }
    await server.close();
    await page.goto(server.url); // the server is gone: only the service worker can answer
    await page.waitForFunction(() => globalThis.readout?.stats.initMs.length > 0, null, { timeout: 30000 });
    assert.equal(await page.textContent('h1'), 'Readout');
    await page.click('#load-samples');
    await waitBatch(page);
    const items = await page.evaluate(() => readout.state.items.map((i) => [i.name, i.status]));
    assert.deepEqual(items, seedNames().map((n) => [n, 'ok']));
    const name = seedNames()[1];
    const report = await page.evaluate((n) => readout.report(readout.state.items.findIndex((i) => i.name === n)), name);
    assert.deepEqual(report.events, cli.get(name).events);
  } finally {
    await browser.close();
    await server.close().catch(() => {});
  }
});

test('the single HTML file analyzes from file:// with no request', async () => {
  assert.ok(existsSync(SINGLE), 'dist/readout.html exists (./build.sh single)');
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const requests = [];
    const errors = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const t0 = Date.now();
    await page.goto(pathToFileURL(SINGLE).href);
    await page.waitForFunction(() => globalThis.readout?.stats.initMs.length > 0, null, { timeout: 30000 });
    const ready = Date.now() - t0;
    const name = seedNames()[3];
    await page.click(`.sample[data-sample="${name}"]`);
    await waitBatch(page);
    const report = await page.evaluate(() => readout.report(0));
    const want = structuredClone(cli.get(name));
    want.file = name;
    assert.deepEqual(report, want, 'the single file gives the CLI report');
    assert.equal(await page.locator('#detail section.event').count(), want.events.length);
    // A dropped file too.
    await dropFiles(page, seedFiles().slice(0, 1));
    await waitBatch(page);
    assert.equal(await page.evaluate(() => readout.state.items[1].status), 'ok');
    // The hostile article is as harmless here (inline app, Blob worker, hash-based CSP).
    await page.evaluate(() => {
      globalThis.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => __violations.push(e.violatedDirective));
    });
    await dropFiles(page, [{ name: 'hostile.html', mimeType: 'text/html', buffer: Buffer.from(hostileHtml()) }]);
    await waitBatch(page);
    // The collection worker runs here too: the two seeds are on the timeline.
    await page.waitForFunction(() => document.querySelectorAll('#timeline li.tl-item').length === 2);
    await page.click('.seg button[data-view="files"]');
    await page.click('#results tbody[data-file="hostile.html"] button.link');
    assert.deepEqual(await hostileChecks(page), { pwned: null, violations: [], live: 0 });
    assert.deepEqual(errors, []);
    assert.deepEqual(requests.filter((u) => !/^(file|blob|data):/.test(u)), [], 'nothing but the file itself');
    const size = readFileSync(SINGLE).length;
    console.log(`single file: ${(size / 1048576).toFixed(1)} MB, ready in ${ready} ms from file://`);
  } finally {
    await browser.close();
  }
});
