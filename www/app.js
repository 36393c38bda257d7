// Readout's page. The main thread only renders: files go to a pool of Web Workers that run the wasm
// analyzer. Article content is only ever inserted as text (textContent / text nodes), never as HTML.
import { STRINGS } from './i18n.js';

// ---------------------------------------------------------------- configuration

const params = new URLSearchParams(location.search);
const numParam = (k, d) => (params.has(k) && Number.isFinite(+params.get(k)) && +params.get(k) > 0 ? +params.get(k) : d);
/** Files larger than this are refused before they are read (the wasm refuses them too). */
export const MAX_FILE_BYTES = numParam('maxBytes', 20 * 1024 * 1024);
/** A worker that spends longer than this on one file is terminated and the file reported. */
export const FILE_TIME_BUDGET_MS = numParam('budget', 15000);
// One core is left to the page itself so it stays responsive during a big batch.
const MAX_WORKERS = Math.max(1, Math.min(numParam('workers', (navigator.hardwareConcurrency || 2) - 1), 8));
const SINGLE = !!document.getElementById('readout-wasm');

const CATEGORIES = ['people', 'titles', 'places', 'orgs', 'policy', 'dates', 'numbers', 'other'];

// ---------------------------------------------------------------- i18n

let lang = (() => {
  try {
    const saved = localStorage.getItem('readout.lang');
    if (saved === 'en' || saved === 'zh') return saved;
  } catch { /* storage may be unavailable (file://, private mode) */ }
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
})();

function t(key, vars) {
  let s = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

function applyStatic() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-aria]')) el.setAttribute('aria-label', t(el.dataset.i18nAria));
  for (const el of document.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
}

function setLang(l) {
  lang = l;
  try { localStorage.setItem('readout.lang', l); } catch { /* ignore */ }
  regionNames = null;
  applyStatic();
  // Rows are re-rendered a frame-sized slice at a time: a big table never blocks input.
  for (const item of state.items) dirty.add(item);
  schedule(null);
  renderOverview();
  renderProgress();
  renderInsights();
  renderGroups();
  // The article is redrawn after the next frame has shown the switch.
  requestAnimationFrame(() => setTimeout(() => state.selected && renderDetail(state.selected)));
}

let regionNames = null;
function countryName(code) {
  if (!code) return '';
  try {
    regionNames ??= new Intl.DisplayNames([lang === 'zh' ? 'zh-CN' : 'en'], { type: 'region' });
    return regionNames.of(String(code).toUpperCase()) || code;
  } catch {
    return code;
  }
}

// Country codes are shown as a small badge, not as flag emoji: Windows and many Linux systems have no
// flag glyphs and would show two letters or boxes.
function flag(code) {
  return /^[A-Za-z]{2}$/.test(code || '') ? code.toUpperCase() : '';
}

// ---------------------------------------------------------------- DOM helpers (text only)

/** Create an element. Children that are strings become text nodes: content is never parsed as HTML. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'dataset') { for (const [dk, dv] of Object.entries(v)) if (dv != null) el.dataset[dk] = dv; }
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const $ = (sel) => document.querySelector(sel);
const str = (v) => (typeof v === 'string' ? v : v == null ? '' : String(v));
const arr = (v) => (Array.isArray(v) ? v : []);
const obj = (v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});

function fmtBytes(n) {
  if (n >= 1048576) return `${(n / 1048576).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${n} B`;
}

// ---------------------------------------------------------------- the wasm engine and the worker pool

const stats = { compileMs: null, initMs: [], files: [], batches: [], mainMaxMs: 0, collectMs: [] };
/** Run `fn`, keeping the longest time the page's own code held the main thread (for the tests' budget). */
function timed(fn) {
  return function (...args) {
    const t0 = performance.now();
    try {
      return fn.apply(this, args);
    } finally {
      stats.mainMaxMs = Math.max(stats.mainMaxMs, performance.now() - t0);
    }
  };
}
let modulePromise = null;

