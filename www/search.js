// Find: one box over everything loaded. Each file's clean text (the `text` every span indexes) arrives as a
// Blob of its own from the analysis worker; the texts are read into memory only once someone searches, a
// slice at a time, and files that arrive later join as they come. Results are a keyword-in-context list:
// one `li` per occurrence, the term centred with a few dozen characters either side, each opening its
// article at that spot. Article text only ever becomes text nodes.
// Script: each text is searched in its simplified view (the core's one-for-one mapping, `toSimplified`,
// sent by the analysis worker when it differs), and the query is folded the same way (the collection
// worker's wasm), so 习近平 finds 習近平 and back; the view has the text's length, so offsets found in it
// point into the text as written, which the lines show.
import { h, $, str, arr, obj, nameEl, yieldTask, setText } from './dom.js';
import { t, countryName } from './i18n.js';

/** Han characters: a query with one is folded to simplified script. */
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Lower case without changing the length (a character whose lower case is longer stays as it is). */
function lowerSame(s) {
  const low = s.toLowerCase();
  if (low.length === s.length) return low;
  return s.replace(/\p{Lu}/gu, (c) => {
    const l = c.toLowerCase();
    return l.length === c.length ? l : c;
  });
}

const SIDE = 30; // characters of context either side
const MAX_SHOWN = 200; // lines drawn at first; "Show all" draws the rest

export class Corpus {
  constructor(state) {
    this.state = state;
    this.texts = new Map(); // seq → text
    this.lower = new Map(); // seq → the text simplified and in lower case, unit for unit (the same string when nothing changes)
    this.folded = new Map(); // query → its simplified view (asked of the collection worker once)
    this.folder = null; // (text) => Promise of its simplified view
    this.wanted = false; // someone searched: keep the index complete
    this.loading = null;
    this.onReady = null;
  }

  /** Whether a file's text (once read) holds `q` (lower case). Not yet read: false. */
  has(seq, q) {
    const low = this.lower.get(seq);
    return !!low && low.includes(this.needle(q));
  }

  /**
   * `q` as looked for: lower case, in simplified script. A Chinese query not folded yet is asked for
   * (meanwhile it is looked for as written); its answer calls `onReady`, so the views look again.
   */
  needle(q) {
    q = lowerSame(q);
    if (!HAN.test(q)) return q;
    const f = this.folded.get(q);
    if (f != null) return f;
    this.folded.set(q, q);
    this.folder?.(q).then((v) => {
      this.folded.set(q, lowerSame(v));
      if (v !== q) this.onReady?.();
    }, () => {});
    return q;
  }

  text(seq) {
    return this.texts.get(seq) ?? null;
  }

  get complete() {
    return !this.loading && this.state.items.every((it) => it.status !== 'ok' || this.texts.has(it.seq));
  }

  /** Read every finished file's text not read yet (resolves when all are in). */
  load() {
    this.wanted = true;
    if (this.loading) return this.loading;
    const session = this.state.session;
    this.loading = (async () => {
      let t0 = performance.now();
      for (;;) {
        const todo = this.state.items.filter((it) => it.status === 'ok' && it.textBlob && !this.texts.has(it.seq));
        if (!todo.length) break;
        const read = (blob) => (blob ? blob.text().catch(() => null) : null);
        for (let i = 0; i < todo.length; i += 64) {
          const part = todo.slice(i, i + 64);
          const texts = await Promise.all(part.map((it) => read(it.textBlob).then((x) => x ?? '')));
          const folds = await Promise.all(part.map((it) => read(it.foldBlob)));
          if (session !== this.state.session) return;
          texts.forEach((text, k) => this.put(part[k].seq, text, folds[k]));
          if (performance.now() - t0 > 8) {
            await yieldTask();
            t0 = performance.now();
          }
        }
      }
    })().finally(() => {
      this.loading = null;
      if (session === this.state.session) this.onReady?.();
    });
    return this.loading;
  }

  /** `folded`: the text's simplified view (null: the same), as long as the text. */
  put(seq, text, folded = null) {
    this.texts.set(seq, text);
    const view = folded && folded.length === text.length ? folded : text;
    const low = lowerSame(view);
    this.lower.set(seq, low === text ? text : low);
  }

  /** A file finished: its text joins the index if one is kept. */
  added(item) {
    if (this.wanted && item.status === 'ok' && item.textBlob) this.load();
  }

  drop(seq) {
    this.texts.delete(seq);
    this.lower.delete(seq);
  }

  clear() {
    this.texts.clear();
    this.lower.clear();
    this.wanted = false;
  }

  /**
   * Every occurrence of `q` in the files `items` (in that order): { item, start, end, left, term, right }.
   * Case is ignored (for Latin script); offsets are UTF-16, as `start16`/`end16` of the report.
   */
  find(q, items) {
    const out = [];
    const needle = this.needle(q);
    if (!needle) return out;
    for (const item of items) {
      const low = this.lower.get(item.seq);
      if (!low) continue;
      const text = this.texts.get(item.seq);
      for (let at = low.indexOf(needle); at >= 0; at = low.indexOf(needle, at + needle.length)) {
        out.push({ item, start: at, end: at + needle.length, text });
      }
    }
    return out;
  }
}

/** Context as one line: paragraph breaks become a mark, so each occurrence is one line. */
const line = (s) => s.replace(/\s*\n\s*/g, ' ¶ ');

/** The keyword-in-context panel. `open(item, span)` opens an article at a span. */
export class Kwic {
  constructor(state, corpus, open) {
    this.state = state;
    this.corpus = corpus;
    this.open = open;
    this.box = $('#kwic');
    this.q = '';
    this.all = false;
  }

