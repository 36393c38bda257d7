// Readout's page. The main thread only renders: files go to a pool of Web Workers running the wasm
// analyzer, the collection lives in its own worker, exports are Blob parts. Rendering happens once per
// animation frame and touches only what changed (tables and timeline are windowed).
// Article content is only ever inserted as text, never as HTML.
import { MAX_FILE_BYTES, FILE_TIME_BUDGET_MS, MAX_WORKERS, SINGLE, AUTO_OPEN_MAX_CHARS } from './config.js';
import { $, h, fmtBytes, whenIdle, yieldTask, setText } from './dom.js';
import { t, plural, lang, setLang, applyStatic, countryName } from './i18n.js';
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
import { matcher, countsOf, timelineOf, chipLabel, chinaNames } from './filter.js';
import { Corpus, Kwic } from './search.js';
import { contentHash } from './hash.js';
import { applyCorrections, mergeGroups, splitMember, groupOps } from './correct.js';
import { Session, sessionFile, readSessionFile } from './session.js';
import { download } from './export.js';
import { CompareView } from './compare.js';

const state = createState();
const { stats } = state;

/** `text`: a string, or a function giving it (said again in the new language when it changes). */
let engineStatus = null;
function showEngineStatus(text, bad = false) {
  engineStatus = [text, bad];
  const el = $('#engine-status');
  el.textContent = typeof text === 'function' ? text() : text;
  el.classList.toggle('bad', bad);
}

const ui = {
  select: (item, focus, at) => select(item, focus, at),
  step: (item, d) => { const n = neighbour(item, d); if (n) select(n, d < 0 ? 'prev' : 'next'); },
  neighbour: (item, d) => neighbour(item, d),
  revealGroup: (key) => revealGroup(key),
  toggleFilter: (field, value) => { state.filter.toggle(field, value); filterChanged(); },
  removeChip: (i) => { state.filter.remove(i); filterChanged(); $('#find').focus(); },
  changed: () => schedule(),
  correct: (item, i, values) => correct(item, i, values),
  dropFile: (item) => dropFile(item),
  // Grouping by hand: the reps of two groups linked, or one member split off (correct.js).
  mergeGroups: (a, b) => {
    const rep = (k) => { const g = state.coll.groups.get(k); return g && [state.bySeq.get(g.rep[0]), g.rep[1]]; };
    const [ra, rb] = [rep(a), rep(b)];
    if (ra?.[0] && rb?.[0]) regroupBy(mergeGroups(state.corrections, ra, rb));
  },
  splitMember: (item, ev) => regroupBy(splitMember(state.corrections, [item, ev])),
};
const store = new Session();

const collection = new Collection(state, {
  onChange: (keys) => {
    tables.groupsChanged(keys);
    overview.groupsChanged(keys);
    if (state.filter.active || state.sort) refresh();
    pickStale = true;
    collChanged = true;
    schedule();
  },
  onError: (msg) => showEngineStatus(() => t('err_init', { msg }), true),
});
collection.grouping = () => groupOps(state);
const pool = new Pool(MAX_WORKERS, stats, showEngineStatus, () => collection.port());
const tables = new Tables(state, ui);
const overview = new Overview(state, ui);
ui.setRange = (from, to) => {
  state.filter.set('from', from);
  state.filter.set('to', to);
  filterChanged();
};
const article = new ArticleView(state, ui);
// The two sides' readouts of a contact, from the badge on its group (table.js).
const compareView = new CompareView(state, collection);
ui.compare = (key) => compareView.open(key);
const corpus = new Corpus(state);
corpus.folder = (q) => collection.fold(q); // a query in simplified script, from the collection worker's wasm
const kwic = new Kwic(state, corpus, (item, span) => select(item, true, span));
corpus.onReady = () => {
  // Free text is looked for in the files' texts once they are read: the filter is applied again.
  if (state.filter.get('q')) refresh();
  kwic.render();
};
kwic.onClose = () => {
  $('#find').value = '';
  state.filter.set('q', '');
  filterChanged();
  $('#find').focus();
};

// ---------------------------------------------------------------- files in, results out

