// The page's side of the collection worker: reports are sent to it as they arrive (a batch per frame),
// a snapshot is asked for at most a few times a second during a batch and at once when it ends, never
// while one is in flight; the answer is a delta (groups added or changed, groups gone, order, counts)
// applied to state.coll, so nothing is recomputed over all reports on the page's thread.
import { makeWorker, initMessage } from './engine.js';
import { timed } from './state.js';
import { obj, arr } from './dom.js';

const THROTTLE_MS = 300;

export class Collection {
  /** `onChange(keys, reordered)`: the groups `keys` are new or changed; `reordered`: the order changed. */
  constructor(state, { onChange, onError }) {
    this.state = state;
    this.onChange = onChange;
    this.onError = onError;
    this.worker = null;
    this.entries = [];
    this.dirty = false;
    this.asked = 0; // id of the snapshot in flight (0: none)
    this.lastAsk = 0;
    this.seq = 0;
    this.timer = 0;
    this.csvs = new Map();
    this.folds = new Map(); // text → resolvers waiting for its simplified view
    this.grouping = () => []; // the reader's merges and splits as the worker applies them (correct.js groupOps)
    this.groupingSent = '[]';
  }

  /** The merges and splits, sent when they changed (before any snapshot or export that must follow them). */
  sendGrouping() {
    const ops = this.grouping();
    const sig = JSON.stringify(ops);
    if (sig === this.groupingSent) return;
    this.groupingSent = sig;
    this.worker.postMessage({ type: 'grouping', ops });
    this.dirty = true;
  }

  /** `text` in simplified script (the core's one-for-one view), from this worker's wasm. */
  fold(text) {
    this.ensure();
    return new Promise((resolve) => {
      if (!this.folds.has(text)) {
        this.folds.set(text, []);
        this.worker.postMessage({ type: 'fold', text });
      }
      this.folds.get(text).push(resolve);
    });
  }

  ensure() {
    if (this.worker) return;
    this.worker = makeWorker('readout-collection');
    this.worker.onmessage = timed(this.state.stats, (ev) => this.onMessage(ev.data), 'collection');
    this.worker.onerror = (ev) => {
      ev.preventDefault();
      this.onError(ev.message || 'collection worker error');
    };
    initMessage('collect').then((msg) => this.worker.postMessage(msg), (e) => this.onError(String(e.message || e)));
  }

  /** A finished file joins (failed files too: the CSV lists them). */
  add(item) {
    const entry = entryOf(item);
    this.entries.push(entry);
    if (entry.source) this.dirty = true;
  }

  /**
   * Everything again from these items (a correction or a file dropped): the worker empties its
   * Collector and adds them; answers to snapshots asked before are dropped.
   */
  reset(items) {
    this.ensure();
    this.entries = [];
    this.resetAt = this.seq;
    this.asked = 0;
    this.worker.postMessage({ type: 'reset', entries: items.map(entryOf) });
    this.dirty = true;
  }

  /** Once per frame: send what arrived, and ask for a snapshot when one is due. */
  flush(batchRunning) {
    if (!this.entries.length && !this.dirty) return;
    this.ensure();
    if (this.entries.length) {
      this.worker.postMessage({ type: 'add', entries: this.entries });
      this.entries = [];
    }
    this.sendGrouping();
    if (!this.dirty || this.asked) return;
    const wait = batchRunning ? THROTTLE_MS - (performance.now() - this.lastAsk) : 0;
    if (wait > 0) {
      if (!this.timer) this.timer = setTimeout(() => { this.timer = 0; this.flush(this.batchRunning()); }, wait);
      return;
    }
    this.dirty = false;
    this.asked = ++this.seq;
    this.lastAsk = performance.now();
    this.worker.postMessage({ type: 'snapshot', id: this.asked });
  }

  batchRunning() {
    const b = this.state.batch;
    return !!b && b.done < b.total;
  }

