// A worker of the page. Role 'analyze': one file at a time through the wasm analyzer. Role 'collect':
// keeps every report's contacts in the wasm Collector, answers only the latest snapshot request (stale
// ones are dropped), sends the page what changed, writes the CSV export and compares the two sides' reports
// of a contact (an export of kind 'compare').
// The page compiles the wasm once and sends the module here (see engine.js: initMessage).
import init, { analyzeJson, allocationFailed, setMemoryLimit, heapBytes, loadTables, Collector, csvWords, compareReports, toSimplified } from './pkg/readout.js';
import { WARM_UP } from './warmup.js';
import { csvParts } from './csv.js';
import { regroup } from './regroup.js';

let role = 'analyze';
let exportPort = null; // analysis workers: where each report's JSON goes (the collection worker)
// Messages that arrive before 'init' (the page posts as soon as it likes) wait for the start.
let started;
const ready = new Promise((resolve) => (started = resolve));

// The segmentation tables (pkg/terms.bin, about 1 MB compressed) are fetched from the worker's first
// moment, so the download overlaps the compile; the collection worker does not need them and aborts.
// The single-file build (tools/single.mjs) defines READOUT_TABLES_B64 in front of this script instead.
const tablesAbort = new AbortController();
const tablesFetch = typeof READOUT_TABLES_B64 === 'string'
  ? Promise.resolve(Uint8Array.from(atob(READOUT_TABLES_B64), (c) => c.charCodeAt(0)))
  : fetch(new URL('pkg/terms.bin', self.location.href), { signal: tablesAbort.signal })
    .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`pkg/terms.bin: HTTP ${r.status}`))));
tablesFetch.catch(() => {}); // a failure is reported by start(), which waits for the tables

/** The one place a worker starts: instantiate the page's module, set the budget, load the tables, warm up. */
async function start(msg) {
  const t0 = performance.now();
  role = msg.role || 'analyze';
  exportPort = msg.port || null;
  if (role === 'collect') tablesAbort.abort();
  // The bench reads the instance's memory size from here (tools/bench/bench.mjs).
  self.readoutWasm = await init({ module_or_path: msg.module });
  if (msg.memoryLimit) setMemoryLimit(msg.memoryLimit);
  if (role === 'collect') {
    collector = new Collector();
  } else {
    loadTables(new Uint8Array(msg.tables || (await tablesFetch)));
    // Each input format once, so the first real file finds the code compiled and the tables paged in.
    const enc = new TextEncoder();
    for (const a of WARM_UP) {
      try { analyzeJson(enc.encode(a.text), a.name, undefined); } catch { /* a refusal still warmed up */ }
    }
  }
  return performance.now() - t0;
}

self.onmessage = async (ev) => {
  const msg = ev.data;
  if (msg.type === 'init') {
    const starting = start(msg);
    started(starting.catch(() => {}));
    try {
      self.postMessage({ type: 'ready', ms: await starting });
    } catch (e) {
      self.postMessage({ type: 'init-error', error: { name: e?.name || 'Error', message: String(e?.message || e) } });
    }
    return;
  }
  await ready;
  try {
    handle(msg);
  } catch (e) {
    failed(e);
  }
};

/** An error in the collection worker is told to the page (it shows it), never lost. */
const failed = (e) => self.postMessage({ type: 'worker-error', error: { name: e?.name || 'Error', message: String(e?.message || e) } });

function handle(msg) {
  if (msg.type === 'analyze') analyze(msg);
  else if (msg.type === 'add') add(msg.entries);
  else if (msg.type === 'snapshot') { wanted = msg.id; schedule(); }
  else if (msg.type === 'export') { exports.push(msg); schedule(); }
  else if (msg.type === 'port') msg.port.onmessage = (e) => { jsons.set(e.data.seq, e.data.json); if (exports.length) schedule(); };
  else if (msg.type === 'clear') clear();
  else if (msg.type === 'reset') reset(msg.entries);
  else if (msg.type === 'grouping') { grouping = msg.ops; dirty = true; }
  else if (msg.type === 'fold') self.postMessage({ type: 'fold', text: msg.text, folded: toSimplified(msg.text) });
}

// ---------------------------------------------------------------- analysis