/** Files join the batch a thousand at a time, so that a drop of many thousands holds no long task. */
async function addFiles(files) {
  files = files.filter((f) => f && f.blob);
  if (!files.length) return;
  $('#empty').hidden = true;
  $('#overview').hidden = false;
  $('#detail').hidden = false;
  $('#new-session').hidden = false;
  $('#session-save').hidden = false;
  if (!state.batch || state.batch.done >= state.batch.total) {
    state.batch = { total: 0, done: 0, t0: performance.now(), cancelled: 0 };
  }
  const batch = state.batch;
  batch.total += files.length; // at once: the batch is running from the drop on
  const session = state.session;
  // Each file's bytes are hashed (SHA-256) first: a file identical to one already loaded is set aside
  // with a note, not analyzed and counted again.
  let hashes = [];
  for (let i = 0; i < files.length; i++) {
    if (i % 1000 === 0) {
      if (i) {
        pool.start();
        schedule();
        await yieldTask();
      }
      hashes = await Promise.all(files.slice(i, i + 1000).map((f) => contentHash(f.blob)));
      if (session !== state.session) return;
    }
    const f = files[i];
    const hash = hashes[i % 1000];
    const same = hash && state.hashes.get(hash);
    if (same) {
      state.duplicates.push({ name: f.name, of: same.name });
      batch.total--;
      if (batch.done === batch.total) batchDone(batch);
      continue;
    }
    const item = addItem(state, f.name, f.blob);
    item.session = session;
    item.hash = hash;
    if (hash) state.hashes.set(hash, item);
    store.addFile(hash, f.name, f.blob);
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
  if (item.session !== state.session) return; // a result of a session the reader has closed
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
    item.textBlob = res.text || null;
    item.foldBlob = res.fold || null;
    item.chars = res.summary.chars || 0;
    totals.ok++;
    if (res.summary.readout === true) totals.readouts++;
    totals.contacts += (res.summary.events || []).length;
  }
  item.blob = null; // the file is read; its bytes need not stay
  item.ms = res.ms || 0;
  item.version++;
  if (isDone(item)) {
    applyCorrections(item, state.corrections);
    collection.add(item);
    corpus.added(item);
  }
  if (res.ms != null) stats.files.push({ name: item.name, ms: res.ms });
  batch.done++;
  if (batch.done === batch.total) batchDone(batch);
  schedule(item);
}

function batchDone(batch) {
  kwic.render();
  batch.ms = performance.now() - batch.t0;
  stats.batches.push({ files: batch.total, ms: batch.ms });
  if (!state.userSelected) state.openFirstRow = true;
  schedule();
}

// ---------------------------------------------------------------- one frame of rendering

const changed = new Set();
let frame = 0;
let collChanged = false;
let pickStale = false;
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
  if (pickStale && !running) fillPick();
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

