// The page's one state object: every module gets it passed in; nothing else holds page data.
import { Filter } from './filter.js';

const stored = (key, allowed, fallback) => {
  try {
    const v = localStorage.getItem(key);
    if (allowed.includes(v)) return v;
  } catch { /* storage may be unavailable */ }
  return fallback;
};

export const remember = (key, value) => {
  try { localStorage.setItem(key, value); } catch { /* ignore */ }
};

export function createState() {
  return {
    /** One per file, in input order: { seq, name, size, status, summary, json, split, chars, error, ms }. */
    items: [],
    bySeq: new Map(),
    seq: 0,
    /** Running totals, kept as results arrive (never recounted over all items). */
    totals: { ok: 0, error: 0, cancelled: 0, readouts: 0, contacts: 0 },
    selected: null,
    /** The user chose the open article (then nothing else opens by itself). */
    userSelected: false,
    /** After a batch, open its first row once the view has it. */
    openFirstRow: false,
    batch: null, // { total, done, t0, cancelled, ms }
    hidden: new Set(), // highlight categories switched off
    filter: new Filter(), // the chips; see filter.js
    /** What the filter lets through: group keys in timeline order and their files (null: everything). */
    shown: { keys: null, seqs: null, timeline: null, counts: null, files: 0, contacts: 0 },
    sort: null, // { col, dir }: the tables' order (null: timeline order / input order)
    session: 0, // bumped by "New session": results of an older session are dropped
    hashes: new Map(), // SHA-256 of each file's bytes → its item (identical files are analyzed once)
    duplicates: [], // { name, of }: files identical to one already loaded
    corrections: new Map(), // file hash → { [event index]: { date, kind, location, counterpart, china } }
    view: stored('readout.view', ['groups', 'files'], 'groups'),
    insightsShown: stored('readout.overview', ['shown', 'hidden'], 'shown') === 'shown',
    /** The collection as the page knows it, updated by deltas from the collection worker. */
    coll: {
      reports: 0,
      events: 0,
      groups: new Map(), // key → { key, date, kind, members: [[seq, event]], files, outlets, rep: [seq, event], counterparts, topics }
      order: [], // group keys, timeline order
      timeline: [], // the same with month headings (`m:YYYY-MM`) between
      byEvent: new Map(), // `${seq}:${event}` → group key
      counts: { by_counterpart: [], by_topic: [], by_kind: [] },
      open: new Set(), // expanded group keys
      version: 0,
    },
    stats: { compileMs: null, initMs: [], files: [], batches: [], mainMaxMs: 0, collectMs: [], collectRuns: 0 },
  };
}

export function addItem(state, name, blob) {
  const item = {
    seq: ++state.seq, name, size: blob.size, blob, status: 'queued',
    summary: null, json: null, split: null, chars: 0, error: null, ms: 0, version: 0,
  };
  state.items.push(item);
  state.bySeq.set(item.seq, item);
  return item;
}

export const isDone = (item) => item.status === 'ok' || item.status === 'error';
export const itemBySeq = (state, seq) => state.bySeq.get(Number(seq));

/** Time `fn` and keep the longest the page's own code held the main thread, and where (the tests' budget). */
export function timed(stats, fn, name = fn.name) {
  return function (...args) {
    const t0 = performance.now();
    try {
      return fn.apply(this, args);
    } finally {
      const ms = performance.now() - t0;
      if (ms > stats.mainMaxMs) {
        stats.mainMaxMs = ms;
        stats.mainMaxWhere = name;
      }
    }
  };
}