/** Reports over this many characters of JSON also travel split, so the page can read them in slices. */
const SPLIT_AT = 256 * 1024;
const CHUNK = 128 * 1024;

async function analyze(msg) {
  const t0 = performance.now();
  try {
    const bytes = new Uint8Array(await msg.file.arrayBuffer());
    const json = analyzeJson(bytes, msg.name, msg.maxBytes);
    const report = JSON.parse(json);
    const out = { type: 'result', id: msg.id, summary: summarize(report), json: new Blob([json], { type: 'application/json' }) };
    // The clean text on its own, for the page's search (read only when someone searches).
    const text = Array.isArray(report.body) ? report.body.join('\n') : '';
    out.text = new Blob([text], { type: 'text/plain' });
    // Its simplified view (one UTF-16 unit for one), when it differs: a query in either script finds it.
    const simplified = toSimplified(text);
    if (simplified !== text) out.fold = new Blob([simplified], { type: 'text/plain' });
    if (json.length > SPLIT_AT) Object.assign(out, split(JSON.parse(json)));
    out.ms = performance.now() - t0;
    out.heap = heapBytes();
    exportPort?.postMessage({ seq: msg.id, json: out.json });
    self.postMessage(out);
  } catch (e) {
    self.postMessage({ type: 'error', id: msg.id, ...describe(e, msg), ms: performance.now() - t0 });
  }
}

/** What the page keeps of a report for its tables and the collection (the full report stays in a Blob). */
function summarize(r) {
  const body = Array.isArray(r.body) ? r.body : [];
  let chars = Math.max(0, body.length - 1);
  for (const p of body) chars += p.length;
  const len = (v) => (Array.isArray(v) ? v.length : 0);
  return {
    file: r.file, language: r.language, format: r.format, encoding: r.encoding, script: r.script, readout: r.readout, meta: r.meta,
    warnings: r.warnings, events: r.events, topics: (r.topics || []).map((t) => ({ id: t.id, label: t.label, mentions: [] })),
    // The summary's sentences (strings, or { text }), for the CSV.
    sentences: (r.terms?.summary || []).map((s) => (typeof s === 'string' ? s : String(s?.text ?? ''))),
    chars, counts: { statements: len(r.statements), agreements: len(r.agreements), entities: len(r.terms?.entities) },
  };
}

/**
 * The report as a head (big arrays emptied) and chunks of those arrays, each small enough to parse in
 * a few milliseconds: the page assembles a big report a slice at a time instead of in one long task.
 */
function split(report) {
  const chunks = [];
  const walk = (node, path) => {
    if (Array.isArray(node)) {
      const jsons = node.map((x) => JSON.stringify(x) ?? 'null');
      let total = 0;
      for (const j of jsons) total += j.length + 1;
      if (total <= CHUNK) return;
      let cur = [];
      let size = 0;
      for (const j of jsons) {
        cur.push(j);
        size += j.length + 1;
        if (size >= CHUNK) {
          chunks.push({ path, json: `[${cur.join(',')}]` });
          cur = [];
          size = 0;
        }
      }
      if (cur.length) chunks.push({ path, json: `[${cur.join(',')}]` });
      node.length = 0;
    } else if (node && typeof node === 'object') {
      for (const k of Object.keys(node)) walk(node[k], [...path, k]);
    }
  };
  walk(report, []);
  const parts = [JSON.stringify(report), ...chunks.map((c) => c.json)];
  const index = [];
  let at = 0;
  const enc = new TextEncoder();
  parts.forEach((p, i) => {
    const n = enc.encode(p).length; // Blob offsets are bytes
    index.push({ path: i === 0 ? null : chunks[i - 1].path, start: at, end: at + n });
    at += n;
  });
  // One part: slicing a Blob made of many parts costs the page a long registration per slice.
  return { split: new Blob([parts.join('')], { type: 'application/json' }), index };
}

