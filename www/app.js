// Readout's page. The main thread only renders: files go to a pool of Web Workers running the wasm
// analyzer, the collection lives in its own worker, exports are Blob parts. Rendering happens once per
// animation frame and touches only what changed (tables and timeline are windowed).
// Article content is only ever inserted as text, never as HTML.
import { MAX_FILE_BYTES, FILE_TIME_BUDGET_MS, MAX_WORKERS, SINGLE, AUTO_OPEN_MAX_CHARS } from './config.js';
import { $, fmtBytes, whenIdle, yieldTask, setText } from './dom.js';
import { t, lang, setLang, applyStatic, countryName } from './i18n.js';
import { createState, addItem, isDone, timed, remember } from './state.js';
import { Pool } from './pool.js';
import { Collection } from './collection.js';
import { Tables } from './table.js';
import { Overview } from './overview.js';
import { ArticleView } from './article.js';
import { fullReport } from './report.js';
import { wasmModule, engineTimes } from './engine.js';
import { exportAs } from './export.js';
import { setupDrop, setupPickers, setupSamples, pasted } from './input.js';

const state = createState();
const { stats } = state;

function showEngineStatus(text, bad = false) {
  const el = $('#engine-status');
  el.textContent = text;
  el.classList.toggle('bad', bad);
}

const ui = {
  select: (item, focus) => select(item, focus),
  step: (item, d) => { const n = neighbour(item, d); if (n) select(n, d < 0 ? 'prev' : 'next'); },
  neighbour: (item, d) => neighbour(item, d),
  revealGroup: (key) => revealGroup(key),
  setFilter: (f) => setFilter(f),
  changed: () => schedule(),
};

const collection = new Collection(state, {
  onChange: (keys) => {
    tables.groupsChanged(keys);
    overview.groupsChanged(keys);
    if (state.filter) tables.filterChanged();
    collChanged = true;
    schedule();
  },
  onError: (msg) => showEngineStatus(t('err_init', { msg }), true),
});
const pool = new Pool(MAX_WORKERS, stats, showEngineStatus, () => collection.port());
const tables = new Tables(state, ui);
const overview = new Overview(state, ui);
const article = new ArticleView(state, ui);

// ---------------------------------------------------------------- files in, results out

/** Files join the batch a thousand at a time, so that a drop of many thousands holds no long task. */
async function addFiles(files) {
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
  for (let i = 0; i < files.length; i++) {
    if (i && i % 1000 === 0) {
      pool.start();
      schedule();
      await yieldTask();
    }
    const f = files[i];
    const item = addItem(state, f.name, f.blob);
    const done = (res) => finish(item, batch, res);
    if (item.size > MAX_FILE_BYTES) {
      done({ error: { name: 'too_large', message: t('err_too_large', { name: f.name, size: fmtBytes(item.size), limit: fmtBytes(MAX_FILE_BYTES) }) } });
      continue;
    }
    pool.submit({
      id: item.seq, name: f.name, blob: f.blob, done,
      onStart: () => { item.status = 'running'; item.version++; schedule(item); },
    });
  }
  pool.start();
  schedule();
}

function finish(item, batch, res) {
  const { totals } = state;
  if (res.cancelled) {
    item.status = 'cancelled';
    batch.cancelled++;
    totals.cancelled++;
  } else if (res.error) {
    item.status = 'error';
    item.error = { kind: res.error.name || 'error', message: res.error.message || String(res.error) };
    totals.error++;
  } else {
    item.status = 'ok';
    item.summary = res.summary;
    item.json = res.json;
    item.split = res.split || null;
    item.index = res.index || null;
    item.chars = res.summary.chars || 0;
    totals.ok++;
    if (res.summary.readout === true) totals.readouts++;
    totals.contacts += (res.summary.events || []).length;
  }
  item.blob = null; // the file is read; its bytes need not stay
  item.ms = res.ms || 0;
  item.version++;
  if (isDone(item)) collection.add(item);
  if (res.ms != null) stats.files.push({ name: item.name, ms: res.ms });
  batch.done++;
  if (batch.done === batch.total) {
    batch.ms = performance.now() - batch.t0;
    stats.batches.push({ files: batch.total, ms: batch.ms });
    if (!state.userSelected) state.openFirstRow = true;
  }
  schedule(item);
}

// ---------------------------------------------------------------- one frame of rendering

const changed = new Set();
let frame = 0;
let collChanged = false;
function schedule(item) {
  if (item) changed.add(item);
  if (!frame) frame = requestAnimationFrame(flush);
}

const flush = timed(stats, function drawFrame() {
  frame = 0;
  const running = !!state.batch && state.batch.done < state.batch.total;
  if (changed.size) {
    tables.itemsChanged(changed);
    for (const item of changed) {
      if (item === state.selected) article.render(item);
      // While a batch runs, the first small article opens by itself; a long one never does.
      else if (!state.selected && item.status === 'ok' && item.chars <= AUTO_OPEN_MAX_CHARS) select(item, false);
    }
    changed.clear();
  }
  collection.flush(running);
  if (state.openFirstRow && !running && (state.view === 'files' || (!collection.dirty && !collection.asked && !collection.entries.length))) {
    state.openFirstRow = false;
    const first = tables.firstItem();
    if (first && first !== state.selected) select(first, false);
  }
  // A new collection is drawn over two frames: the overview in this one, the grouped table in the next
  // (each is a pass over the groups; together they would make one long task on a big collection).
  if (collChanged) {
    collChanged = false;
    overview.render();
    stats.overview = { reports: state.coll.reports, at: performance.now() };
    schedule();
  } else {
    tables.render();
  }
  overview.counts();
  renderProgress();
});