function base64ToBytes(b64) {
  b64 = b64.replace(/\s+/g, '');
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(b64);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Compile the wasm once; every worker instantiates the same module. */
function wasmModule() {
  if (!modulePromise) {
    const t0 = performance.now();
    if (SINGLE) {
      const bytes = base64ToBytes(document.getElementById('readout-wasm').textContent);
      modulePromise = WebAssembly.compile(bytes);
    } else {
      const url = new URL('pkg/readout_bg.wasm', location.href);
      modulePromise = WebAssembly.compileStreaming(fetch(url)).catch(async () =>
        WebAssembly.compile(await (await fetch(url)).arrayBuffer()),
      );
    }
    modulePromise.then(() => (stats.compileMs = performance.now() - t0));
  }
  return modulePromise;
}

let workerUrl = null;
function makeWorker() {
  if (!SINGLE) return new Worker(new URL('worker.js', location.href), { type: 'module', name: 'readout' });
  if (!workerUrl) {
    // file:// cannot load module scripts by URL: the worker (with the glue inlined) travels as text.
    const src = document.getElementById('readout-worker').textContent;
    workerUrl = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
  }
  return new Worker(workerUrl, { name: 'readout' });
}

class Pool {
  constructor(max) {
    this.max = max;
    this.slots = [];
    this.queue = [];
    this.initFailures = 0;
    this.broken = null;
  }

  spawn() {
    const slot = { w: makeWorker(), job: null, ready: false, timer: 0 };
    slot.w.onmessage = timed((ev) => this.onMessage(slot, ev.data));
    slot.w.onerror = (ev) => {
      ev.preventDefault();
      this.onCrash(slot, ev.message || 'worker error');
    };
    wasmModule().then(
      (module) => slot.w.postMessage({ type: 'init', module }),
      (e) => this.fail(String(e.message || e)),
    );
    this.slots.push(slot);
  }

  /** Stop trying: every queued file gets the engine's error. */
  fail(msg) {
    this.broken = msg;
    showEngineStatus(t('err_init', { msg }), true);
    for (const job of this.queue.splice(0)) job.done({ error: { name: 'init', message: t('err_init', { msg }) } });
  }

  submit(job) {
    if (this.broken) {
      job.done({ error: { name: 'init', message: t('err_init', { msg: this.broken }) } });
      return;
    }
    this.queue.push(job);
    // Big batches get more workers, up to the machine's cores; a few files are done by one warm worker.
    const want = Math.min(this.max, Math.max(1, Math.ceil(this.queue.length / 3)));
    while (this.slots.length < want) this.spawn();
    this.pump();
  }

  pump() {
    for (const s of this.slots) {
      if (s.ready && !s.job && this.queue.length) this.dispatch(s, this.queue.shift());
    }
  }

  dispatch(s, job) {
    s.job = job;
    job.started = performance.now();
    job.onStart?.();
    s.timer = setTimeout(() => this.onTimeout(s), FILE_TIME_BUDGET_MS);
    s.w.postMessage({ type: 'analyze', id: job.id, name: job.name, file: job.blob, maxBytes: MAX_FILE_BYTES });
  }

  onMessage(s, m) {
    if (m.type === 'ready') {
      s.ready = true;
      this.initFailures = 0;
      stats.initMs.push(m.ms);
      showEngineStatus(t('engine_ready', { ms: Math.round((stats.compileMs || 0) + m.ms) }));
      this.pump();
    } else if (m.type === 'init-error') {
      this.onCrash(s, m.error.message);
    } else if (m.type === 'result' || m.type === 'error') {
      clearTimeout(s.timer);
      const job = s.job;
      s.job = null;
      if (m.fatal) this.replace(s);
      job?.done(m.type === 'result' ? { report: m.report, ms: m.ms } : { error: m.error, ms: m.ms });
      this.pump();
    }
  }

  onTimeout(s) {
    const job = s.job;
    this.replace(s);
    job?.done({
      error: { name: 'timeout', message: t('err_timeout', { name: job.name, s: FILE_TIME_BUDGET_MS / 1000 }) },
    });
    this.pump();
  }

  onCrash(s, msg) {
    clearTimeout(s.timer);
    const job = s.job;
    const wasReady = s.ready;
    this.replace(s, !wasReady);
    if (job) job.done({ error: { name: 'worker', message: t('err_worker', { name: job.name, msg }) } });
    if (!wasReady && ++this.initFailures >= 3) this.fail(msg);
    this.pump();
  }

  replace(s, noRespawn = false) {
    clearTimeout(s.timer);
    s.w.terminate();
    this.slots = this.slots.filter((x) => x !== s);
    if (!noRespawn || this.initFailures < 2) this.spawn();
  }

  cancel() {
    const jobs = this.queue.splice(0);
    for (const s of [...this.slots]) {
      if (s.job) {
        jobs.push(s.job);
        s.job = null;
        this.replace(s);
      }
    }
    for (const job of jobs) job.done({ cancelled: true });
  }
}

const pool = new Pool(MAX_WORKERS);

function showEngineStatus(text, bad = false) {
  const el = $('#engine-status');
  if (!el) return;
  el.textContent = text;
  el.classList.toggle('bad', bad);
}

// ---------------------------------------------------------------- batches

const state = {
  items: [], // { seq, name, size, status: queued|running|ok|error|cancelled, report, error, ms, tbody }
  selected: null,
  batch: null, // { total, done, t0, cancelled }
  hidden: new Set(),
  filter: null, // { key, label }: the grouped table shows only contacts counted under key
};
let seq = 0;

function addFiles(files) {
  files = files.filter((f) => f && f.blob);
  if (!files.length) return;
  $('#empty').hidden = true;
  $('#overview').hidden = false;
  $('#detail').hidden = false;
  if (!state.batch || state.batch.done >= state.batch.total) {
    state.batch = { total: 0, done: 0, t0: performance.now(), cancelled: 0 };
  }
  const batch = state.batch;
  batch.total += files.length;
  const tbodyFrag = document.createDocumentFragment();
  for (const f of files) {
    const item = { seq: ++seq, name: f.name, size: f.blob.size, status: 'queued', report: null, error: null, ms: 0 };
    item.tbody = h('tbody', { dataset: { file: f.name, seq: String(item.seq) } });
    state.items.push(item);
    renderRows(item);
    tbodyFrag.append(item.tbody);
    const finish = (res) => {
      if (res.cancelled) {
        item.status = 'cancelled';
        batch.cancelled++;
      } else if (res.error) {
        item.status = 'error';
        item.error = { kind: res.error.name || 'error', message: res.error.message || String(res.error) };
      } else {
        item.status = 'ok';
        item.report = res.report;
      }
      item.ms = res.ms || 0;
      item.stale = true;
      coll.dirty = true;
      if (res.ms != null) stats.files.push({ name: item.name, ms: res.ms });
      batch.done++;
      if (batch.done === batch.total) {
        batch.ms = performance.now() - batch.t0;
        stats.batches.push({ files: batch.total, ms: batch.ms });
      }
      schedule(item);
    };
    if (item.size > MAX_FILE_BYTES) {
      finish({
        error: {
          name: 'too_large',
          message: t('err_too_large', { name: f.name, size: fmtBytes(item.size), limit: fmtBytes(MAX_FILE_BYTES) }),
        },
      });
      continue;
    }
    pool.submit({
      id: item.seq,
      name: f.name,
      blob: f.blob,
      onStart: () => {
        item.status = 'running';
        item.stale = true;
        schedule(item);
      },
      done: finish,
    });
  }
  $('#results').append(tbodyFrag);
  schedule(null);
}

// Rendering is batched per animation frame so a fast stream of results never blocks input.
const dirty = new Set();
let frame = 0;
function schedule(item) {
  if (item) dirty.add(item);
  if (!frame) frame = requestAnimationFrame(flush);
}
const flush = timed(() => {
  frame = 0;
  const t0 = performance.now();
  for (const item of dirty) {
    dirty.delete(item);
    renderRows(item);
    if (!state.selected && item.status === 'ok') select(item, false);
    else if (state.selected === item && item.stale) renderDetail(item);
    item.stale = false;
    if (performance.now() - t0 > 8) break; // leave the rest for the next frame
  }
  renderProgress();
  renderOverview();
  if (coll.dirty) {
    coll.dirty = false;
    scheduleCollect();
  }
  if (dirty.size) frame = requestAnimationFrame(flush);
});

function renderProgress() {
  const b = state.batch;
  const box = $('#progress');
  if (!b) return;
  const running = b.done < b.total;
  box.hidden = false;
  box.classList.toggle('finished', !running);
  const bar = $('#progress-bar');
  bar.max = b.total;
  bar.value = b.done;
  const secs = ((running ? performance.now() : b.t0 + b.ms) - b.t0) / 1000;
  const rate = secs > 0 ? b.done / secs : 0;
  $('#progress-text').textContent = running
    ? `${t('progress', { done: b.done, total: b.total })} · ${t('rate', { rate: rate.toFixed(rate < 10 ? 1 : 0) })}`
    : `${t('done_in', { n: b.total, s: secs.toFixed(secs < 10 ? 2 : 1) })} · ${t('rate', { rate: rate.toFixed(0) })}` +
      (b.cancelled ? ` · ${t('cancelled')}: ${b.cancelled}` : '');
  $('#cancel').hidden = !running;
  if (running && !progressTimer) progressTimer = setInterval(renderProgress, 250);
  if (!running && progressTimer) {
    clearInterval(progressTimer);
    progressTimer = 0;
  }
}
let progressTimer = 0;

function renderOverview() {
  const done = state.items.filter((i) => i.status === 'ok');
  const contacts = done.reduce((n, i) => n + arr(i.report.events).length, 0);
  $('#overview-counts').textContent = t('overview_counts', {
    files: state.items.length,
    readouts: done.filter((i) => i.report.readout === true).length,
    contacts,
    errors: state.items.filter((i) => i.status === 'error').length,
  });
  const any = done.length > 0 || state.items.some((i) => i.status === 'error');
  for (const b of document.querySelectorAll('.export button')) b.disabled = !any;
}

// ---------------------------------------------------------------- across articles: groups, timeline, counts

// The collection (the same contact across files grouped; counts) is computed by the wasm core in its own
// worker, so the page's thread only renders. Counts count distinct contacts (groups), not reports.
const coll = { worker: null, ready: null, seq: 0, pending: 0, timer: 0, data: null, byItem: new Map(), open: new Set() };
let view = (() => {
  try {
    const v = localStorage.getItem('readout.view');
    if (v === 'files' || v === 'groups') return v;
  } catch { /* storage may be unavailable */ }
  return 'groups';
})();

function collector() {
  if (coll.worker) return coll.ready;
  coll.worker = makeWorker();
  coll.ready = new Promise((resolve, reject) => {
    coll.worker.onmessage = timed((ev) => {
      const m = ev.data;
      if (m.type === 'ready') resolve();
      else if (m.type === 'init-error') reject(new Error(m.error.message));
      else if (m.type === 'collection' && m.id === coll.seq) applyCollection(m.collection, m.ms);
      else if (m.type === 'collection-error') showEngineStatus(m.error.message, true);
    });
    wasmModule().then((module) => coll.worker.postMessage({ type: 'init', module, warm: false }), reject);
  });
  return coll.ready;
}

/** Recompute soon: at most a few times a second during a batch, at once when it ends. */
function scheduleCollect() {
  const b = state.batch;
  const soon = !b || b.done >= b.total;
  if (soon) {
    clearTimeout(coll.timer);
    coll.timer = setTimeout(runCollect, 0);
  } else if (!coll.timer) {
    coll.timer = setTimeout(runCollect, 400); // a throttle, not a debounce: a long batch updates as it goes
  }
}

async function runCollect() {
  coll.timer = 0;
  const ok = state.items.filter((i) => i.status === 'ok');
  // Only what grouping reads crosses to the worker; `file` is the item's number, unique even when two
  // dropped files share a name.
  const reports = ok.map((i) => ({ file: String(i.seq), meta: { outlet: obj(i.report.meta).outlet ?? null, published: obj(i.report.meta).published ?? null }, events: arr(i.report.events), topics: arr(i.report.topics) }));
  const id = ++coll.seq;
  try {
    await collector();
  } catch (e) {
    showEngineStatus(t('err_init', { msg: String(e.message || e) }), true);
    return;
  }
  if (id !== coll.seq) return;
  coll.worker.postMessage({ type: 'collect', id, reports });
}

function applyCollection(c, ms) {
  stats.collectMs.push(ms);
  coll.data = c;
  coll.byItem = new Map();
  for (const g of arr(c.groups)) {
    for (const m of arr(g.members)) coll.byItem.set(`${m.file}:${m.event}`, g.id);
  }
  renderInsights();
  renderGroups();
}

const itemBySeq = (seq) => state.items.find((i) => String(i.seq) === String(seq));
const groupOf = (item, k) => coll.byItem.get(`${item.seq}:${k}`);

function countLabel(c) {
  if (c.category === 'country') return countryName(c.label);
  if (c.category === 'topic') return topicLabel({ id: c.key, label: c.label });
  if (c.category === 'kind') return kindLabel(c.key);
  return c.label;
}

function setFilter(f) {
  state.filter = f && state.filter?.key !== f.key ? f : null;
  if (state.filter) setView('groups');
  renderInsights();
  renderGroups();
}

function setView(v) {
  view = v;
  try { localStorage.setItem('readout.view', v); } catch { /* ignore */ }
  for (const b of document.querySelectorAll('.seg button')) b.setAttribute('aria-pressed', String(b.dataset.view === v));
  $('#groups-wrap').hidden = v !== 'groups';
  $('#files-wrap').hidden = v !== 'files';
}

function bars(el, list, max = 12) {
  const top = arr(list).slice(0, max);
  const most = Math.max(1, ...top.map((c) => c.groups));
  el.replaceChildren(
    ...top.map((c) => {
      const label = countLabel(c);
      const on = state.filter?.key === c.key;
      return h('li', null,
        h('button', { type: 'button', class: `cbar cat-${c.category}`, 'aria-pressed': String(on), dataset: { key: c.key, groups: String(c.groups), reports: String(c.reports) },
          title: t('bar_title', { label, groups: c.groups, reports: c.reports }), onclick: () => setFilter({ key: c.key, label }) },
        h('span', { class: 'bar-label' }, c.category === 'country' ? h('span', { class: 'cc' }, flag(c.label)) : null, label),
        h('span', { class: 'bar-track', 'aria-hidden': 'true' }, h('span', { class: 'bar-fill', style: null, dataset: { w: String(c.groups / most) } })),
        h('span', { class: 'bar-n' }, String(c.groups))));
    }),
    ...(arr(list).length > max ? [h('li', { class: 'more' }, t('timeline_more', { n: arr(list).length - max }))] : []),
    ...(!arr(list).length ? [h('li', { class: 'more' }, t('no_counts'))] : []),
  );
  // Widths through the CSSOM (the CSP forbids inline style attributes).
  for (const f of el.querySelectorAll('.bar-fill')) f.style.width = `${Math.round(+f.dataset.w * 100)}%`;
}

const sideShort = (list) => arr(list).map(obj).map((p) => str(p.name) || str(p.org) || countryName(p.country)).filter(Boolean).join('、');

let insightsShown = (() => {
  try { return localStorage.getItem('readout.overview') !== 'hidden'; } catch { return true; }
})();

function toggleInsights() {
  insightsShown = !insightsShown;
  try { localStorage.setItem('readout.overview', insightsShown ? 'shown' : 'hidden'); } catch { /* ignore */ }
  renderInsights();
}

function renderInsights() {
  const c = coll.data;
  const box = $('#insights');
  const any = !!c && arr(c.groups).length > 0;
  const tg = $('#insights-toggle');
  tg.hidden = !any;
  tg.setAttribute('aria-expanded', String(insightsShown));
  tg.textContent = t(insightsShown ? 'hide_overview' : 'show_overview');
  box.hidden = !any || !insightsShown;
  if (!any) return;
  const groups = arr(c.groups);
  const tl = $('#timeline');
  const MAX = 200;
  let month = '';
  const lis = [];
  for (const id of arr(c.timeline).slice(0, MAX)) {
    const g = groups[id];
    const e = obj(g.event);
    const m = g.date ? g.date.slice(0, 7) : '—';
    if (m !== month) {
      month = m;
      lis.push(h('li', { class: 'tl-month', 'aria-hidden': 'true' }, m));
    }
    lis.push(h('li', { class: 'tl-item', dataset: { group: String(id), date: str(g.date) } },
      h('button', { type: 'button', onclick: () => revealGroup(id),
        // The month headings are visual only: the button says the whole date.
        'aria-label': [str(g.date) || '—', kindLabel(g.kind), sideShort(e.china), sideShort(e.counterparts), t('reports_n', { n: arr(g.members).length })].filter(Boolean).join(', ') },
        h('span', { class: 'tl-date' }, g.date ? g.date.slice(5) : '—'),
        h('span', { class: `kind kind-${str(g.kind)}` }, kindLabel(g.kind)),
        h('span', { class: 'tl-who' }, [sideShort(e.china), sideShort(e.counterparts)].filter(Boolean).join(' — '),
          ...[...new Set(arr(e.counterparts).map((p) => flag(obj(p).country)).filter(Boolean))].map((cc) => h('span', { class: 'cc' }, cc))),
        h('span', { class: 'badge tl-n' }, t('reports_n', { n: arr(g.members).length })))));
  }
  if (arr(c.timeline).length > MAX) lis.push(h('li', { class: 'more' }, t('timeline_more', { n: c.timeline.length - MAX })));
  tl.replaceChildren(...lis);
  bars($('#by-counterpart'), c.by_counterpart, 14);
  bars($('#by-topic'), c.by_topic, 8);
  bars($('#by-kind'), c.by_kind, 5);
  const f = state.filter;
  const shown = f ? groups.filter((g) => arr(g.counterparts).includes(f.key) || arr(g.topics).includes(f.key) || g.kind === f.key).length : groups.length;
  $('#filter-status').textContent = f ? t('filter_on', { label: f.label, n: shown, total: groups.length }) : '';
  $('#clear-filter').hidden = !f;
}

function revealGroup(id) {
  setView('groups');
  coll.open.add(id);
  renderGroups();
  const tb = $(`#groups tbody[data-group="${id}"]`);
  if (!tb) return;
  tb.scrollIntoView({ block: 'nearest' });
  tb.querySelector('button.reports')?.focus({ preventScroll: true });
}

function renderGroups() {
  const c = coll.data;
  const table = $('#groups');
  for (const tb of table.querySelectorAll('tbody')) tb.remove();
  if (!c) return;
  const f = state.filter;
  const frag = document.createDocumentFragment();
  for (const id of arr(c.timeline)) {
    const g = arr(c.groups)[id];
    if (f && !(arr(g.counterparts).includes(f.key) || arr(g.topics).includes(f.key) || g.kind === f.key)) continue;
    const e = obj(g.event);
    const rep = itemBySeq(obj(g.representative).file);
    const members = arr(g.members).map((m) => ({ m, item: itemBySeq(m.file) })).filter((x) => x.item);
    const files = new Set(members.map((x) => x.item)).size;
    const open = coll.open.has(id);
    const tb = h('tbody', { class: `group${open ? ' open' : ''}${members.some((x) => x.item === state.selected) ? ' selected' : ''}`, id: `group-${id}`, dataset: { group: String(id), files: String(files) } });
    const toggle = () => {
      if (coll.open.has(id)) coll.open.delete(id);
      else coll.open.add(id);
      renderGroups();
      $(`#groups tbody[data-group="${id}"] button.reports`)?.focus({ preventScroll: true });
    };
    tb.append(h('tr', { class: 'g-row', onclick: (ev) => { if (!ev.target.closest('button')) (files > 1 ? toggle() : rep && select(rep, true)); } },
      h('td', { class: 'c-file' },
        h('button', { type: 'button', class: 'reports', 'aria-expanded': String(open), 'aria-controls': `group-${id}`, onclick: toggle },
          h('span', { class: 'chev', 'aria-hidden': 'true' }, open ? '▾' : '▸'), files === 1 ? t('reported_by_1') : t('reported_by', { n: files })),
        arr(g.outlets).length ? h('span', { class: 'outlets' }, arr(g.outlets).join('、')) : null),
      h('td', { class: 'c-title' }, rep ? str(obj(rep.report.meta).title) || rep.name : ''),
      h('td', { class: 'c-kind' }, h('span', { class: `kind kind-${str(e.kind)}` }, kindLabel(e.kind)), e.status === 'planned' ? h('span', { class: 'badge' }, t('status_planned')) : null),
      h('td', { class: 'c-date' }, str(g.date)),
      h('td', { class: 'c-place' }, str(e.location)),
      h('td', { class: 'c-china' }, sideText(e.china, false)),
      h('td', { class: 'c-cp' }, sideText(e.counterparts, true))));
    if (open) {
      for (const { m, item } of members) {
        const meta = obj(item.report.meta);
        tb.append(h('tr', { class: 'member', dataset: { file: item.name, event: String(m.event) }, onclick: () => select(item, true) },
          h('td', { class: 'c-file' }, h('button', { class: 'link', type: 'button', title: t('member_open', { name: item.name }), onclick: (ev) => { ev.stopPropagation(); select(item, true); } }, item.name)),
          h('td', { class: 'c-title' }, str(meta.title)),
          h('td', { class: 'c-muted', colspan: 5 }, [meta.outlet, meta.published].filter(Boolean).map(str).join(' · '))));
      }
    }
    frag.append(tb);
  }
  // Files with no contact, and failed ones, stay visible (not when filtering: they have no counterpart).
  const rest = f ? [] : state.items.filter((i) => (i.status === 'ok' && !arr(i.report.events).length) || i.status === 'error');
  for (const item of rest) {
    const msg = item.status === 'error' ? item.error.message : t('no_contact');
    frag.append(h('tbody', { class: `nogroup status-${item.status}`, dataset: { file: item.name } },
      h('tr', { onclick: () => select(item, true) },
        h('td', { class: 'c-file' }, h('button', { class: 'link', type: 'button', onclick: (ev) => { ev.stopPropagation(); select(item, true); } }, item.name)),
        h('td', { class: 'c-title' }, item.status === 'ok' ? str(obj(item.report.meta).title) : ''),
        h('td', { class: 'c-msg', colspan: 5 }, item.status === 'error' ? h('span', { class: 'badge bad' }, t('failed')) : null, ' ', msg))));
  }
  table.append(frag);
}

// ---------------------------------------------------------------- the results table (one row per contact)

const kindLabel = (k) => (k ? t(`kind_${k}`) : '');
const personText = (p) => [str(p.name), str(p.title) && `(${str(p.title)})`].filter(Boolean).join(' ');
function sideText(list, withCountry) {
  return arr(list)
    .map((p) => {
      p = obj(p);
      const who = str(p.name) || str(p.org) || countryName(p.country);
      const where = withCountry && p.country ? countryName(p.country) : '';
      return [where, who, str(p.title)].filter(Boolean).join(' ');
    })
    .join('; ');
}

function renderRows(item) {
  const tb = item.tbody;
  tb.replaceChildren();
  tb.className = `status-${item.status}` + (state.selected === item ? ' selected' : '');
  const open = () => select(item, true);
  const fileCell = () =>
    h('td', { class: 'c-file' }, h('button', { class: 'link', type: 'button', onclick: open, title: item.name }, item.name));
  if (item.status === 'error' || item.status === 'cancelled' || item.status === 'queued' || item.status === 'running') {
    const msg =
      item.status === 'error' ? item.error.message : item.status === 'cancelled' ? t('cancelled') : t(item.status === 'running' ? 'running' : 'pending');
    tb.append(
      h(
        'tr',
        { onclick: item.status === 'error' ? open : null },
        fileCell(),
        h('td', { class: 'c-msg', colspan: 6 }, item.status === 'error' ? h('span', { class: 'badge bad' }, t('failed')) : null, ' ', msg),
      ),
    );
    return;
  }
  const r = item.report;
  const meta = obj(r.meta);
  const events = arr(r.events);
  const title = str(meta.title);
  if (!events.length) {
    tb.append(
      h('tr', { onclick: open }, fileCell(), h('td', { class: 'c-title' }, title), h('td', { class: 'c-muted', colspan: 5 }, t('no_contact'))),
    );
    return;
  }
  events.forEach((e, i) => {
    e = obj(e);
    tb.append(
      h(
        'tr',
        { onclick: open, dataset: { event: String(i) } },
        i === 0 ? fileCell() : h('td', { class: 'c-file cont' }),
        h('td', { class: 'c-title' }, i === 0 ? title : ''),
        h('td', { class: 'c-kind' }, h('span', { class: `kind kind-${str(e.kind)}` }, kindLabel(e.kind)), e.status === 'planned' ? h('span', { class: 'badge' }, t('status_planned')) : null),
        h('td', { class: 'c-date' }, str(e.date)),
        h('td', { class: 'c-place' }, str(e.location)),
        h('td', { class: 'c-china' }, sideText(e.china, false)),
        h('td', { class: 'c-cp' }, sideText(e.counterparts, true)),
      ),
    );
  });
}

function select(item, focus) {
  const prev = state.selected;
  state.selected = item;
  if (prev) renderRows(prev);
  renderRows(item);
  renderDetail(item);
  for (const tb of document.querySelectorAll('#groups tbody.selected')) tb.classList.remove('selected');
  for (const [k, g] of coll.byItem) if (k.startsWith(`${item.seq}:`)) $(`#groups tbody[data-group="${g}"]`)?.classList.add('selected');
  if (typeof focus === 'string') {
    // Previous/next: the page stays where it is and the same button keeps the focus.
    $(`#detail .nav button[data-dir="${focus}"]`)?.focus({ preventScroll: true });
  } else if (focus) {
    $('#detail').focus({ preventScroll: true });
    $('#detail').scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }
}

// ---------------------------------------------------------------- one article

function catOf(c) {
  c = str(c).toLowerCase();
  if (/person|people|^per$|name|leader|official/.test(c)) return 'people';
  if (/title|position|role/.test(c)) return 'titles';
  if (/country|place|location|^loc$|gpe|city|region|venue|nation/.test(c)) return 'places';
  if (/org|institution|party|agency|ministry/.test(c)) return 'orgs';
  if (/policy|term|concept|slogan|initiative|topic|treaty|document|agreement|law/.test(c)) return 'policy';
  if (/date|time/.test(c)) return 'dates';
  if (/num|quantity|money|percent|figure|amount/.test(c)) return 'numbers';
  return 'other';
}

const validSpan = (s) => s && Number.isInteger(s.start16) && Number.isInteger(s.end16) && s.end16 >= s.start16;

function renderDetail(item) {
  const box = $('#detail');
  if (item.status !== 'ok') {
    box.replaceChildren(
      h('div', { class: 'article' }, h('h2', { class: 'article-title' }, item.name),
        item.error ? h('p', { class: 'error-box', role: 'alert' }, h('strong', null, `${t('error')} (${item.error.kind}): `), item.error.message) : h('p', { class: 'c-muted' }, t(item.status === 'running' ? 'running' : 'pending'))),
    );
    return;
  }
  const r = item.report;
  const meta = obj(r.meta);
  const text = arr(r.body).map(str).join('\n');
  const textView = renderText(r, text);
  const ctx = { text, textView };
  const idx = state.items.indexOf(item);

  const head = h(
    'header',
    { class: 'article-head' },
    h(
      'div',
      { class: 'nav' },
      h('button', { type: 'button', class: 'icon', dataset: { dir: 'prev' }, 'aria-label': t('prev'), title: t('prev'), onclick: () => step(idx, -1) }, '‹'),
      h('button', { type: 'button', class: 'icon', dataset: { dir: 'next' }, 'aria-label': t('next'), title: t('next'), onclick: () => step(idx, 1) }, '›'),
      h('button', { type: 'button', id: 'copy-summary', onclick: (e) => copySummary(item, e.currentTarget) }, t('copy_summary')),
    ),
    h('h2', { class: 'article-title', dataset: { field: 'title', value: str(meta.title) } }, str(meta.title) || item.name),
    renderMeta(r, meta),
  );

  const facts = h('div', { class: 'facts' });
  const warnings = arr(r.warnings);
  if (warnings.length) {
    facts.append(
      h('section', { class: 'warnings', 'aria-label': t('warnings') },
        h('ul', null, warnings.map((w) => h('li', { dataset: { kind: str(obj(w).kind) } }, h('span', { class: 'badge warn' }, str(obj(w).kind)), ' ', str(obj(w).message))))),
    );
  }
  const events = arr(r.events);
  if (!events.length) facts.append(h('p', { class: 'card muted-card' }, r.readout === false ? t('not_readout') : t('no_events_yet')));
  events.forEach((e, i) => facts.append(renderEvent(obj(e), i, ctx)));
  const st = renderStatements(r, ctx);
  if (st) facts.append(st);
  const ag = arr(r.agreements);
  if (ag.length) {
    facts.append(
      section('agreements', t('agreements'), h('ol', { class: 'agreements' }, ag.map((a, i) => h('li', null, spanButton(ctx, obj(a).span, str(obj(a).text), { field: `agreement.${i}` }))))),
    );
  }
  const topics = arr(r.topics);
  if (topics.length) {
    facts.append(
      section('topics', t('topics'), h('div', { class: 'chips' }, topics.map((tp) => {
        tp = obj(tp);
        const mentions = arr(tp.mentions).filter(validSpan);
        let k = 0;
        return h('button', {
          type: 'button', class: 'chip', dataset: { field: 'topic', value: str(tp.id) }, title: t('mentions', { n: mentions.length }),
          onclick: (ev) => { if (mentions.length) { showSpan(ctx, mentions[k++ % mentions.length], ev.currentTarget); } },
        }, topicLabel(tp), h('span', { class: 'count' }, String(mentions.length)));
      }))),
    );
  }
  const terms = obj(r.terms);
  const kws = arr(terms.keywords);
  if (kws.length) {
    const max = Math.max(...kws.map((k) => +obj(k).score || 0), 1e-9);
    facts.append(
      section('keywords', t('keywords'), h('div', { class: 'chips' }, kws.map((k) => {
        k = obj(k);
        const bar = h('span', { class: 'kw-bar', 'aria-hidden': 'true' });
        bar.style.setProperty('--w', `${Math.round((100 * (+k.score || 0)) / max)}%`);
        return h('button', {
          type: 'button', class: 'chip kw', dataset: { field: 'keyword', value: str(k.word) }, title: String(k.score ?? ''),
          onclick: (ev) => findAndShow(ctx, str(k.word), null, ev.currentTarget),
        }, str(k.word), bar);
      }))),
    );
  }
  const summary = arr(terms.summary);
  if (summary.length) {
    // Sentences are strings (spans alongside in `summary_spans`) or {text, span}.
    const spans = arr(terms.summary_spans);
    facts.append(section('summary', t('summary'), h('div', { class: 'summary' }, summary.map((s, i) => {
      const text = typeof s === 'string' ? s : str(obj(s).text);
      const span = typeof s === 'string' ? spans[i] : obj(s).span;
      return h('p', null, validSpan(span) ? spanButton(ctx, span, text, { field: `summary.${i}` }) : text);
    }))));
  }

  box.replaceChildren(
    h('article', { class: 'article', 'aria-label': str(meta.title) || item.name, dataset: { file: item.name } },
      head,
      h('div', { class: 'cols' }, facts, textView)),
  );
}

function step(idx, d) {
  const n = state.items.length;
  for (let k = 1; k <= n; k++) {
    const it = state.items[(idx + d * k + n * k) % n];
    if (it.status === 'ok' || it.status === 'error') return select(it, d < 0 ? 'prev' : 'next');
  }
}

function topicLabel(tp) {
  const key = `topic_${str(tp.id)}`;
  return lang === 'zh' && t(key) !== key ? t(key) : str(tp.label || tp.name || tp.id);
}

function section(name, title, ...content) {
  return h('section', { class: `card sec-${name}`, 'aria-label': title }, h('h3', null, title), content);
}

function renderMeta(r, meta) {
  const rows = [];
  const add = (key, value, extra) => {
    if (value == null || value === '' || (Array.isArray(value) && !value.length)) return;
    rows.push(h('div', { class: 'meta-item', dataset: { field: `meta.${key}`, value: Array.isArray(value) ? value.join(', ') : str(value) } },
      h('dt', null, t(key)), h('dd', null, Array.isArray(value) ? value.join(', ') : str(value), extra ? h('span', { class: 'src' }, extra) : null)));
  };
  add('published', meta.published, meta.published_source ? ` · ${meta.published_source}` : null);
  add('outlet', meta.outlet);
  add('author', meta.author);
  add('editor', meta.editor);
  add('original_title', meta.original_title);
  add('url', meta.url); // shown as text: links in articles are never followed
  add('format', [r.format, r.encoding, r.script].filter(Boolean).map(str));
  const tags = [...arr(meta.categories), ...arr(meta.tags)].map(str).filter(Boolean);
  return h('dl', { class: 'meta' }, rows, tags.length ? h('div', { class: 'tags' }, tags.map((x) => h('span', { class: 'tag' }, x))) : null);
}

function renderEvent(e, i, ctx) {
  // The event's own sentence(s); older shapes put a single span in `evidence`.
  const ev = validSpan(e.span) ? e.span : validSpan(e.evidence) ? e.evidence : null;
  const evidence = obj(e.evidence);
  const field = (name, value, shown, opts = {}) => {
    if (value == null || value === '') return null;
    const span = validSpan(evidence[opts.key || name]) ? evidence[opts.key || name] : null;
    return h('div', { class: `ev-field f-${name}` },
      h('span', { class: 'label' }, t(opts.label || name)),
      span
        ? spanButton(ctx, span, shown ?? str(value), { field: name, value: str(value) })
        : findButton(ctx, opts.find ?? str(value), ev, shown ?? str(value), { field: name, value: str(value) }));
  };
  const part = (ctx2, p, key, spanKey, cls) => {
    const v = str(p[key]);
    if (!v) return null;
    return validSpan(p[spanKey])
      ? spanButton(ctx2, p[spanKey], v, { field: key, value: v, cls })
      : findButton(ctx2, v, ev, v, { field: key, value: v, cls });
  };
  const people = (list, side) =>
    h('div', { class: `side side-${side}`, 'aria-label': t(`${side}_side`) },
      h('h4', null, t(`${side}_side`)),
      arr(list).length
        ? arr(list).map((p, j) => {
          p = obj(p);
          const country = str(p.country);
          // A Chinese participant's country is China by definition: show the flag only for the other side.
          const showCountry = country && side === 'counterpart';
          return h('div', { class: 'participant', dataset: { side, index: String(j) } },
            part(ctx, p, 'name', 'span', 'name'),
            part(ctx, p, 'title', 'title_span', 'title'),
            showCountry ? h('span', { class: 'country', dataset: { field: 'country', value: country }, title: country }, flag(country) ? h('span', { class: 'flag', 'aria-hidden': 'true' }, flag(country)) : null, countryName(country)) : null,
            part(ctx, p, 'org', 'org_span', 'org'),
            !p.name && !p.org && !showCountry ? h('span', { class: 'c-muted' }, '—') : null);
        })
        : h('div', { class: 'participant c-muted' }, '—'));
  const requested = e.requested_by === 'counterpart' ? t('requested_counterpart') : e.requested_by === 'china' ? t('requested_china') : str(e.requested_by);
  const trigger = validSpan(evidence.trigger) ? evidence.trigger : ev;
  return h('section', { class: 'card event', dataset: { event: String(i) }, 'aria-label': `${t('event')} ${i + 1}` },
    h('div', { class: 'ev-head' },
      trigger
        ? spanButton(ctx, trigger, kindLabel(e.kind) || '—', { field: 'kind', value: str(e.kind), cls: `kind kind-${str(e.kind)}` })
        : h('span', { class: `kind kind-${str(e.kind)}`, dataset: { field: 'kind', value: str(e.kind) } }, kindLabel(e.kind) || '—'),
      e.status ? h('span', { class: `badge status-${str(e.status)}`, dataset: { field: 'status', value: str(e.status) } }, t(`status_${e.status}`)) : null,
      e.cameo != null && e.cameo !== '' ? h('span', { class: 'badge cameo', title: t('cameo_hint'), dataset: { field: 'cameo', value: str(e.cameo) } }, `CAMEO ${str(e.cameo)}`) : null,
      ev ? h('button', { type: 'button', class: 'show-src', onclick: (x) => showSpan(ctx, ev, x.currentTarget) }, t('show_source')) : null),
    h('div', { class: 'ev-fields' },
      field('date', e.date, e.date_as_written && e.date_as_written !== e.date ? `${str(e.date)} (${str(e.date_as_written)})` : null, { find: '' }),
      field('place', e.location, null, { label: 'place', key: 'location' }),
      e.requested_by ? field('requested_by', e.requested_by, requested, { find: '应约' }) : null),
    h('div', { class: 'sides' }, people(e.china, 'china'), people(e.counterparts, 'counterpart')));
}

function renderStatements(r, ctx) {
  const sts = arr(r.statements).map(obj);
  if (!sts.length) return null;
  const chinaNames = new Set(arr(r.events).flatMap((e) => arr(obj(e).china).map((p) => str(obj(p).name))).filter(Boolean));
  const sideOf = (s) => (s.side === 'china' || s.side === 'counterpart' ? s.side : s.side ? 'unknown' : chinaNames.has(str(s.speaker)) ? 'china' : 'counterpart');
  const cols = { china: [], counterpart: [], unknown: [] };
  sts.forEach((s, i) => {
    // `tone` is either one word or a list of markers {marker, tone, span}.
    const tones = typeof s.tone === 'string' ? [{ tone: s.tone }] : arr(s.tone).map(obj);
    const byTone = new Map();
    for (const m of tones) if (m.tone) byTone.set(str(m.tone), [...(byTone.get(str(m.tone)) || []), m]);
    const toneChips = [...byTone].map(([tone, ms]) => {
      const spans = ms.map((m) => m.span).filter(validSpan);
      let k = 0;
      return h('button', { type: 'button', class: `badge tone tone-${tone}`, dataset: { field: 'tone', value: tone },
        title: ms.map((m) => str(m.marker)).filter(Boolean).join('、'),
        onclick: (ev) => spans.length && showSpan(ctx, spans[k++ % spans.length], ev.currentTarget) },
      t(`tone_${tone}`) === `tone_${tone}` ? tone : t(`tone_${tone}`), ms.length > 1 ? ` ×${ms.length}` : '');
    });
    cols[sideOf(s)].push(
      h('blockquote', { class: 'statement', dataset: { index: String(i), side: sideOf(s) } },
        h('div', { class: 'st-head' },
          validSpan(s.speaker_span)
            ? spanButton(ctx, s.speaker_span, str(s.speaker), { field: 'speaker', value: str(s.speaker), cls: 'speaker' })
            : h('span', { class: 'speaker', dataset: { field: 'speaker', value: str(s.speaker) } }, str(s.speaker)),
          toneChips),
        spanButton(ctx, s.span, str(s.text), { field: `statement.${i}` })));
  });
  const col = (side) => h('div', { class: `st-col st-${side}` }, h('h4', null, t(`side_${side}`)), cols[side].length ? cols[side] : h('p', { class: 'c-muted' }, '—'));
  return section('statements', t('statements'), h('div', { class: 'st-cols' }, col('china'), col('counterpart'), cols.unknown.length ? col('unknown') : null));
}

/** A button showing `shown` that, when pressed, flashes `span` in the text. */
function spanButton(ctx, span, shown, { field, value, cls } = {}) {
  return h('button', { type: 'button', class: `field ${cls || ''}`, dataset: { field, value }, disabled: validSpan(span) ? null : true,
    onclick: (ev) => showSpan(ctx, span, ev.currentTarget) }, shown);
}

/** A field without a span of its own: find its words in the event's evidence, else in the text. */
function findButton(ctx, needle, within, shown, { field, value, cls } = {}) {
  return h('button', { type: 'button', class: `field ${cls || ''}`, dataset: { field, value },
    onclick: (ev) => findAndShow(ctx, needle, within, ev.currentTarget) }, shown);
}

function findAndShow(ctx, needle, within, btn) {
  let at = -1;
  if (needle && within) {
    at = ctx.text.slice(within.start16, within.end16).indexOf(needle);
    if (at >= 0) at += within.start16;
  }
  if (at < 0 && needle) at = ctx.text.indexOf(needle);
  if (at >= 0) showSpan(ctx, { start16: at, end16: at + needle.length }, btn);
  else if (within) showSpan(ctx, within, btn);
}

// ---------------------------------------------------------------- the clean text with highlights

function renderText(r, text) {
  const ents = arr(obj(r.terms).entities)
    .map(obj)
    .filter((e) => validSpan(e.span) && e.span.end16 <= text.length && e.span.end16 > e.span.start16)
    .sort((a, b) => a.span.start16 - b.span.start16 || b.span.end16 - a.span.end16);
  const counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0]));
  const container = h('div', { class: 'text', id: 'text', tabindex: '0', 'aria-label': t('text') });
  let pos = 0;
  let e = 0;
  const paras = text.split('\n');
  for (const para of paras) {
    const start = pos;
    const end = pos + para.length;
    const p = h('p', { dataset: { start: String(start) } });
    let cur = start;
    while (e < ents.length && ents[e].span.start16 < end) {
      const ent = ents[e];
      const s = Math.max(ent.span.start16, cur);
      const en = Math.min(ent.span.end16, end);
      if (ent.span.end16 <= end) e++;
      if (en <= s) { if (ent.span.end16 > end) break; continue; } // overlaps an earlier highlight
      if (s > cur) p.append(text.slice(cur, s));
      const cat = catOf(ent.category);
      counts[cat]++;
      p.append(h('mark', { class: `hl hl-${cat}`, dataset: { cat, category: str(ent.category) }, title: str(ent.category) }, text.slice(s, en)));
      cur = en;
      if (ent.span.end16 > end) break;
    }
    if (end > cur) p.append(text.slice(cur, end));
    container.append(p);
    pos = end + 1;
  }
  for (const c of state.hidden) container.classList.add(`hide-${c}`);
  const legend = h('div', { class: 'legend', role: 'group', 'aria-label': t('legend') },
    h('span', { class: 'legend-title' }, t('legend')),
    CATEGORIES.filter((c) => counts[c] > 0).map((c) =>
      h('button', { type: 'button', class: `toggle hl-${c}`, 'aria-pressed': String(!state.hidden.has(c)), dataset: { cat: c },
        onclick: (ev) => {
          const on = state.hidden.has(c);
          if (on) state.hidden.delete(c); else state.hidden.add(c);
          container.classList.toggle(`hide-${c}`, !on);
          ev.currentTarget.setAttribute('aria-pressed', String(on));
        } }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), t(`cat_${c}`), h('span', { class: 'count' }, String(counts[c])))));
  return h('section', { class: 'text-pane', 'aria-label': t('text') }, h('h3', null, t('text')), legend, container);
}

