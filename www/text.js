// The clean text with highlights. Rendered in slices: the first screen at once, the rest in idle time
// (a 5 MB article never holds the main thread), in chunks the browser lays out only when they come
// into view (`content-visibility: auto`). Article text only ever becomes text nodes.
import { h, str, arr, obj, whenIdle } from './dom.js';
import { t } from './i18n.js';
import { CATEGORIES } from './config.js';

const cats = new Map(); // category as written → legend category (the report uses a handful)
export function catOf(c) {
  let cat = cats.get(c);
  if (!cat) cats.set(c, (cat = classify(c)));
  return cat;
}

function classify(c) {
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

// A highlight's tooltip: its category in the interface's words, and what a click does.
let titles = null;
const catTitle = (cat) => {
  if (titles?.lang !== t('lang_switch')) titles = { lang: t('lang_switch') };
  return (titles[cat] ??= `${t(`cat_${cat}`)} · ${t('find_click')}`);
};

export const validSpan = (s) => s && Number.isInteger(s.start16) && Number.isInteger(s.end16) && s.end16 >= s.start16;

const FIRST_CHARS = 12000; // about two screens of text, rendered before the article is shown
const PER_CHUNK = 40; // paragraphs per lazily laid-out chunk
const SLICE_MS = 8;
const LAZY_CHARS = 100000;

export class TextView {
  constructor(report, text, hidden) {
    this.text = text;
    this.ents = arr(obj(report.terms).entities);
    this.e = 0;
    this.done = 0; // paragraphs rendered
    this.pEls = [];
    this.waiters = [];
    this.stopped = false;
    // Paragraph starts: the first screen's now, the whole text's in the first idle slice.
    this.starts = [];
    this.lengths = [];
    let pos = 0;
    while (pos <= text.length && pos < FIRST_CHARS) pos = this.addPara(pos);
    this.indexed = pos > text.length;
    this.nParas = this.indexed ? this.starts.length : Infinity;
    this.container = h('div', { class: 'text', id: 'text', tabindex: '0', 'aria-label': t('text') });
    for (const c of hidden) this.container.classList.add(`hide-${c}`);
    this.legend = h('div', { class: 'legend', role: 'group', 'aria-label': t('legend') }, h('span', { class: 'legend-title' }, t('legend')));
    this.hidden = hidden;
    this.pane = h('section', { class: 'text-pane', 'aria-label': t('text') }, h('h3', null, t('text')), this.legend, this.container);
    // A small text is prepared at once; a long one after its first screen is shown.
    if (this.ents.length <= 20000 && text.length <= 200000) this.prepare();
    this.renderTo(this.starts.length);
    this.schedule();
  }

  /** Index one paragraph starting at `pos`; returns the next one's start. */
  addPara(pos) {
    let end = this.text.indexOf('\n', pos);
    if (end < 0) end = this.text.length;
    this.starts.push(pos);
    this.lengths.push(end - pos);
    return end + 1;
  }

  /**
   * The passes over the whole text: every paragraph's start, the entities in order, the legend's counts.
   * Done once, before anything past the first screen is rendered.
   */
  prepare() {
    if (this.prepared) return;
    this.prepared = true;
    const text = this.text;
    let pos = this.indexed ? text.length + 1 : this.starts.at(-1) + this.lengths.at(-1) + 1;
    while (pos <= text.length) pos = this.addPara(pos);
    this.indexed = true;
    this.nParas = this.starts.length;
    this.container.dataset.paragraphs = String(this.nParas);
    const usable = (e) => e && validSpan(e.span) && e.span.end16 <= text.length && e.span.end16 > e.span.start16;
    const cmp = (a, b) => a.span.start16 - b.span.start16 || b.span.end16 - a.span.end16;
    // The core lists entities in text order; anything else is put in order (and unusable spans dropped).
    let ents = this.ents;
    for (let i = 0; i < ents.length; i++) {
      if (!usable(ents[i]) || (i && cmp(ents[i - 1], ents[i]) > 0)) {
        ents = ents.filter(usable).sort(cmp);
        if (this.done) this.restart();
        break;
      }
    }
    this.ents = ents;
    // Counts for the legend, over the whole text (a highlight overlapping an earlier one is not shown).
    const counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0]));
    let end = -1;
    for (const e of ents) {
      if (e.span.start16 >= end) counts[catOf(e.category)]++;
      end = Math.max(end, e.span.end16);
    }
    const hidden = this.hidden;
    this.legend.append(...CATEGORIES.filter((c) => counts[c] > 0).map((c) =>
      h('button', { type: 'button', class: `toggle hl-${c}`, 'aria-pressed': String(!hidden.has(c)), dataset: { cat: c },
        onclick: (ev) => {
          const on = hidden.has(c);
          if (on) hidden.delete(c); else hidden.add(c);
          this.container.classList.toggle(`hide-${c}`, !on);
          ev.currentTarget.setAttribute('aria-pressed', String(on));
        } }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), t(`cat_${c}`), h('span', { class: 'count' }, String(counts[c])))));
  }

  /** Entities were out of order: render again from the top with them sorted. */
  restart() {
    this.container.replaceChildren();
    this.pEls = [];
    this.done = 0;
    this.e = 0;
  }

  get complete() {
    return !!this.prepared && this.done >= this.nParas;
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
        // A long text's chunks are laid out only near the viewport; a short one is simply shown.
        chunk.className = this.text.length > LAZY_CHARS ? 'chunk lazy' : 'chunk';
        this.container.append(chunk);
      }
      const start = this.starts[i];
      const end = start + this.lengths[i];
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
        m.title = catTitle(cat);
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
    if (!this.prepared) {
      this.prepare();
      return this.schedule();
    }
    const t0 = performance.now();
    while (!this.complete && performance.now() - t0 < SLICE_MS) this.renderTo(Math.min(this.nParas, this.done + 8));
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

  /** Resolves once paragraph `i` is in the DOM (Infinity: the whole text). */
  until(i) {
    if (i < this.done || (this.complete && this.prepared)) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ n: i + 1, resolve });
      this.pending = false; // an idle wait gives way to a prompt one
      this.schedule();
    });
  }

  stop() {
    this.stopped = true;
  }

  /** The paragraph holding UTF-16 offset `off` (the index is complete once prepared). */
  paraOf(off) {
    if (!this.prepared) this.prepare();
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