function select(item, focus, at) {
  const prev = state.selected;
  state.selected = item;
  if (focus) state.userSelected = true;
  tables.selectionChanged(prev, item);
  article.render(item, at);
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

/**
 * What the filter lets through, computed once per change of the filter or of the collection (with a
 * filter or a sort on): the group keys in timeline order, their files, timeline and counts.
 */
function refresh() {
  const { coll, filter } = state;
  if (filter.active) {
    const match = matcher(filter, state, corpus);
    const keys = coll.order.filter((k) => match(coll.groups.get(k)));
    const seqs = new Set();
    for (const k of keys) for (const [s] of coll.groups.get(k).members) seqs.add(s);
    // The chart shows every month of what the other chips let through, the range picked on it marked.
    let chartKeys = keys;
    if (filter.get('from') || filter.get('to')) {
      const other = filter.without('from', 'to');
      const m2 = matcher(other, state, corpus);
      chartKeys = other.active ? coll.order.filter((k) => m2(coll.groups.get(k))) : null;
    }
    state.shown = { keys, seqs, timeline: timelineOf(keys, coll), counts: countsOf(keys, coll), chartKeys };
  } else {
    state.shown = { keys: null, seqs: null, timeline: null, counts: null, chartKeys: null };
  }
  tables.filterChanged();
  collChanged = true;
  schedule();
}

/** The filter changed: everything that shows contacts follows, and the address keeps it. */
function filterChanged() {
  if (state.filter.get('q') && !corpus.complete) corpus.load();
  refresh();
  tables.render();
  overview.render(true);
  syncInputs();
  writeHash();
}

function setSort(col) {
  const s = state.sort;
  state.sort = s?.col === col ? (s.dir === 1 ? { col, dir: -1 } : null) : { col, dir: 1 };
  for (const th of document.querySelectorAll('th[data-sort]')) {
    const on = state.sort?.col === th.dataset.sort;
    if (on) th.setAttribute('aria-sort', state.sort.dir === 1 ? 'ascending' : 'descending');
    else th.removeAttribute('aria-sort');
  }
  tables.filterChanged();
  tables.render();
  writeHash();
}

// ---------------------------------------------------------------- the address keeps the view

// Written a moment after the last change: history.replaceState costs the browser ~10 ms a call.
let hashTimer = 0;
function writeHash() {
  clearTimeout(hashTimer);
  hashTimer = setTimeout(writeHashNow, 150);
}

function writeHashNow() {
  const parts = [];
  if (state.view !== 'groups') parts.push(`view=${state.view}`);
  if (state.sort) parts.push(`sort=${state.sort.col}${state.sort.dir < 0 ? '-' : ''}`);
  const f = state.filter.toHash();
  if (f) parts.push(f);
  const hash = parts.length ? `#${parts.join('&')}` : '';
  if (location.hash !== hash && !(hash === '' && location.hash === '#')) history.replaceState(null, '', hash || location.pathname + location.search);
}

function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  state.filter.fromParams(p);
  const v = p.get('view');
  if (v === 'groups' || v === 'files') state.view = v;
  const sort = /^(reports|title|kind|date|place|china|counterpart)(-?)$/.exec(p.get('sort') || '');
  state.sort = null;
  if (sort) setSort(sort[1]);
  if (sort?.[2]) setSort(sort[1]);
}

// ---------------------------------------------------------------- find and filter inputs

/** The inputs show the filter's single values (a chip removed empties its input). */
function syncInputs() {
  const f = state.filter;
  if ($('#find').value.trim() !== f.get('q')) $('#find').value = f.get('q');
  $('#date-from').value = f.get('from');
  $('#date-to').value = f.get('to');
  if (kwic.q !== f.get('q')) kwic.show(f.get('q'));
  else kwic.render(); // the list follows the other chips
}

/** The type-ahead's choices: every counterpart, Chinese official, kind and topic (most contacts first). */
let pickChoices = new Map();
function fillPick() {
  pickStale = false;
  const { coll } = state;
  const opts = [];
  const choices = new Map();
  const add = (label, field, value, n) => {
    const text = `${label} · ${t(`field_${field}`)}`;
    if (choices.has(text)) return;
    choices.set(text, { field, value });
    opts.push(h('option', { value: text }, plural('contacts_n', n)));
  };
  const kindOf = (c) => (c.category === 'country' || c.category === 'org' ? c.category : 'person');
  for (const c of coll.counts.by_counterpart) add(chipLabel({ field: kindOf(c), value: c.key }, state), kindOf(c), c.key, c.groups);
  for (const { name, groups } of chinaNames(state)) add(name, 'china', name, groups);
  for (const c of coll.counts.by_kind) add(chipLabel({ field: 'kind', value: c.key }, state), 'kind', c.key, c.groups);
  for (const c of coll.counts.by_topic) add(chipLabel({ field: 'topic', value: c.key }, state), 'topic', c.key, c.groups);
  pickChoices = choices;
  $('#pick-options').replaceChildren(...opts);
}

