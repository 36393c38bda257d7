// The timeline as a chart: contacts per month, each bar in segments by kind (the legend names them; a
// bar's label counts them in words), undated contacts counted apart with their month-day when the
// report has one (`--03-15`). A drag across the bars (or the arrow keys, Shift to widen, Enter) picks a
// date range: the filter's from/to, so the table, the counts and the exports follow.
import { h, $, str, setText } from './dom.js';
import { t, plural, kindLabel } from './i18n.js';

const KINDS = ['phone_call', 'video_call', 'talks', 'meeting', 'other'];
const MAX_MONTHS = 600;

const monthOf = (d) => (/^\d{4}-\d{2}/.test(str(d)) ? d.slice(0, 7) : null);
const addMonth = (m, k) => {
  const [y, mo] = m.split('-').map(Number);
  const n = y * 12 + (mo - 1) + k;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
};
/** A bar's kinds stacked from the bottom, each its share of the tallest month, as one gradient. */
function stack(c, most) {
  if (!c) return 'none';
  const stops = [];
  let at = 0;
  for (const x of KINDS) {
    if (!c[x]) continue;
    const to = at + (c[x] / most) * 100;
    stops.push(`var(--kind-${x}) ${at.toFixed(2)}% ${to.toFixed(2)}%`);
    at = to;
  }
  stops.push(`transparent ${at.toFixed(2)}%`);
  return `linear-gradient(to top, ${stops.join(', ')})`;
}

const lastDay = (m) => {
  const [y, mo] = m.split('-').map(Number);
  return `${m}-${String(new Date(y, mo, 0).getDate()).padStart(2, '0')}`;
};

export class MonthChart {
  /** `onRange(from, to)`: a range was picked (dates YYYY-MM-DD; both empty: none). */
  constructor(state, onRange) {
    this.state = state;
    this.onRange = onRange;
    this.box = $('#tl-chart');
    this.months = [];
    this.cursor = -1;
    this.anchor = -1;
    this.box.addEventListener('pointerdown', (e) => this.down(e));
    this.box.addEventListener('keydown', (e) => this.key(e));
    this.box.addEventListener('pointerover', (e) => { const bar = e.target.closest?.('.mbar'); if (bar && !bar.title) this.says(bar); });
  }

  /** Draw the contacts of `keys` (null: all groups). */
  render(keys) {
    const { coll } = this.state;
    const per = new Map(); // month → counts by kind
    const undated = new Map(); // month-day (or '') → count
    let nUndated = 0;
    const list = keys || coll.order;
    for (const k of list) {
      const g = coll.groups.get(k);
      if (!g) continue;
      const m = monthOf(g.date);
      if (!m) {
        nUndated++;
        const md = /^--(\d{2}-\d{2})$/.exec(str(g.date))?.[1] || '';
        undated.set(md, (undated.get(md) || 0) + 1);
        continue;
      }
      let c = per.get(m);
      if (!c) per.set(m, (c = Object.fromEntries(KINDS.map((x) => [x, 0]))));
      c[KINDS.includes(g.kind) ? g.kind : 'other']++;
    }
    const dated = [...per.keys()].sort();
    const months = [];
    if (dated.length) {
      for (let m = dated[0]; m <= dated.at(-1) && months.length < MAX_MONTHS; m = addMonth(m, 1)) months.push(m);
    }
    this.months = months;
    const most = Math.max(1, ...[...per.values()].map((c) => KINDS.reduce((a, x) => a + c[x], 0)));
    const [from, to] = [this.state.filter.get('from'), this.state.filter.get('to')];
    // The bars are kept from one drawing to the next when the months are the same (a filter change):
    // only a bar whose counts, range mark or cursor changed is touched. One element per bar, its kinds
    // stacked in a gradient (the CSSOM: the CSP forbids inline style attributes), so a chart of
    // decades is a few hundred elements whose style is recalculated only where something changed.
    const same = this.plot && this.plot.isConnected && this.bars?.length === months.length && months[0] === this.bars[0]?.dataset.month;
    const bars = same ? this.bars : months.map((m, i) => h('div', { class: 'mbar', dataset: { month: m, i: String(i) } }));
    months.forEach((m, i) => {
      const c = per.get(m);
      const total = c ? KINDS.reduce((a, x) => a + c[x], 0) : 0;
      const inRange = !!(from || to) && (!from || lastDay(m) >= from) && (!to || `${m}-01` <= to);
      const bar = bars[i];
      const sig = c ? KINDS.map((x) => c[x]).join(',') : '';
      if (bar.dataset.sig !== sig || bar.dataset.most !== String(most)) {
        bar.dataset.sig = sig;
        bar.dataset.most = String(most);
        bar.dataset.n = String(total);
        bar.removeAttribute('title'); // said in words when the pointer or the keyboard reaches it (`says`)
        bar.style.backgroundImage = stack(c, most);
      }
      bar.classList.toggle('in', inRange);
      bar.classList.toggle('cur', i === this.cursor);
    });
    const legend = h('ul', { class: 'mlegend', 'aria-hidden': 'true' },
      KINDS.filter((x) => [...per.values()].some((c) => c[x])).map((x) => h('li', null, h('span', { class: `sw kind-bg-${x}` }), kindLabel(x))));
    const md = [...undated].filter(([d]) => d).sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const none = undated.get('') || 0;
    const undatedLine = nUndated
      ? h('p', { class: 'undated' }, `${t('undated_n', { n: nUndated })}`,
        md.length ? `: ${md.slice(0, 12).map(([d, n]) => (n > 1 ? `${d} ×${n}` : d)).join('、')}${md.length > 12 ? ' …' : ''}` : '',
        none && md.length ? `; ${t('no_date_n', { n: none })}` : '')
      : null;
    const span = months.length ? `${months[0]} – ${months.at(-1)}` : '';
    const label = `${t('chart_label', { span })}`;
    if (same) {
      // The plot stays (and with it the keyboard's focus); the lines under it are small.
      this.plot.setAttribute('aria-label', label);
      this.plot.setAttribute('aria-roledescription', t('chart_role'));
      this.box.querySelector('#tl-chart-help').textContent = t('chart_help');
      this.box.querySelector('.mfoot').replaceChildren(legend, h('span', { class: 'mspan', role: 'status' }, this.status(from, to, span)));
      this.box.querySelector('.undated')?.remove();
      if (undatedLine) this.box.append(undatedLine);
      return;
    }
    const hadFocus = !!this.plot && this.plot === document.activeElement;
    const plot = h('div', { class: 'mplot', tabindex: months.length ? '0' : null, role: 'group', 'aria-roledescription': t('chart_role'),
      'aria-label': label, 'aria-describedby': 'tl-chart-help' }, bars);
    this.box.replaceChildren(plot, h('p', { id: 'tl-chart-help', class: 'vh' }, t('chart_help')), h('div', { class: 'mfoot' }, legend,
      h('span', { class: 'mspan', role: 'status' }, this.status(from, to, span))), ...(undatedLine ? [undatedLine] : []));
    this.plot = plot;
    this.bars = bars;
    if (hadFocus) plot.focus({ preventScroll: true }); // drawn again under the keyboard: it stays there
  }