/** An error as the page shows it: the core's kind (`Error.name`), or out of memory told apart from a panic. */
function describe(e, msg) {
  const trap = e instanceof WebAssembly.RuntimeError;
  let failed = 0;
  try { failed = allocationFailed(); } catch { /* the instance is gone */ }
  const oom = (trap && failed > 0) ||
    (e instanceof RangeError && /allocation failed|out of memory|invalid (string|array|typed array) length/i.test(String(e.message)));
  if (oom) return { error: { name: 'out_of_memory', message: String(e?.message || e), bytes: msg.file?.size ?? 0, failed }, fatal: true };
  // A trap (a Rust panic) may leave the instance inconsistent: the page replaces this worker.
  return { error: { name: e?.name || 'Error', message: String(e?.message || e) }, fatal: trap };
}

// ---------------------------------------------------------------- the collection

let collector = null;
const rows = new Map(); // seq → what the CSV needs of a file
let dirty = false;
let wanted = 0; // the latest snapshot request; older ones are never answered
let answered = 0;
const exports = []; // export requests, answered in order once every file they name is here
const jsons = new Map(); // seq → the report's JSON (a Blob), from the analysis workers
let timer = 0;
let prev = new Map(); // group key → signature of what the page was last sent
let prevOrder = '';
let prevCounts = '';
let last = null; // the latest collection
const sources = new Map(); // seq → what the Collector was given of the file (a split member is collected alone)
let grouping = []; // the reader's merges and splits (regroup.js), applied over the Collector's groups

function add(entries) {
  for (const e of entries) {
    rows.set(e.seq, e.row);
    if (e.source) {
      sources.set(e.seq, e.source);
      collector.add(JSON.stringify(e.source));
      dirty = true;
    }
  }
}

function clear() {
  collector.clear();
  rows.clear();
  sources.clear();
  jsons.clear();
  prev = new Map();
  prevOrder = prevCounts = '';
  last = null;
  dirty = true;
}

/** Everything again (a correction, a file dropped): the reports' JSON is kept, the rest rebuilt. */
function reset(entries) {
  collector.clear();
  rows.clear();
  sources.clear();
  prev = new Map();
  prevOrder = prevCounts = '';
  last = null;
  dirty = true;
  add(entries);
}

// Requests and reports are handled as they come; the work runs once the queue is empty, so a burst of
// requests costs one snapshot.
function schedule() {
  if (!timer) timer = setTimeout(() => { try { run(); } catch (e) { failed(e); } }, 0);
}

function current() {
  if (dirty || !last) {
    const t0 = performance.now();
    last = JSON.parse(collector.snapshot());
    if (grouping.length) last = regroup(last, grouping, alone);
    last.ms = performance.now() - t0;
    dirty = false;
  }
  return last;
}

/** One member's event collected alone by the core: its group as the core makes it. */
function alone(m) {
  const src = sources.get(Number(m.file));
  const e = src?.events?.[m.event];
  if (!e) return null;
  const one = new Collector();
  try {
    one.add(JSON.stringify({ ...src, events: [e] }));
    return JSON.parse(one.snapshot()).groups[0] || null;
  } finally {
    one.free();
  }
}

function run() {
  timer = 0;
  if (wanted > answered) {
    const id = wanted;
    answered = id;
    const c = current();
    self.postMessage({ type: 'collection', id, ...delta(c), ms: c.ms });
  }
  while (exports.length) {
    const x = exports[0];
    // A report's JSON and its row travel on two channels: wait until both are here for every file.
    if (!x.seqs.every((s) => rows.has(s) && (rows.get(s).error || jsons.has(s)))) return;
    exports.shift();
    exporting = exporting.then(() => exportBlob(x.kind, x.seqs, x.only, x.patches, x.lang)).then((blob) => self.postMessage({ type: 'export', id: x.id, blob }));
  }
}

let exporting = Promise.resolve();
const EXPORT_CHUNK = 4 << 20; // characters of text per Blob part

/**
 * An export as a Blob of a few large parts. The reports' JSON is read back from their Blobs and
 * written out in chunks of a few MB: a Blob made of thousands of small Blobs would cost the page's
 * thread a long pause when it makes the download's URL.
 */