function setupFind() {
  let timer = 0;
  const find = $('#find');
  const run = () => {
    clearTimeout(timer);
    const q = find.value.trim();
    if (q === state.filter.get('q')) return;
    state.filter.set('q', q);
    filterChanged();
  };
  find.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  find.addEventListener('keydown', (e) => { if (e.key === 'Enter') run(); });
  find.addEventListener('search', run);
  const pick = $('#pick');
  const choose = () => {
    const c = pickChoices.get(pick.value);
    if (!c) return false;
    state.filter.add(c.field, c.value);
    pick.value = '';
    filterChanged();
    return true;
  };
  pick.addEventListener('focus', () => pickStale && fillPick());
  pick.addEventListener('input', choose);
  pick.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (choose()) return;
    // Enter on typed text: the first choice that contains it.
    const v = pick.value.trim().toLowerCase();
    const hit = v && [...pickChoices.keys()].find((k) => k.toLowerCase().includes(v));
    if (hit) {
      pick.value = hit;
      choose();
    }
  });
  for (const [id, field] of [['#date-from', 'from'], ['#date-to', 'to']]) {
    $(id).addEventListener('change', (e) => {
      state.filter.set(field, e.target.value);
      filterChanged();
    });
  }
  for (const b of document.querySelectorAll('th[data-sort] button')) b.addEventListener('click', () => setSort(b.parentElement.dataset.sort));
  // A highlighted term in the text: its occurrences in every file.
  $('#detail').addEventListener('click', (e) => {
    const m = e.target.closest?.('mark.hl');
    if (!m || getSelection()?.toString()) return;
    find.value = m.textContent;
    run();
    $('#kwic').scrollIntoView({ block: 'nearest' });
    $('#kwic').querySelector('.kwic-line')?.focus({ preventScroll: true });
  });
}

// ---------------------------------------------------------------- corrections, dropping a file

/** Everything across files again (after a correction or a file dropped): the worker regroups. */
function regroup() {
  Object.assign(state.coll, { reports: 0, events: 0, groups: new Map(), order: [], timeline: [], byEvent: new Map() });
  state.coll.version++;
  collection.reset(state.items.filter(isDone));
  tables.listChanged();
  refresh();
  kwic.render(); // a dropped file's lines go
}

function correct(item, i, values) {
  if (!item.hash) return;
  const old = state.corrections.get(item.hash) || {};
  const entry = { ...old, [i]: { ...(old[i] || {}), ...values } }; // a merge or split of it stays
  state.corrections.set(item.hash, entry);
  store.correct(item.hash, entry);
  applyCorrections(item, state.corrections);
  item.version++;
  changed.add(item);
  regroup();
  article.render(item);
  requestAnimationFrame(() => $(`#detail .event[data-event="${i}"] .correct-btn`)?.focus({ preventScroll: true }));
}

/** Corrections of these files' grouping changed: kept, applied, and the collection regrouped. */
function regroupBy(hashes) {
  for (const h of hashes) {
    store.correct(h, state.corrections.get(h));
    const it = state.hashes.get(h);
    if (!it) continue;
    applyCorrections(it, state.corrections);
    it.version++;
    changed.add(it);
  }
  regroup();
  if (state.selected) article.render(state.selected);
}

function dropFile(item) {
  const next = neighbour(item, 1);
  state.items = state.items.filter((x) => x !== item);
  state.bySeq.delete(item.seq);
  const { totals } = state;
  if (item.status === 'ok') {
    totals.ok--;
    if (item.summary?.readout === true) totals.readouts--;
    totals.contacts -= (item.summary?.events || []).length;
  } else if (item.status === 'error') totals.error--;
  if (item.hash) {
    state.hashes.delete(item.hash);
    state.corrections.delete(item.hash);
    store.dropFile(item.hash);
  }
  corpus.drop(item.seq);
  regroup();
  if (next && next !== item) select(next, true);
  else {
    state.selected = null;
    article.clear();
  }
}

// ---------------------------------------------------------------- sessions: IndexedDB and a file

async function restore(loaded) {
  for (const [h, c] of loaded.corrections) state.corrections.set(h, c);
  await addFiles(loaded.files);
}

async function saveSession() {
  const { files } = await store.load();
  const live = new Set(state.items.map((i) => i.hash));
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  download(`readout-session-${stamp}.json`, await sessionFile(files.filter((f) => live.has(f.hash)), state.corrections));
}

async function openSession(file) {
  try {
    await restore(await readSessionFile(file));
  } catch (e) {
    showEngineStatus(t('err_session', { msg: e.message }), true);
  }
}

