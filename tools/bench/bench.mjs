// `./build.sh bench`: every row of issue #11's table, measured in one run, min / median over repeats.
//
//   node tools/bench/bench.mjs [--repeats N] [--corpus DIR] [--files N]
//
// Needs www/ built (./build.sh wasm), target/release/readout, target/release/examples/bench_native, and
// target/venv with trafilatura + jieba (build.sh bench sets all of them up). The corpus (READOUT_CORPUS or
// --corpus; default ../shared/corpus/raw) is read in place and never copied; rows that need it are skipped
// with a message when it is absent. Writes only under target/bench/.
import { createServer } from 'node:http';
import { readFile, stat, mkdir, mkdtemp, writeFile, rm } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WWW = path.join(ROOT, 'www');
const OUT = path.join(ROOT, 'target/bench');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

const opt = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : dflt; };
const REPEATS = Number(opt('--repeats', 3));
const CLI_FILES = Number(opt('--files', 10000));
const BATCH = 1000;
// The corpus sits beside the main checkout (../shared); a worktree finds it at /work/shared.
const CORPUS = path.resolve(opt('--corpus', process.env.READOUT_CORPUS
  || [path.join(ROOT, '../shared/corpus/raw'), '/work/shared/corpus/raw'].find((d) => existsSync(d)) || path.join(ROOT, '../shared/corpus/raw')));
const HAVE_CORPUS = existsSync(CORPUS) && statSync(CORPUS).isDirectory();
const SEEDS = path.join(ROOT, 'tests/fixtures/seeds');

// ---------- helpers ----------
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => { const s = sorted(xs); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };
const quantile = (xs, q) => { const s = sorted(xs); return s.length ? s[Math.round((s.length - 1) * q)] : NaN; };
const minmed = (xs, unit = '', digits = 0) => xs.length ? `${Math.min(...xs).toFixed(digits)} / ${median(xs).toFixed(digits)}${unit}` : 'n/a';
const mb = (n) => (n / 1048576).toFixed(2);
const log = (...a) => console.error('bench:', ...a);

function walk(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p)); else if (e.isFile()) out.push(p);
  }
  return out;
}
const corpusFiles = HAVE_CORPUS ? walk(CORPUS) : [];
const seedFiles = readdirSync(SEEDS).filter((n) => !n.startsWith('.') && !n.includes('.expected.')).sort().map((n) => path.join(SEEDS, n));

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };

/** Serve www/ (and the corpus, read in place, under /__corpus/) and record every path requested. */
async function serve() {
  const requests = new Set();
  const server = createServer(async (req, res) => {
    try {
      let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let base = WWW;
      if (p.startsWith('/__corpus/')) { base = CORPUS; p = p.slice('/__corpus'.length); } else requests.add(p);
      if (p.endsWith('/')) p += 'index.html';
      const file = path.join(base, path.normalize(p));
      if (!file.startsWith(base) || !(await stat(file)).isFile()) throw new Error('no');
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(await readFile(file));
    } catch {
      res.writeHead(404); res.end('not found');
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const sockets = new Set();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  return { url: `http://127.0.0.1:${server.address().port}/`, requests,
    close: () => new Promise((r) => { for (const s of sockets) s.destroy(); server.close(r); }) };
}

const READY = () => /Analyzer ready|分析器已就绪/.test(document.querySelector('#engine-status')?.textContent || '');

/** Time from navigation start until the analyzer says it is ready, in the page's own clock. */
async function timeReady(page) {
  await page.waitForFunction(READY, null, { timeout: 60000, polling: 5 });
  return page.evaluate(() => performance.now());
}

/** Drop one file (fetched from `url`) and time until the frame after its card is in the DOM. */
async function dropOne(page, url, name) {
  return page.evaluate(async ({ url, name }) => {
    const bytes = await (await fetch(url)).arrayBuffer();
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], name, { type: 'text/plain' }));
    const sel = `article.article:not(.loading)[data-file="${CSS.escape(name)}"]`;
    const t0 = performance.now();
    const shown = new Promise((resolve) => {
      const check = () => document.querySelector(sel) && (obs.disconnect(), requestAnimationFrame(() => resolve(performance.now())));
      const obs = new MutationObserver(check);
      obs.observe(document.body, { childList: true, subtree: true });
      check();
    });
    for (const type of ['dragenter', 'dragover', 'drop']) document.body.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    return (await shown) - t0;
  }, { url, name });
}