  onMessage(m) {
    if (m.type === 'ready') return;
    if (m.type === 'init-error' || m.type === 'worker-error') {
      console.error(`collection: ${m.error.name}: ${m.error.message}`);
      this.asked = 0;
      return this.onError(m.error.message);
    }
    if (m.type === 'export') {
      this.csvs.get(m.id)?.(m.blob);
      this.csvs.delete(m.id);
      return;
    }
    if (m.type === 'fold') {
      for (const resolve of this.folds.get(m.text) || []) resolve(m.folded);
      this.folds.delete(m.text);
      return;
    }
    if (m.type !== 'collection') return;
    if (m.id === this.asked) this.asked = 0;
    if (m.id <= (this.resetAt || 0)) return; // computed before a reset: the next answer has everything
    this.apply(m);
    this.state.stats.collectMs.push(m.ms);
    this.state.stats.collectRuns++;
    this.onChange(m.upsert.map((g) => g.key), !!m.order);
    if (this.dirty) this.flush(this.batchRunning());
  }

  apply(m) {
    const c = this.state.coll;
    for (const key of m.removed) {
      const g = c.groups.get(key);
      if (g) for (const [s, e] of g.members) if (c.byEvent.get(`${s}:${e}`) === key) c.byEvent.delete(`${s}:${e}`);
      c.groups.delete(key);
      c.open.delete(key);
    }
    for (const g of m.upsert) {
      c.groups.set(g.key, g);
      for (const [s, e] of g.members) c.byEvent.set(`${s}:${e}`, g.key);
    }
    if (m.order) {
      c.order = m.order;
      c.timeline = m.timeline;
    }
    if (m.counts) c.counts = m.counts;
    c.reports = m.reports;
    c.events = m.events;
    c.version++;
  }

  /** Forget everything (a new session): the worker empties its Collector and its reports. */
  wipe() {
    this.entries = [];
    this.dirty = false;
    this.asked = 0;
    this.worker?.postMessage({ type: 'clear' });
  }

  /**
   * A channel from an analysis worker straight to this worker: each report's JSON (a Blob) goes there
   * without passing through the page's thread, so exports are assembled in this worker.
   */
  port() {
    this.ensure();
    const { port1, port2 } = new MessageChannel();
    this.worker.postMessage({ type: 'port', port: port2 }, [port2]);
    return port1;
  }

  /** An export written in the worker: `kind` json, jsonl or csv, of the files `seqs` (in that order). */
  export(kind, seqs, only = null, patches = null, lang = 'en') {
    this.ensure();
    if (this.entries.length) {
      this.worker.postMessage({ type: 'add', entries: this.entries });
      this.entries = [];
    }
    this.sendGrouping();
    const id = ++this.seq;
    return new Promise((resolve) => {
      this.csvs.set(id, resolve);
      this.worker.postMessage({ type: 'export', id, kind, seqs, only, patches, lang });
    });
  }
}

/** What the collection worker needs of a file: its CSV row, and its contacts for the Collector. */
function entryOf(item) {
  const s = item.summary;
  const row = item.status === 'ok'
    ? {
      name: item.name, title: obj(s.meta).title, published: obj(s.meta).published, outlet: obj(s.meta).outlet, url: obj(s.meta).url,
      readout: s.readout, events: arr(s.events), topics: arr(s.topics).map((tp) => obj(tp).label || obj(tp).id),
      summary: arr(s.sentences).join(' '), statements: obj(s.counts).statements ?? 0, corrected: !!item.corrected,
    }
    : { name: item.name, error: item.error };
  // `file` is the item's number: unique even when two dropped files share a name.
  const source = item.status === 'ok'
    ? { file: String(item.seq), language: s.language, meta: { outlet: obj(s.meta).outlet ?? null, published: obj(s.meta).published ?? null }, events: arr(s.events), topics: arr(s.topics) }
    : null;
  return { seq: item.seq, row, source };
}