let progressTimer = 0;
function renderProgress() {
  const b = state.batch;
  if (!b) return;
  const running = b.done < b.total;
  const box = $('#progress');
  box.hidden = false;
  box.classList.toggle('finished', !running);
  const bar = $('#progress-bar');
  if (bar.max !== b.total) bar.max = b.total;
  if (bar.value !== b.done) bar.value = b.done;
  const secs = ((running ? performance.now() : b.t0 + b.ms) - b.t0) / 1000;
  const rate = secs > 0 ? b.done / secs : 0;
  setText($('#progress-text'), running
    ? `${t('progress', { done: b.done, total: b.total })} · ${t('rate', { rate: rate.toFixed(rate < 10 ? 1 : 0) })}`
    : `${t('done_in', { n: b.total, s: secs.toFixed(secs < 10 ? 2 : 1) })} · ${t('rate', { rate: rate.toFixed(0) })}` +
      (b.cancelled ? ` · ${t('cancelled')}: ${b.cancelled}` : ''));
  if ($('#cancel').hidden === running) $('#cancel').hidden = !running;
  if (running && !progressTimer) progressTimer = setInterval(renderProgress, 250);
  if (!running && progressTimer) {
    clearInterval(progressTimer);
    progressTimer = 0;
  }
}

// ---------------------------------------------------------------- selection, views, filter

function select(item, focus) {
  const prev = state.selected;
  state.selected = item;
  if (focus) state.userSelected = true;
  tables.selectionChanged(prev, item);
  article.render(item);
  schedule();
  if (typeof focus === 'string') {
    // Previous/next: the page stays where it is and the same button keeps the focus.
    $(`#detail .nav button[data-dir="${focus}"]`)?.focus({ preventScroll: true });
  } else if (focus) {
    $('#detail').focus({ preventScroll: true });
    $('#detail').scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }
}

/** The next (d = 1) or previous finished file, wrapping around. */
function neighbour(item, d) {
  const n = state.items.length;
  const idx = state.items.indexOf(item);
  for (let k = 1; k <= n; k++) {
    const it = state.items[(((idx + d * k) % n) + n) % n];
    if (isDone(it)) return it;
  }
  return null;
}

function setView(v) {
  state.view = v;
  remember('readout.view', v);
  for (const b of document.querySelectorAll('.seg button')) b.setAttribute('aria-pressed', String(b.dataset.view === v));
  $('#groups-wrap').hidden = v !== 'groups';
  $('#files-wrap').hidden = v !== 'files';
  tables.groupsChanged();
  tables.files.relayout();
  tables.render();
}

function setFilter(f) {
  state.filter = f && state.filter?.key !== f.key ? f : null;
  if (state.filter) setView('groups');
  tables.filterChanged();
  tables.render();
  overview.render(true);
}

function revealGroup(key) {
  setView('groups');
  const tb = tables.revealGroup(key);
  tb?.querySelector('button.reports')?.focus({ preventScroll: true });
}

function toggleInsights() {
  state.insightsShown = !state.insightsShown;
  remember('readout.overview', state.insightsShown ? 'shown' : 'hidden');
  overview.render(true);
}

function switchLang() {
  setLang(lang() === 'zh' ? 'en' : 'zh');
  tables.all();
  tables.render();
  overview.counts();
  overview.render(true);
  renderProgress();
  // The article is redrawn after the next frame has shown the switch.
  requestAnimationFrame(() => setTimeout(() => state.selected && article.render(state.selected)));
}

// ---------------------------------------------------------------- start

function setupControls() {
  const addPasted = pasted(addFiles);
  setupDrop(addFiles, addPasted);
  setupPickers(addFiles, addPasted);
  setupSamples(addFiles);
  // j / k: next / previous article (outside text fields), like a mail reader.
  document.addEventListener('keydown', (e) => {
    const tgt = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey || tgt instanceof HTMLTextAreaElement || tgt instanceof HTMLInputElement) return;
    if ((e.key === 'j' || e.key === 'k') && state.selected) {
      ui.step(state.selected, e.key === 'j' ? 1 : -1);
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
  $('#cancel').addEventListener('click', () => pool.cancel());
  $('#lang').addEventListener('click', timed(stats, switchLang));
  for (const b of document.querySelectorAll('.export button')) b.addEventListener('click', () => exportAs(b.dataset.format, state, collection));
  setView(state.view);
}

function registerServiceWorker() {
  if (SINGLE || !('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  // updateViaCache 'none': the browser checks sw.js and the build manifest it imports on every visit,
  // so a new build reaches users on their next visit.
  // A new build's worker takes over: a page with nothing loaded reloads into the new build at once.
  const updating = !!navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (updating && !state.items.length) location.reload();
  });
  navigator.serviceWorker.register('sw.js', { updateViaCache: 'none' }).then(
    () => navigator.serviceWorker.ready.then(() => ($('#offline-status').textContent = t('offline_ready'))),
    () => { /* no offline support: the page still works online */ },
  );
}

applyStatic();
setupControls();
registerServiceWorker();
showEngineStatus(t('loading_engine'));
pool.spawn(); // one warm worker, so the first file does not wait for the engine
wasmModule().then(() => (stats.compileMs = engineTimes.compileMs), () => {});
// The first country name loads the browser's locale data (~20 ms): do it before any table needs it.
whenIdle(() => countryName('FR'));

// For tests and the curious: timings and results, read-only.
globalThis.readout = {
  stats, state, pool, collection, coll: state.coll, MAX_FILE_BYTES, FILE_TIME_BUDGET_MS, MAX_WORKERS,
  /** The whole report of the i-th file (a promise). */
  report: (i) => fullReport(state.items[i]),
  summaryText: async (item) => article.summaryText(item, await fullReport(item)),
};
