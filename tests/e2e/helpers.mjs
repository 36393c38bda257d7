// Shared helpers for the browser tests: a static server on a random free port, Debian's Chromium driven
// by playwright-core (no browser download), the seeds, and the CLI's JSON for the same files.
import { mkdtemp, mkdir } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { serve as serveDir } from '../../tools/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WWW = path.join(ROOT, 'www');
export const SEEDS_DIR = path.join(ROOT, 'tests/fixtures/seeds');
// Tests write only under target/ (`./build.sh screenshots` copies the README's into docs/).
export const SHOTS = path.join(ROOT, 'target/e2e/screenshots');
export const OUT = path.join(ROOT, 'target/e2e');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/** Serve `dir` on 127.0.0.1 at a free port with the headers of its `_headers` file (tools/serve.mjs, as
 * `./build.sh serve` does). Every request is recorded in `server.requests`. */
export const serve = (dir = WWW, opts = {}) => serveDir(dir, opts);

/** A fresh browser profile (service workers and storage start empty). */
export async function launch() {
  await mkdir(OUT, { recursive: true });
  const dir = await mkdtemp(path.join(OUT, 'profile-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1360, height: 900 },
    locale: 'en-US',
    acceptDownloads: true,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const close = ctx.close.bind(ctx);
  ctx.close = async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  };
  return ctx;
}

export function requireBuilt() {
  if (!existsSync(path.join(WWW, 'pkg/readout_bg.wasm'))) throw new Error('www/pkg is missing: run ./build.sh wasm first');
  if (!existsSync(path.join(WWW, 'samples/index.json'))) throw new Error('www/samples is missing: run ./build.sh wasm first');
}

/** The seed articles (the folder also holds their expected outputs, `*.expected.*`). */
export const seedNames = () => readdirSync(SEEDS_DIR).filter((n) => !n.startsWith('.') && !n.includes('.expected.')).sort();
export const seedFiles = () => seedNames().map((name) => ({ name, mimeType: 'text/plain', buffer: readFileSync(path.join(SEEDS_DIR, name)) }));

/** The native CLI's reports for the given files, keyed by base name (the CLI is built when missing). */
export function cliReports(files) {
  const bin = path.join(ROOT, 'target/release/readout');
  if (!existsSync(bin)) execFileSync('cargo', ['build', '--release', '--bin', 'readout'], { cwd: ROOT, stdio: 'inherit' });
  const out = spawnSync(bin, ['analyze', '--jsonl', ...files], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (out.status !== 0 && out.status !== 1) throw new Error(`readout failed: ${out.stderr}`);
  const map = new Map();
  for (const line of out.stdout.split('\n').filter(Boolean)) {
    const r = JSON.parse(line);
    map.set(path.basename(r.file), r);
  }
  return map;
}

export async function shot(page, name, opts = {}) {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), ...opts });
}

/** Drop files on the page the way a user's drag-and-drop does (a synthetic DataTransfer). */
export async function dropFiles(page, files, target = 'body') {
  await stageFiles(page, files);
  await dropStaged(page, target);
}

/** Build the DataTransfer in the page first (so building it is not timed with the drop). */
export async function stageFiles(page, files) {
  const payload = files.map((f) => ({ name: f.name, type: f.mimeType || '', b64: Buffer.from(f.buffer).toString('base64') }));
  await page.evaluate((payload) => {
    const dt = new DataTransfer();
    for (const f of payload) {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f.name, { type: f.type }));
    }
    globalThis.__staged = dt;
  }, payload);
}

export async function dropStaged(page, target = 'body') {
  await page.evaluate((target) => {
    const dt = globalThis.__staged;
    const el = document.querySelector(target);
    for (const type of ['dragenter', 'dragover', 'drop']) {
      el.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, target);
}

/** Wait until every file of the current batch is done. */
export async function waitBatch(page, timeout = 60000) {
  await page.waitForFunction(() => {
    const b = globalThis.readout?.state?.batch;
    return b && b.done === b.total && readout.state.items.every((i) => i.status !== 'queued' && i.status !== 'running');
  }, null, { timeout });
  // Rows are rendered on the next animation frame.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** An article that tries everything: scripts, handlers, javascript: links, frames, SVG script, CSS fetches. */
export function hostileHtml(evil = 'http://evil.invalid') {
  return `<!doctype html><html><head><title>王毅会见某国外长</title>
<style>body{background:url(${evil}/css-bg.png)} @import url(${evil}/import.css);</style>
<link rel="stylesheet" href="${evil}/style.css"><meta http-equiv="refresh" content="0;url=${evil}/refresh">
<script>window.top.__pwned = 'script'</script></head><body>
<h1>王毅会见某国外长 <img src="${evil}/x.png" onerror="window.top.__pwned='img'"></h1>
<p>2021年10月13日，国务委员兼外长王毅在北京会见某国外长。<a href="javascript:window.top.__pwned='link'">点击</a>
<iframe src="${evil}/frame" onload="window.top.__pwned='iframe'"></iframe></p>
<svg xmlns="http://www.w3.org/2000/svg" onload="window.top.__pwned='svg'"><script>window.top.__pwned='svgscript'</script><image href="${evil}/svg.png"/></svg>
<p style="background-image:url(${evil}/inline.png)">王毅说，&lt;script&gt;alert(1)&lt;/script&gt; 双方同意加强合作。<object data="${evil}/obj"></object><embed src="${evil}/embed"></p>
<form action="${evil}/form"><input autofocus onfocus="window.top.__pwned='focus'"></form>
</body></html>`;
}

/** Count the ways hostile content could have become live in the page. */
export async function hostileChecks(page) {
  return page.evaluate(() => ({
    pwned: globalThis.__pwned ?? null,
    violations: globalThis.__violations ?? null,
    live: document.querySelectorAll('#detail :is(img, iframe, script, svg, object, embed, a, form, input, style, link)').length,
  }));
}

/** A server for www/ and a browser, started before the file's tests and closed after them. */
export function withBrowser() {
  const ctx = {};
  before(async () => {
    requireBuilt();
    ctx.server = await serve();
    ctx.browser = await launch();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
  });
  return ctx;
}

/**
 * A new page on the server, English, with the given table view, once its analyzer is ready. Console
 * errors, page errors and every request it makes are recorded in `log`.
 */
export async function openPage({ browser, server }, { query = '', view = 'files' } = {}) {
  const page = await browser.newPage();
  await page.addInitScript((view) => {
    localStorage.setItem('readout.lang', 'en');
    localStorage.setItem('readout.view', view);
  }, view);
  const log = { errors: [], requests: [] };
  page.on('pageerror', (e) => log.errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && log.errors.push(m.text()));
  page.on('request', (r) => log.requests.push(r.url()));
  await page.goto(server.url + query);
  await page.waitForFunction(() => globalThis.readout?.stats.initMs.length > 0, null, { timeout: 60000 });
  return { page, log };
}

/** axe-core's violations of the given impacts on the page as it is now, one line each (none: []). */
export async function axeViolations(page, impacts = ['serious', 'critical']) {
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  const { violations } = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
  return violations.filter((v) => impacts.includes(v.impact))
    .map((v) => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}