async function exportBlob(kind, seqs, onlyList, patches, lang) {
  const only = onlyList ? new Set(onlyList) : null;
  if (kind === 'csv') {
    const c = current();
    const groupNo = new Map();
    // The group's id: its place in timeline order, from 0, as the CLI's --csv numbers it.
    c.groups.forEach((g, i) => { for (const m of g.members) groupNo.set(`${m.file}:${m.event}`, i); });
    // A filtered export: only the contacts `only` names (`seq:event`), and only files with one of them.
    const keep = only ? (i, k) => only.has(`${seqs[i]}:${k}`) : null;
    // Headers and words from the core's export table (src/export.rs), as the CLI's --csv writes them.
    const parts = csvParts(seqs.map((s) => rows.get(s)), (i, k) => groupNo.get(`${seqs[i]}:${k}`), keep, JSON.parse(csvWords(lang || 'en')));
    return new Blob(parts, { type: 'text/csv;charset=utf-8' });
  }
  // One file's line: its report as the CLI writes it, or its error.
  const line = (s) => {
    const r = rows.get(s);
    if (r.error) return JSON.stringify({ file: r.name, error: { kind: r.error.kind, message: r.error.message } });
    // A corrected report: its events as corrected (each with `corrected` and the `original` values).
    if (patches?.[s]) return jsons.get(s).text().then((j) => JSON.stringify({ ...JSON.parse(j), events: patches[s], corrected: true }));
    return jsons.get(s).text();
  };
  if (kind === 'compare') {
    // The whole reports (bodies, statements, topics' mentions): only this worker holds them all.
    // An error is the answer (the export queue goes on): the page shows it in the comparison view.
    let out;
    try {
      const lines = await Promise.all(seqs.filter((s) => !rows.get(s).error).map(line));
      // The group's number in the whole collection (timeline order, as the CSV export numbers it).
      const mine = new Set(seqs.map(String));
      const group = current().groups.findIndex((g) => g.members.some((m) => mine.has(m.file)));
      out = compareReports(`[${lines.join(',')}]`, group < 0 ? undefined : group);
    } catch (e) {
      out = JSON.stringify({ error: { name: e?.name || 'Error', message: String(e?.message || e) } });
    }
    return new Blob([out], { type: 'application/json' });
  }
  const json = kind === 'json';
  const parts = [];
  let chunk = json ? '[\n' : '';
  for (let i = 0; i < seqs.length; i += 64) {
    const lines = await Promise.all(seqs.slice(i, i + 64).map(line));
    lines.forEach((l, k) => {
      chunk += (json && i + k ? ',\n' : '') + l + (json ? '' : '\n');
    });
    if (chunk.length > EXPORT_CHUNK) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk + (json ? '\n]\n' : ''));
  return new Blob(parts, { type: json ? 'application/json' : 'application/x-ndjson' });
}

const keyOf = (g) => `${g.members[0].file}:${g.members[0].event}`;

/** What changed since the page was last told: groups added or changed, groups gone, order, counts. */
function delta(c) {
  const next = new Map();
  const upsert = [];
  const order = [];
  for (const g of c.groups) {
    const key = keyOf(g);
    const slim = {
      key, date: g.date ?? null, kind: g.kind, files: g.files, outlets: g.outlets,
      members: g.members.map((m) => [Number(m.file), m.event]),
      rep: [Number(g.representative.file), g.representative.event],
      counterparts: g.counterparts, topics: g.topics, languages: g.languages,
    };
    const sig = JSON.stringify(slim);
    next.set(key, sig);
    order.push(key);
    if (prev.get(key) !== sig) upsert.push(slim);
  }
  const removed = [...prev.keys()].filter((k) => !next.has(k));
  prev = next;
  const out = { reports: c.reports, events: c.events, upsert, removed };
  const orderSig = order.join('\n');
  if (orderSig !== prevOrder) {
    out.order = order;
    // The timeline: the groups in order with a month heading (`m:YYYY-MM`) before each month's first.
    out.timeline = [];
    let month = null;
    c.groups.forEach((g, i) => {
      const m = g.date ? g.date.slice(0, 7) : '—';
      if (m !== month) out.timeline.push(`m:${(month = m)}`);
      out.timeline.push(order[i]);
    });
  }
  prevOrder = orderSig;
  const counts = { by_counterpart: c.by_counterpart, by_topic: c.by_topic, by_kind: c.by_kind };
  const countsSig = JSON.stringify(counts);
  if (countsSig !== prevCounts) out.counts = counts;
  prevCounts = countsSig;
  return out;
}