/** Resident memory (kB) of the largest renderer process below `pid` (the page's; Linux /proc). */
function rendererRssKb(pid) {
  const kids = new Map();
  for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const st = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(st.slice(st.lastIndexOf(')') + 2).split(' ')[1]);
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(Number(d));
    } catch { /* gone */ }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    for (const k of kids.get(p) || []) {
      stack.push(k);
      try {
        const cmd = readFileSync(`/proc/${k}/cmdline`, 'utf8');
        if (cmd.includes('--type=renderer') && !cmd.includes('--extension-process')) {
          total = Math.max(total, Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${k}/status`, 'utf8'))?.[1] || 0));
        }
      } catch { /* gone */ }
    }
  }
  return total;
}

async function wasmMemory(page) {
  let sum = 0;
  const each = [];
  for (const w of page.workers()) {
    const n = await w.evaluate(() => self.readoutWasm?.memory?.buffer?.byteLength || 0).catch(() => 0);
    sum += n;
    if (n) each.push(n);
  }
  return { sum, each };
}

// ---------- browser rows ----------
async function browserRows(rows) {
  const server = await serve();
  try {
    // Page open → ready: a cold profile each time, then a second visit (HTTP cache, service worker).
    const cold = [], warm = [], drop = [];
    for (let i = 0; i < REPEATS; i++) {
      const dir = await mkdtemp(path.join(OUT, 'profile-'));
      const ctx = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: ARGS, headless: true, locale: 'en-US', viewport: { width: 1360, height: 900 } });
      const page = ctx.pages()[0] || await ctx.newPage();
      await page.goto(server.url);
      cold.push(await timeReady(page));
      await page.waitForTimeout(300); // let the service worker finish installing
      await page.reload();
      warm.push(await timeReady(page));
      // Drop one seed on the ready page (a different one each time).
      const seed = seedFiles[i % seedFiles.length];
      drop.push(await dropOne(page, `${server.url}samples/${encodeURIComponent(path.basename(seed))}`, path.basename(seed)));
      await ctx.close();
      await rm(dir, { recursive: true, force: true });
    }
    rows.push(['page open → analyzer ready, first visit (cold profile)', minmed(cold, ' ms'), '≤ 350 ms']);
    rows.push(['page open → analyzer ready, second visit', minmed(warm, ' ms'), '']);
    rows.push(['drop one article on a ready page → card painted', minmed(drop, ' ms'), '≤ 50 ms']);

    // Sizes: every file the page asked for (the worker's tables included), raw / gzip -9 / brotli -q 11.
    const files = [...server.requests].filter((p) => !p.startsWith('/samples/') || p === '/samples/index.json')
      .map((p) => (p === '/' ? '/index.html' : p)).filter((p, i, a) => a.indexOf(p) === i && existsSync(path.join(WWW, p))).sort();
    let tot = [0, 0, 0];
    const sizeLines = [];
    for (const p of files) {
      const buf = readFileSync(path.join(WWW, p));
      const s = [buf.length, gzipSync(buf, { level: 9 }).length, brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length];
      tot = tot.map((t, i) => t + s[i]);
      sizeLines.push(`    ${p.padEnd(28)} ${String(s[0]).padStart(9)} ${String(s[1]).padStart(9)} ${String(s[2]).padStart(9)}`);
    }
    rows.push(['whole app on the wire (raw / gzip / brotli, MB)', `${mb(tot[0])} / ${mb(tot[1])} / ${mb(tot[2])}`, '≤ 2 MB brotli']);
    rows.sizes = ['    file                              raw      gzip    brotli', ...sizeLines];

    if (!HAVE_CORPUS) {
      log(`corpus not found at ${CORPUS}: the per-article, 1,000-file and memory rows are skipped`);
      rows.push(['per-article in the worker / 1,000 files / memory', `skipped: no corpus at ${CORPUS}`, '']);
      return;
    }
    const rel = corpusFiles.map((f) => path.relative(CORPUS, f));

    // Per article, warm, in a worker of the page's own kind.
    {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
      const page = await browser.newPage();
      await page.goto(server.url);
      await timeReady(page);
      const res = await page.evaluate(async ({ rel, rounds }) => {
        const module = await WebAssembly.compileStreaming(fetch('pkg/readout_bg.wasm'));
        const w = new Worker('worker.js', { type: 'module', name: 'bench' });
        let resolve;
        let seq = 0;
        w.onmessage = (ev) => resolve?.(ev.data);
        const next = (msg) => new Promise((r) => { resolve = r; w.postMessage(msg); });
        let m = await next({ type: 'init', module });
        while (m.type !== 'ready') m = await new Promise((r) => { resolve = r; });
        const blobs = await Promise.all(rel.map(async (f) => new File([await (await fetch(`__corpus/${f}`)).arrayBuffer()], f.split('/').pop())));
        const ms = [];
        for (let round = 0; round <= rounds; round++) {
          for (const file of blobs) {
            const r = await next({ type: 'analyze', id: ++seq, name: file.name, file, maxBytes: 20 << 20 });
            if (round > 0 && r.type === 'result') ms.push(r.ms);
          }
        }
        return { ms };
      }, { rel, rounds: REPEATS });
      const mem = await wasmMemory(page);
      rows.push(['per-article, warm, in the worker: median / p95', `${median(res.ms).toFixed(2)} / ${quantile(res.ms, 0.95).toFixed(2)} ms (${res.ms.length} analyses)`, '≤ 0.5 / ≤ 3 ms']);
      rows.push(['wasm memory of one analysis worker after the corpus', `${mb(Math.max(...mem.each, 0))} MB`, '']);
      await browser.close();
    }

    // 1,000 files dropped at once → all shown.
    {
      const times = [], busy = [], longest = [], wasm = [], rss = [];
      const names = Array.from({ length: BATCH }, (_, i) => rel[i % rel.length]);
      for (let i = 0; i < Math.min(REPEATS, 2); i++) {
        // A browser server, so that its process (and the page's renderer below it) can be measured.
        const bserver = await chromium.launchServer({ executablePath: CHROMIUM, args: ARGS, headless: true });
        const browser = await chromium.connect(bserver.wsEndpoint());
        const page = await browser.newPage({ viewport: { width: 1360, height: 900 }, locale: 'en-US' });
        await page.goto(server.url);
        await timeReady(page);
        await page.evaluate(async (names) => {
          const cache = new Map();
          const dt = new DataTransfer();
          for (let k = 0; k < names.length; k++) {
            const f = names[k];
            if (!cache.has(f)) cache.set(f, await (await fetch(`__corpus/${f}`)).arrayBuffer());
            dt.items.add(new File([cache.get(f)], `${String(k).padStart(4, '0')}-${f.replace(/\//g, '-')}`));
          }
          globalThis.__staged = dt;
          globalThis.__long = [];
          new PerformanceObserver((l) => { for (const e of l.getEntries()) globalThis.__long.push(e.duration); }).observe({ type: 'longtask', buffered: false });
        }, names);
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable');
        const metric = async (n) => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === n)?.value || 0;
        const busy0 = await metric('TaskDuration');
        const elapsed = await page.evaluate(async () => {
          const t0 = performance.now();
          for (const type of ['dragenter', 'dragover', 'drop']) document.body.dispatchEvent(new DragEvent(type, { dataTransfer: globalThis.__staged, bubbles: true, cancelable: true }));
          await new Promise((resolve) => {
            const tick = () => {
              const b = globalThis.readout?.state?.batch;
              if (b && b.done === b.total && b.total > 0 && !document.querySelector('#results tbody.status-queued, #results tbody.status-running')) resolve();
              else setTimeout(tick, 20);
            };
            tick();
          });
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          return performance.now() - t0;
        }).catch((e) => { log('1,000 files:', e.message); return NaN; });
        times.push(elapsed);
        busy.push((await metric('TaskDuration')) - busy0);
        longest.push(await page.evaluate(() => Math.max(0, ...globalThis.__long)));
        wasm.push((await wasmMemory(page)).sum);
        rss.push(rendererRssKb(bserver.process().pid) * 1024);
        await browser.close();
        await bserver.close();
      }
      rows.push([`${BATCH} files dropped → all shown`, minmed(times.map((t) => t / 1000), ' s', 1), '≤ 1.5 s, page responsive']);
      rows.push(['  main thread busy during the batch / longest task', `${minmed(busy, ' s', 1)} / ${minmed(longest, ' ms')}`, '']);
      rows.push(['memory after 1,000: wasm (all workers) / page process RSS', `${minmed(wasm.map((x) => x / 1048576), ' MB')} / ${minmed(rss.map((x) => x / 1048576), ' MB')}`, 'wasm ≤ 40 MB, page ≤ 150 MB']);
    }
  } finally {
    await server.close();
  }
}