  /** A bar's counts in words (its tooltip, and the status line under the keyboard). */
  says(bar) {
    const c = bar.dataset.sig ? bar.dataset.sig.split(',').map(Number) : [];
    const text = `${bar.dataset.month}: ${[plural('contacts_n', +bar.dataset.n || 0), ...KINDS.map((x, i) => (c[i] ? `${kindLabel(x)} ${c[i]}` : '')).filter(Boolean)].join(' · ')}`;
    bar.title = text;
    return text;
  }

  status(from, to, span) {
    return from || to ? t('chart_range', { from: from || '…', to: to || '…' }) : span;
  }

  index(e) {
    const bar = e.target.closest?.('.mbar');
    if (bar) return +bar.dataset.i;
    const r = this.plot.getBoundingClientRect();
    const n = this.months.length;
    return Math.max(0, Math.min(n - 1, Math.floor(((e.clientX - r.left) / r.width) * n)));
  }

  down(e) {
    if (!this.months.length || e.button !== 0 || !this.plot?.contains(e.target)) return;
    e.preventDefault();
    const a = this.index(e);
    let b = a;
    this.mark(a, b);
    const move = (ev) => { b = this.index(ev); this.mark(a, b); };
    const up = () => {
      removeEventListener('pointermove', move);
      removeEventListener('pointerup', up);
      this.pick(a, b);
    };
    addEventListener('pointermove', move);
    addEventListener('pointerup', up);
  }

  /** Show a range being picked. */
  mark(a, b) {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    for (const bar of this.plot.children) bar.classList.toggle('in', +bar.dataset.i >= lo && +bar.dataset.i <= hi);
    setText(this.box.querySelector('.mspan'), this.status(`${this.months[lo]}-01`, lastDay(this.months[hi])));
  }

  pick(a, b) {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    this.cursor = hi;
    this.onRange(`${this.months[lo]}-01`, lastDay(this.months[hi]));
  }

  /** ←/→ move, Shift widens, Home/End, Enter or Space picks, Escape drops the range. */
  key(e) {
    const n = this.months.length;
    if (!n || e.target !== this.plot) return;
    if (e.key === 'Escape' && (this.state.filter.get('from') || this.state.filter.get('to'))) {
      e.preventDefault();
      this.anchor = -1;
      return this.onRange('', '');
    }
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (this.cursor < 0) this.cursor = 0;
      return this.pick(this.anchor >= 0 ? this.anchor : this.cursor, this.cursor);
    }
    const to = { ArrowLeft: this.cursor - 1, ArrowRight: this.cursor + 1, Home: 0, End: n - 1 }[e.key];
    if (to == null) return;
    e.preventDefault();
    if (e.shiftKey && this.anchor < 0) this.anchor = Math.max(0, this.cursor);
    if (!e.shiftKey) this.anchor = -1;
    this.cursor = Math.max(0, Math.min(n - 1, to));
    for (const bar of this.plot.children) bar.classList.toggle('cur', +bar.dataset.i === this.cursor);
    const bar = this.plot.children[this.cursor];
    bar.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    this.mark(this.anchor >= 0 ? this.anchor : this.cursor, this.cursor);
    setText(this.box.querySelector('.mspan'), `${this.says(bar)}${this.anchor >= 0 ? ` · ${this.box.querySelector('.mspan').textContent}` : ''}`);
  }
}