/** The DOM position of a UTF-16 offset into the text. */
function domPoint(container, off) {
  const paras = container.children;
  let lo = 0;
  for (let i = 0; i < paras.length; i++) if (+paras[i].dataset.start <= off) lo = i;
  const p = paras[lo];
  let rest = off - +p.dataset.start;
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  let node = walker.nextNode();
  let last = null;
  while (node) {
    if (rest <= node.length) return [node, rest];
    rest -= node.length;
    last = node;
    node = walker.nextNode();
  }
  return last ? [last, last.length] : [p, 0];
}

let flashTimer = 0;
function showSpan(ctx, span, btn) {
  if (!validSpan(span)) return;
  const container = ctx.textView.querySelector('.text');
  const range = document.createRange();
  try {
    range.setStart(...domPoint(container, span.start16));
    range.setEnd(...domPoint(container, span.end16));
  } catch {
    return;
  }
  container.dataset.evidence = `${span.start16}-${span.end16}`;
  container.dataset.evidenceText = range.toString();
  for (const b of document.querySelectorAll('[aria-current="true"]')) b.removeAttribute('aria-current');
  btn?.setAttribute('aria-current', 'true');
  const target = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentElement;
  const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
  target.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
  if (globalThis.CSS && CSS.highlights && globalThis.Highlight) {
    CSS.highlights.set('evidence', new Highlight(range));
    CSS.highlights.set('evidence-flash', new Highlight(range));
    clearTimeout(flashTimer);
    flashTimer = setTimeout(() => CSS.highlights.delete('evidence-flash'), 700);
  } else {
    const sel = getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }
}