  /** Show the occurrences of `q` in the files shown (all loaded files when nothing is filtered). */
  async show(q) {
    if (str(q).trim() !== this.q) this.all = false;
    this.q = q = str(q).trim();
    const box = this.box;
    if (!q) {
      box.hidden = true;
      box.replaceChildren();
      return;
    }
    box.hidden = false;
    if (!this.corpus.complete) {
      box.setAttribute('aria-busy', 'true');
      this.head(t('find_reading'));
      await this.corpus.load();
      if (q !== this.q) return;
    }
    box.removeAttribute('aria-busy');
    this.render();
  }

  /** Draw again (files arrived, the filter or the language changed). */
  render() {
    const q = this.q;
    if (!q || this.box.hidden) return;
    // The other chips narrow the list to the files the table shows (the free text alone: every file,
    // those with no contact too), and the count line says which.
    const { filter, shown } = this.state;
    const narrowed = filter.without('q').active && shown.seqs;
    const items = this.state.items.filter((it) => it.status === 'ok' && (!narrowed || shown.seqs.has(it.seq)));
    const hits = this.corpus.find(q, items);
    const files = new Set(hits.map((x) => x.item.seq)).size;
    const lines = this.all ? hits : hits.slice(0, MAX_SHOWN);
    const list = h('ol', { class: 'kwic-list', dataset: { kwic: q, scope: narrowed ? 'filtered' : 'all' }, 'aria-label': t('find_results', { q }) },
      lines.map((x) => {
        const left = line(x.text.slice(Math.max(0, x.start - SIDE), x.start));
        const right = line(x.text.slice(x.end, x.end + SIDE));
        return h('li', { dataset: { seq: String(x.item.seq), start: String(x.start), file: x.item.name } },
          h('button', { type: 'button', class: 'kwic-line', onclick: () => this.open(x.item, { start16: x.start, end16: x.end }) },
            h('span', { class: 'kwic-file' }, nameEl(str(obj(x.item.summary.meta).title) || x.item.name)),
            h('span', { class: 'kwic-left' }, h('bdi', null, left)),
            h('mark', { class: 'kwic-term' }, x.text.slice(x.start, x.end)),
            h('span', { class: 'kwic-right' }, h('bdi', null, right))));
      }));
    this.head(t(hits.length === 1 ? 'find_count_1' : 'find_count', { n: hits.length, files, q }) + (lines.length < hits.length ? ` ${t('find_first', { n: lines.length })}` : '') +
      ` ${t(narrowed ? 'find_scope_filtered' : 'find_scope_all')}`);
    this.box.append(termView(hits), list);
    if (lines.length < hits.length) {
      this.box.append(h('button', { type: 'button', class: 'show-all', onclick: () => { this.all = true; this.render(); } }, t('show_all', { n: hits.length })));
    }
  }

  head(text) {
    const close = h('button', { type: 'button', class: 'kwic-close', 'aria-label': t('find_close'), onclick: () => this.onClose?.() }, '×');
    this.box.replaceChildren(h('div', { class: 'kwic-head' }, h('h2', { class: 'kwic-title', id: 'kwic-title' }, t('find_title')), h('span', { class: 'kwic-count', role: 'status' }, text), close));
    setText(this.box.querySelector('.kwic-count'), text);
  }
}

/**
 * The term view: how often the term occurs per month (by the date of each file's first contact, else its
 * publication) and per counterpart (each file's first contact's states, else its people), as two small
 * bar lists, so a reader sees how a wording spreads over time and across partners.
 */
function termView(hits) {
  const months = new Map();
  const parts = new Map();
  for (const x of hits) {
    const s = x.item.summary;
    const e = obj(arr(s.events)[0]);
    const d = str(e.date) || str(obj(s.meta).published);
    const m = /^\d{4}-\d{2}/.test(d) ? d.slice(0, 7) : '—';
    months.set(m, (months.get(m) || 0) + 1);
    for (const p of new Set(arr(e.counterparts).map((p) => (obj(p).country ? countryName(obj(p).country) : str(obj(p).name || obj(p).org))).filter(Boolean))) {
      parts.set(p, (parts.get(p) || 0) + 1);
    }
  }
  const bars = (title, entries, cls) => {
    const most = Math.max(1, ...entries.map(([, n]) => n));
    const ul = h('ul', { class: `tv-bars ${cls}`, 'aria-label': title }, entries.map(([k, n]) =>
      h('li', { dataset: { key: k, n: String(n) } }, h('span', { class: 'tv-k' }, h('bdi', null, k)),
        h('span', { class: 'tv-track', 'aria-hidden': 'true' }, h('span', { class: 'tv-fill', dataset: { w: String(n / most) } })), h('span', { class: 'tv-n' }, String(n)))));
    for (const f of ul.querySelectorAll('.tv-fill')) f.style.width = `${Math.round(+f.dataset.w * 100)}%`;
    return h('div', { class: 'tv-col' }, h('h3', null, title), ul);
  };
  const byMonth = [...months].sort((a, b) => (a[0] === '—' ? 1 : b[0] === '—' ? -1 : a[0] < b[0] ? -1 : 1));
  const byPart = [...parts].sort((a, b) => b[1] - a[1]).slice(0, 10);
  return h('div', { class: 'term-view' }, bars(t('tv_month'), byMonth.slice(-24), 'tv-month'), bars(t('tv_counterpart'), byPart, 'tv-cp'));
}