// ---------- native rows ----------
function run(cmd, args, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { maxBuffer: 1 << 30, encoding: 'utf8', ...opts });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  return { ...r, ms };
}

async function nativeRows(rows) {
  const bin = path.join(ROOT, 'target/release/readout');
  const tiny = path.join(OUT, 'tiny.txt');
  await writeFile(tiny, '王毅同智利外长阿拉芒通电话\n10月13日，王毅同智利外长阿拉芒通电话。\n');
  const start = [];
  for (let i = 0; i < 10; i++) start.push(run(bin, ['analyze', '--jsonl', tiny]).ms);
  if (!HAVE_CORPUS) {
    rows.push(['native CLI start-up (one small file)', minmed(start, ' ms', 1), '≤ 30 ms']);
    rows.push(['native CLI on the corpus', `skipped: no corpus at ${CORPUS}`, '']);
    return;
  }
  const stages = JSON.parse(run(path.join(ROOT, 'target/release/examples/bench_native'), ['--rounds', String(REPEATS), CORPUS]).stdout);
  const list = Array.from({ length: CLI_FILES }, (_, i) => corpusFiles[i % corpusFiles.length]);
  const bytes = list.reduce((s, f) => s + statSync(f).size, 0);
  await writeFile(path.join(OUT, 'files.txt'), list.join('\n') + '\n');
  const wall = [];
  for (let i = 0; i < REPEATS; i++) {
    const r = run(bin, ['analyze', '--jsonl', ...list], { stdio: ['ignore', 'ignore', 'ignore'] });
    wall.push(r.ms);
  }
  const fps = wall.map((ms) => CLI_FILES / (ms / 1000));
  rows.push([`native CLI, ${CLI_FILES.toLocaleString('en')} files (corpus repeated), one process`, `${minmed(fps, ' files/s')}; ${(bytes / 1e6 / (Math.min(...wall) / 1000)).toFixed(1)} MB/s best`, 'all cores']);
  rows.push(['native per article, one core: median / p95 / mean', `${stages.median_ms.toFixed(3)} / ${stages.p95_ms.toFixed(3)} / ${stages.mean_ms.toFixed(3)} ms`, '≤ 0.2 ms median']);
  rows.push(['  stage shares', Object.entries(stages.shares).map(([k, v]) => `${k} ${(v * 100).toFixed(0)} %`).join(', '), '']);
  rows.push(['native CLI start-up (one small file, incl. tables load)', `${minmed(start, ' ms', 1)} (tables ${stages.tables_load_ms.toFixed(0)} ms of it)`, '≤ 30 ms']);

  // trafilatura (and trafilatura + jieba) on the same files, in-process, for the ratio.
  const py = path.join(ROOT, 'target/venv/bin/python');
  if (!existsSync(py)) {
    rows.push(['native CLI ÷ trafilatura', 'skipped: target/venv missing (./build.sh bench installs it)', '≥ 30×']);
    return;
  }
  const budget = String(Number(opt('--trafilatura-seconds', 60)));
  const tr = JSON.parse(run(py, [path.join(ROOT, 'tools/bench/trafilatura_run.py'), path.join(OUT, 'files.txt'), budget]).stdout);
  const best = Math.max(...fps);
  rows.push(['native CLI ÷ trafilatura (same files, same run)', `${(best / tr.trafilatura).toFixed(1)}× (trafilatura ${tr.trafilatura.toFixed(0)} files/s over ${tr.files_trafilatura} files)`, '≥ 30×']);
  rows.push(['native CLI ÷ trafilatura + jieba TF-IDF', `${(best / tr.with_jieba).toFixed(1)}× (${tr.with_jieba.toFixed(0)} files/s over ${tr.files_with_jieba} files)`, '']);
}

// ---------- main ----------
await mkdir(OUT, { recursive: true });
log(`repeats ${REPEATS}; corpus ${HAVE_CORPUS ? `${CORPUS} (${corpusFiles.length} files)` : 'absent'}; load ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
const rows = [];
await nativeRows(rows);
await browserRows(rows);
const w = Math.max(...rows.map((r) => r[0].length));
const lines = [`Readout bench — ${new Date().toISOString()} — min / median of ${REPEATS} — load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`, ''];
for (const [a, b, c] of rows) lines.push(`${a.padEnd(w)}  ${b}${c ? `   [goal ${c}]` : ''}`);
if (rows.sizes) lines.push('', 'files the page loads (bytes):', ...rows.sizes);
const text = lines.join('\n');
console.log(text);
await writeFile(path.join(OUT, 'report.txt'), text + '\n');