// ---------------------------------------------------------------- a new session

function newSession() {
  state.session++;
  pool.cancel();
  collection.wipe();
  corpus.clear();
  Object.assign(state, {
    items: [], bySeq: new Map(), selected: null, userSelected: false, openFirstRow: false, batch: null,
    totals: { ok: 0, error: 0, cancelled: 0, readouts: 0, contacts: 0 }, hashes: new Map(), duplicates: [],
    shown: { keys: null, seqs: null, timeline: null, counts: null },
  });
  state.filter.clear();
  state.corrections = new Map();
  store.clear();
  Object.assign(state.coll, { reports: 0, events: 0, groups: new Map(), order: [], timeline: [], byEvent: new Map(), counts: { by_counterpart: [], by_topic: [], by_kind: [] }, open: new Set() });
  state.coll.version++;
  tables.reset();
  article.clear();
  $('#progress').hidden = true;
  $('#empty').hidden = false;
  $('#overview').hidden = true;
  $('#detail').hidden = true;
  $('#new-session').hidden = true;
  $('#session-save').hidden = true;
  fillPick();
  filterChanged();
  overview.counts();
  $('#empty-open').focus();
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
  fillPick();
  kwic.render();
  if (engineStatus) showEngineStatus(...engineStatus);
  if ($('#offline-status').textContent) $('#offline-status').textContent = t('offline_ready');
  tables.all();
  tables.render();
  overview.counts();
  overview.render(true);
  renderProgress();
  compareView.languageChanged();
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
  for (const b of document.querySelectorAll('.seg button')) b.addEventListener('click', () => { setView(b.dataset.view); writeHash(); });
  setupFind();
  $('#new-session').addEventListener('click', newSession);
  $('#session-save').addEventListener('click', saveSession);
  $('#session-open').addEventListener('click', () => $('#session-input').click());
  $('#session-input').addEventListener('change', (e) => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (f) openSession(f);
  });
  // The last session, kept in IndexedDB: offered on the empty page (never loaded unasked).
  store.count().then((n) => {
    if (!n || state.items.length) return;
    const b = $('#restore');
    b.textContent = n === 1 ? t('restore_1') : t('restore', { n });
    b.dataset.n = String(n);
    b.hidden = false;
    b.onclick = async () => {
      b.hidden = true;
      await restore(await store.load());
    };
  });
  // The skip link puts the keyboard on the table's current row.
  $('#skip').addEventListener('click', (e) => {
    if (!tables.focusRow()) return;
    e.preventDefault();
  });
  // Escape in the article: back to the row it was opened from.
  $('#detail').addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    if (tables.focusRow()) e.preventDefault();
  });
  addEventListener('hashchange', () => { readHash(); setView(state.view); filterChanged(); });
  $('#insights-toggle').addEventListener('click', toggleInsights);
  $('#insights-toggle').hidden = true;
  $('#clear-filter').addEventListener('click', () => {
    state.filter.clear();
    filterChanged();
    $('#find').focus();
  });
  $('#cancel').addEventListener('click', () => pool.cancel());
  $('#lang').addEventListener('click', timed(stats, switchLang));
  for (const b of document.querySelectorAll('.export button')) b.addEventListener('click', () => exportAs(b.dataset.format, state, collection));
  readHash();
  setView(state.view);
  if (state.filter.active) filterChanged();
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
showEngineStatus(() => t('loading_engine'));
pool.spawn(); // one warm worker, so the first file does not wait for the engine
wasmModule().then(() => (stats.compileMs = engineTimes.compileMs), () => {});
// The first country name loads the browser's locale data (~20 ms): do it before any table needs it.
whenIdle(() => countryName('FR'));

// For tests and the curious: timings and results, read-only.
globalThis.readout = {
  stats, state, pool, collection, coll: state.coll, corpus, refresh, store, MAX_FILE_BYTES, FILE_TIME_BUDGET_MS, MAX_WORKERS,
  /** The whole report of the i-th file (a promise). */
  report: (i) => fullReport(state.items[i]),
  summaryText: async (item) => article.summaryText(item, await fullReport(item)),
};