// ---------------------------------------------------------------- export and copy

const done = () => state.items.filter((i) => i.status === 'ok' || i.status === 'error');
const lineOf = (i) => (i.status === 'ok' ? i.report : { file: i.name, error: { kind: i.error.kind, message: i.error.message } });

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export const CSV_COLUMNS = [
  'file', 'title', 'published', 'outlet', 'readout', 'contact', 'group', 'kind', 'status', 'date', 'location', 'requested_by',
  'china_names', 'china_titles', 'counterpart_names', 'counterpart_titles', 'counterpart_countries', 'counterpart_orgs', 'error',
];

function csvCell(v) {
  let s = str(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`; // a spreadsheet must not read a cell as a formula
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One row per contact; an article with none gets one row with empty contact columns; a failed file one row with its error. */
function toCsv(items) {
  const rows = [CSV_COLUMNS];
  const join = (list, key) => arr(list).map((p) => str(obj(p)[key])).join('; ');
  for (const i of items) {
    if (i.status === 'error') {
      rows.push(CSV_COLUMNS.map((c) => (c === 'file' ? i.name : c === 'error' ? `${i.error.kind}: ${i.error.message}` : '')));
      continue;
    }
    const r = i.report;
    const m = obj(r.meta);
    const base = { file: i.name, title: m.title, published: m.published, outlet: m.outlet, readout: r.readout == null ? '' : String(r.readout) };
    const events = arr(r.events);
    if (!events.length) rows.push(CSV_COLUMNS.map((c) => base[c] ?? ''));
    events.forEach((e, k) => {
      e = obj(e);
      const row = { ...base, contact: k + 1, group: groupOf(i, k) ?? '', kind: e.kind, status: e.status, date: e.date, location: e.location, requested_by: e.requested_by,
        china_names: join(e.china, 'name'), china_titles: join(e.china, 'title'), counterpart_names: join(e.counterparts, 'name'),
        counterpart_titles: join(e.counterparts, 'title'), counterpart_countries: join(e.counterparts, 'country'), counterpart_orgs: join(e.counterparts, 'org') };
      rows.push(CSV_COLUMNS.map((c) => row[c] ?? ''));
    });
  }
  return '\ufeff' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function exportAs(kind) {
  const items = done();
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  if (kind === 'json') download(`readout-${stamp}.json`, 'application/json', JSON.stringify(items.map(lineOf), null, 2) + '\n');
  if (kind === 'jsonl') download(`readout-${stamp}.jsonl`, 'application/x-ndjson', items.map((i) => JSON.stringify(lineOf(i)) + '\n').join(''));
  if (kind === 'csv') download(`readout-${stamp}.csv`, 'text/csv;charset=utf-8', toCsv(items));
}

function summaryText(item) {
  const r = item.report;
  const m = obj(r.meta);
  const out = [str(m.title) || item.name];
  const pub = [m.outlet, m.published].filter(Boolean).map(str).join(' · ');
  if (pub) out.push(pub);
  for (const e of arr(r.events).map(obj)) {
    out.push('');
    out.push([kindLabel(e.kind), e.status && t(`status_${e.status}`), e.date, e.location].filter(Boolean).map(str).join(' · '));
    const line = (label, list, cp) => {
      const ps = arr(list).map(obj).map((p) => [cp && p.country ? countryName(p.country) : '', p.org, personText(p)].filter(Boolean).map(str).join(' '));
      if (ps.length) out.push(`${label}: ${ps.join('; ')}`);
    };
    line(t('china_side'), e.china, false);
    line(t('counterpart_side'), e.counterparts, true);
    if (e.requested_by) out.push(`${t('requested_by')}: ${e.requested_by === 'counterpart' ? t('requested_counterpart') : e.requested_by === 'china' ? t('requested_china') : e.requested_by}`);
  }
  const sts = arr(r.statements).map(obj);
  if (sts.length) {
    out.push('', `${t('statements')}:`);
    for (const s of sts) out.push(`- ${str(s.speaker)}: ${str(s.text)}`);
  }
  const ag = arr(r.agreements).map(obj);
  if (ag.length) {
    out.push('', `${t('agreements')}:`);
    for (const a of ag) out.push(`- ${str(a.text)}`);
  }
  const kws = arr(obj(r.terms).keywords).map((k) => str(obj(k).word)).filter(Boolean);
  if (kws.length) out.push('', `${t('keywords')}: ${kws.join('、')}`);
  return out.join('\n');
}

async function copySummary(item, btn) {
  const text = summaryText(item);
  btn.dataset.copied = text;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const ta = h('textarea', { class: 'offscreen', 'aria-hidden': 'true' });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    document.execCommand('copy');
    ta.remove();
  }
  btn.textContent = t('copied');
  setTimeout(() => (btn.textContent = t('copy_summary')), 1500);
}

// ---------------------------------------------------------------- input: drop, pickers, paste, samples

async function entriesToFiles(entries) {
  const out = [];
  const walk = async (entry, path) => {
    if (!entry || entry.name.startsWith('.')) return;
    if (entry.isFile) {
      const file = await new Promise((res, rej) => entry.file(res, rej)).catch(() => null);
      if (file) out.push({ name: path + entry.name, blob: file });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      const children = [];
      for (;;) {
        const batch = await new Promise((res, rej) => reader.readEntries(res, rej)).catch(() => []);
        if (!batch.length) break;
        children.push(...batch);
      }
      children.sort((a, b) => a.name.localeCompare(b.name));
      for (const c of children) await walk(c, `${path}${entry.name}/`);
    }
  };
  for (const e of entries) await walk(e, '');
  return out;
}

function setupDrop() {
  const overlay = $('#drop-overlay');
  let depth = 0;
  const hasFiles = (e) => [...(e.dataTransfer?.types || [])].includes('Files');
  addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth++;
    overlay.hidden = false;
  });
  addEventListener('dragleave', () => {
    if (--depth <= 0) { depth = 0; overlay.hidden = true; }
  });
  addEventListener('dragover', (e) => {
    e.preventDefault(); // also stops the browser from opening a dropped file (links are never followed)
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  });
  addEventListener('drop', async (e) => {
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    const dt = e.dataTransfer;
    if (!dt) return;
    // Entries must be taken synchronously: the DataTransfer is emptied once the handler yields.
    const items = [...(dt.items || [])].filter((i) => i.kind === 'file');
    const entries = items.map((i) => (i.webkitGetAsEntry ? i.webkitGetAsEntry() : null));
    if (entries.length && entries.every(Boolean)) {
      addFiles(await entriesToFiles(entries));
    } else if (dt.files?.length) {
      addFiles([...dt.files].map((f) => ({ name: f.webkitRelativePath || f.name, blob: f })));
    } else {
      const html = dt.getData('text/html');
      const plain = dt.getData('text/plain');
      if (html || plain) addPasted(html || plain, !!html);
    }
  });
}

let pasteN = 0;
function addPasted(text, isHtml) {
  if (!text || !text.trim()) return;
  isHtml ||= /^\s*</.test(text) && /<\/?[a-z][\s\S]*>/i.test(text);
  const name = `pasted-${++pasteN}.${isHtml ? 'html' : 'txt'}`;
  addFiles([{ name, blob: new Blob([text], { type: isHtml ? 'text/html' : 'text/plain' }) }]);
}

function setupInputs() {
  const fileInput = $('#file-input');
  const folderInput = $('#folder-input');
  const take = (input) => {
    addFiles([...input.files].filter((f) => !f.name.startsWith('.')).map((f) => ({ name: f.webkitRelativePath || f.name, blob: f })));
    input.value = '';
  };
  fileInput.addEventListener('change', () => take(fileInput));
  folderInput.addEventListener('change', () => take(folderInput));
  $('#open-files').addEventListener('click', () => fileInput.click());
  $('#open-folder').addEventListener('click', () => folderInput.click());
  $('#empty-open').addEventListener('click', () => fileInput.click());

  const dialog = $('#paste-dialog');
  const area = $('#paste-area');
  $('#paste-btn').addEventListener('click', () => {
    dialog.showModal();
    area.focus();
  });
  $('#paste-go').addEventListener('click', () => {
    addPasted(area.value, false);
    area.value = '';
    dialog.close();
  });
  $('#paste-close').addEventListener('click', () => dialog.close());

  document.addEventListener('paste', (e) => {
    const tgt = e.target;
    if (tgt instanceof HTMLTextAreaElement || tgt instanceof HTMLInputElement || tgt?.isContentEditable) return;
    const cd = e.clipboardData;
    if (!cd) return;
    const files = [...cd.files];
    e.preventDefault();
    if (files.length) return addFiles(files.map((f) => ({ name: f.name, blob: f })));
    const html = cd.getData('text/html');
    addPasted(html || cd.getData('text/plain'), !!html);
  });

  // j / k: next / previous article (outside text fields), like a mail reader.
  document.addEventListener('keydown', (e) => {
    const tgt = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey || tgt instanceof HTMLTextAreaElement || tgt instanceof HTMLInputElement) return;
    if ((e.key === 'j' || e.key === 'k') && state.selected) {
      step(state.items.indexOf(state.selected), e.key === 'j' ? 1 : -1);
      e.preventDefault();
    }
  });
  for (const b of document.querySelectorAll('.seg button')) b.addEventListener('click', () => setView(b.dataset.view));
  $('#insights-toggle').addEventListener('click', toggleInsights);
  $('#insights-toggle').hidden = true;
  $('#clear-filter').addEventListener('click', () => {
    setFilter(null);
    $('#groups-wrap').focus?.();
  });
  setView(view);
  $('#cancel').addEventListener('click', () => pool.cancel());
  $('#lang').addEventListener('click', timed(() => setLang(lang === 'zh' ? 'en' : 'zh')));
  for (const b of document.querySelectorAll('.export button')) b.addEventListener('click', () => exportAs(b.dataset.format));
}

// Samples: the five seed articles, served from samples/ (or inlined in the single-file build).
let sampleList = null;
async function samples() {
  if (sampleList) return sampleList;
  const inline = document.getElementById('readout-samples');
  if (inline) {
    sampleList = JSON.parse(inline.textContent).map((s) => ({ name: s.name, title: s.title, load: async () => new Blob([s.text]) }));
  } else {
    const list = await fetch('samples/index.json').then((r) => (r.ok ? r.json() : []), () => []);
    sampleList = list.map((s) => {
      const name = s.name ?? s;
      return { name, title: s.title, load: async () => (await fetch(`samples/${encodeURIComponent(name)}`)).blob() };
    });
  }
  return sampleList;
}

async function setupSamples() {
  const list = await samples();
  const box = $('#sample-list');
  box.replaceChildren(
    ...list.map((s, i) =>
      h('button', { type: 'button', class: 'chip sample', dataset: { sample: s.name }, title: s.name, onclick: async () => addFiles([{ name: s.name, blob: await s.load() }]) },
        s.title || `${i + 1}. ${s.name}`)),
  );
  const loadAll = async () => addFiles(await Promise.all(list.map(async (s) => ({ name: s.name, blob: await s.load() }))));
  $('#samples-btn').addEventListener('click', loadAll);
  $('#load-samples').addEventListener('click', loadAll);
  $('#samples-btn').disabled = $('#load-samples').disabled = !list.length;
}

// ---------------------------------------------------------------- start

function registerServiceWorker() {
  if (SINGLE || !('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  navigator.serviceWorker.register('sw.js').then(
    () => navigator.serviceWorker.ready.then(() => ($('#offline-status').textContent = t('offline_ready'))),
    () => { /* no offline support: the page still works online */ },
  );
}

applyStatic();
setupDrop();
setupInputs();
setupSamples();
registerServiceWorker();
showEngineStatus(t('loading_engine'));
pool.spawn(); // one warm worker, so the first file does not wait for the engine

// For tests and the curious: timings and results, read-only.
globalThis.readout = { stats, state, pool, coll, summaryText, MAX_FILE_BYTES, FILE_TIME_BUDGET_MS, MAX_WORKERS };
