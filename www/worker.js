// One analysis worker: owns a wasm instance, analyzes one file at a time. The main thread compiles the
// module once and sends it here, so a pool of workers shares one compilation (and the single-file build
// can hand over a module compiled from inlined bytes).
import init, { analyzeBytes, collectReports, loadTables } from './pkg/readout.js';

let ready = null;

// --- Segmentation tables (pkg/terms.bin, ~1 MB compressed): fetched from the worker's first moment, so
// the download overlaps the main thread's compile; loaded into the instance once it exists. Reports made
// before that have no `terms`. The collection worker does not need them and aborts the fetch.
const tablesAbort = new AbortController();
// The single-file build (tools/single.mjs) defines READOUT_TABLES_B64 in front of this script instead.
const tablesFetch = typeof READOUT_TABLES_B64 === 'string'
  ? Promise.resolve(Uint8Array.from(atob(READOUT_TABLES_B64), (c) => c.charCodeAt(0)))
  : fetch(new URL('pkg/terms.bin', self.location.href), { signal: tablesAbort.signal })
    .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`pkg/terms.bin: HTTP ${r.status}`))));
tablesFetch.catch(() => {}); // reported by loadTermsTables, if anyone waits for the tables

/** Load the tables (given bytes, or the fetched file) into the ready instance, then run a realistic
 * warm-up so the first real article is fast. Posts {type:'tables', words, ms} or {type:'tables-error'}. */
async function loadTermsTables(given) {
  const t0 = performance.now();
  try {
    const bytes = new Uint8Array(given || (await tablesFetch));
    await ready;
    const words = loadTables(bytes);
    for (const [name, text] of WARM_UP) {
      try { analyzeBytes(new TextEncoder().encode(text), name, undefined); } catch { /* nothing to keep */ }
    }
    self.postMessage({ type: 'tables', words, ms: performance.now() - t0 });
  } catch (e) {
    self.postMessage({ type: 'tables-error', error: { name: e.name || 'Error', message: String(e.message || e) } });
  }
}

// Made-up articles, one per input format, long enough to run every stage (segmentation, keywords, highlights).
const WARM_BODY = ['新华社北京10月13日电 10月13日，国务委员兼外长王毅同智利外长阿拉芒通电话。',
  '王毅表示，中方愿同智方一道，推动两国全面战略伙伴关系不断向前发展，共建“一带一路”合作取得更多成果。',
  '阿拉芒表示，智方坚持一个中国原则，愿同中方加强经贸、科技、人文等领域合作，双边贸易额增长19.8％。',
  '双方还就共同关心的国际和地区问题交换了意见。'];
const WARM_UP = [
  ['warm-up.txt', `王毅同智利外长阿拉芒通电话\n${WARM_BODY.join('\n')}`],
  ['warm-up.md', `---\ntitle: 王毅同智利外长阿拉芒通电话\ndate: 2021-10-13\n---\n\n${WARM_BODY.join('\n\n')}`],
  ['warm-up.html', `<html><head><title>王毅同智利外长阿拉芒通电话</title></head><body><h1>王毅同智利外长阿拉芒通电话</h1>${WARM_BODY.map((p) => `<p>${p}</p>`).join('')}</body></html>`],
];

self.onmessage = async (ev) => {
  const msg = ev.data;
  if (msg.type === 'init') {
    const t0 = performance.now();
    ready = init({ module_or_path: msg.module });
    ready.then((exports) => { self.readoutWasm = exports; }, () => {}); // the bench reads its memory size
    try {
      await ready;
      if (msg.warm === false) {
        tablesAbort.abort();
        self.postMessage({ type: 'ready', ms: performance.now() - t0 });
        return;
      }
      // With termsLater the page takes reports without terms until {type:'tables'} arrives; without it,
      // 'ready' waits for the tables, as before they were a file of their own.
      const tables = loadTermsTables(msg.tables);
      if (!msg.termsLater) await tables;
      self.postMessage({ type: 'ready', ms: performance.now() - t0 });
    } catch (e) {
      self.postMessage({ type: 'init-error', error: { name: e.name || 'Error', message: String(e.message || e) } });
    }
    return;
  }
  if (msg.type === 'collect') {
    // Grouping many reports: done here so the page's thread stays free.
    await ready;
    const t0 = performance.now();
    try {
      self.postMessage({ type: 'collection', id: msg.id, collection: collectReports(msg.reports), ms: performance.now() - t0 });
    } catch (e) {
      self.postMessage({ type: 'collection-error', id: msg.id, error: { name: (e && e.name) || 'Error', message: String((e && e.message) || e) } });
    }
    return;
  }
  if (msg.type === 'analyze') {
    await ready;
    const t0 = performance.now();
    try {
      const bytes = new Uint8Array(await msg.file.arrayBuffer());
      const report = analyzeBytes(bytes, msg.name, msg.maxBytes);
      self.postMessage({ type: 'result', id: msg.id, report, ms: performance.now() - t0 });
    } catch (e) {
      // The wasm layer throws an Error whose name is the error kind (binary, empty, too_large, …).
      const error = { name: (e && e.name) || 'Error', message: String((e && e.message) || e) };
      // A trap (a Rust panic) may leave the instance inconsistent: ask to be replaced.
      const fatal = e instanceof WebAssembly.RuntimeError;
      self.postMessage({ type: 'error', id: msg.id, error, fatal, ms: performance.now() - t0 });
    }
  }
};
