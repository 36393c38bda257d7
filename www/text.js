// The clean text with highlights. Rendered in slices: the first screen at once, the rest in idle time
// (a 5 MB article never holds the main thread), in chunks the browser lays out only when they come
// into view (`content-visibility: auto`). Article text only ever becomes text nodes.
import { h, str, arr, obj, whenIdle } from './dom.js';
import { t } from './i18n.js';
import { CATEGORIES } from './config.js';

export function catOf(c) {
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

export const validSpan = (s) => s && Number.isInteger(s.start16) && Number.isInteger(s.end16) && s.end16 >= s.start16;

const FIRST_CHARS = 12000; // about two screens of text, rendered before the article is shown
const PER_CHUNK = 40; // paragraphs per lazily laid-out chunk
const SLICE_MS = 8;

export class TextView {
  constructor(report, text, hidden) {
    this.text = text;
    this.paras = text.split('\n');
    this.starts = new Array(this.paras.length);
    let pos = 0;
    for (let i = 0; i < this.paras.length; i++) {
      this.starts[i] = pos;
      pos += this.paras[i].length + 1;
    }
    let ents = arr(obj(report.terms).entities).filter((e) => e && validSpan(e.span) && e.span.end16 <= text.length && e.span.end16 > e.span.start16);
    const cmp = (a, b) => a.span.start16 - b.span.start16 || b.span.end16 - a.span.end16;
    for (let i = 1; i < ents.length; i++) if (cmp(ents[i - 1], ents[i]) > 0) { ents = ents.sort(cmp); break; }
    this.ents = ents;
    this.e = 0;
    this.done = 0; // paragraphs rendered
    this.pEls = [];
    this.waiters = [];
    this.stopped = false;
    // Counts for the legend, over the whole text (a highlight overlapping an earlier one is not shown).
    const counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0]));
    let end = -1;
    for (const e of ents) {
      if (e.span.start16 >= end) counts[catOf(e.category)]++;
      end = Math.max(end, e.span.end16);
    }
    this.container = h('div', { class: 'text', id: 'text', tabindex: '0', 'aria-label': t('text'), dataset: { paragraphs: String(this.paras.length) } });
    for (const c of hidden) this.container.classList.add(`hide-${c}`);
    const legend = h('div', { class: 'legend', role: 'group', 'aria-label': t('legend') },
      h('span', { class: 'legend-title' }, t('legend')),
      CATEGORIES.filter((c) => counts[c] > 0).map((c) =>
        h('button', { type: 'button', class: `toggle hl-${c}`, 'aria-pressed': String(!hidden.has(c)), dataset: { cat: c },
          onclick: (ev) => {
            const on = hidden.has(c);
            if (on) hidden.delete(c); else hidden.add(c);
            this.container.classList.toggle(`hide-${c}`, !on);
            ev.currentTarget.setAttribute('aria-pressed', String(on));
          } }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), t(`cat_${c}`), h('span', { class: 'count' }, String(counts[c])))));
    this.pane = h('section', { class: 'text-pane', 'aria-label': t('text') }, h('h3', null, t('text')), legend, this.container);
    // The first screen now; the rest when the page is idle.
    let chars = 0;
    let n = 0;
    while (n < this.paras.length && chars < FIRST_CHARS) chars += this.paras[n++].length + 1;
    this.renderTo(n);
    this.schedule();
  }

  get complete() {
    return this.done >= this.paras.length;
  }

  /** Render paragraphs up to (not including) `n`. */
  renderTo(n) {
    const text = this.text;
    const ents = this.ents;
    let chunk = this.container.lastElementChild;
    while (this.done < n) {
      const i = this.done++;
      if (i % PER_CHUNK === 0) {
        chunk = document.createElement('div');
        chunk.className = 'chunk';
        this.container.append(chunk);
      }
      const start = this.starts[i];
      const end = start + this.paras[i].length;
      const p = document.createElement('p');
      p.dataset.start = String(start);
      let cur = start;
      while (this.e < ents.length && ents[this.e].span.start16 < end) {
        const ent = ents[this.e];
        const s = Math.max(ent.span.start16, cur);
        const en = Math.min(ent.span.end16, end);
        if (ent.span.end16 <= end) this.e++;
        if (en <= s) { if (ent.span.end16 > end) break; continue; } // overlaps an earlier highlight
        if (s > cur) p.append(text.slice(cur, s));
        const cat = catOf(ent.category);
        const m = document.createElement('mark');
        m.className = `hl hl-${cat}`;
        m.dataset.cat = cat;
        m.dataset.category = str(ent.category);
        m.title = str(ent.category);
        m.textContent = text.slice(s, en);
        p.append(m);
        cur = en;
        if (ent.span.end16 > end) break;
      }
      if (end > cur) p.append(text.slice(cur, end));
      chunk.append(p);
      this.pEls.push(p);
    }
    if (this.complete) {
      this.container.dataset.complete = 'true';
      for (const w of this.waiters.splice(0)) w.resolve();
    } else {
      for (const w of this.waiters.filter((x) => x.n <= this.done)) w.resolve();
      this.waiters = this.waiters.filter((x) => x.n > this.done);
    }
  }

  /** Render the next slice, within a few milliseconds, then give the page back. */
  step(gen) {
    if (gen !== this.gen) return; // superseded by a prompter schedule
    this.pending = false;
    if (this.stopped || this.complete) return;
    const t0 = performance.now();
    while (!this.complete && performance.now() - t0 < SLICE_MS) this.renderTo(Math.min(this.paras.length, this.done + 8));
    this.schedule();
  }

  schedule() {
    if (this.stopped || this.complete || this.pending) return;
    this.pending = true;
    const gen = (this.gen = (this.gen || 0) + 1);
    // Someone waits for a paragraph further on (a field was clicked): go on at once, still in slices.
    if (this.waiters.length) setTimeout(() => this.step(gen), 0);
    else whenIdle(() => this.step(gen));
  }

  /** Resolves once paragraph `i` is in the DOM. */
  until(i) {
    if (i < this.done) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ n: i + 1, resolve });
      this.pending = false; // an idle wait gives way to a prompt one
      this.schedule();
    });
  }

  stop() {
    this.stopped = true;
  }

  /** The paragraph holding UTF-16 offset `off`. */
  paraOf(off) {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= off) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The DOM position of a UTF-16 offset into the text (its paragraph must be rendered). */
  point(off) {
    const i = this.paraOf(off);
    const p = this.pEls[i];
    let rest = off - this.starts[i];
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

  /** Scroll to a span of the text and flash it. */
  async show(span, btn) {
    if (!validSpan(span)) return;
    await this.until(this.paraOf(span.end16));
    if (this.stopped) return;
    const range = document.createRange();
    try {
      range.setStart(...this.point(span.start16));
      range.setEnd(...this.point(span.end16));
    } catch {
      return;
    }
    const container = this.container;
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
      clearTimeout(TextView.flashTimer);
      TextView.flashTimer = setTimeout(() => CSS.highlights.delete('evidence-flash'), 700);
    } else {
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    }
  }

  /** Show the first occurrence of `needle` (within `within` if it is there), else `within` itself. */
  find(needle, within, btn) {
    let at = -1;
    if (needle && within) {
      at = this.text.slice(within.start16, within.end16).indexOf(needle);
      if (at >= 0) at += within.start16;
    }
    if (at < 0 && needle) at = this.text.indexOf(needle);
    if (at >= 0) return this.show({ start16: at, end16: at + needle.length }, btn);
    if (within) return this.show(within, btn);
  }
}
