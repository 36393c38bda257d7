// Across articles: the counts line, the timeline (windowed: any number of contacts), and the counts by
// counterpart, topic and kind (a click filters the grouped table).
import { h, $, str, arr, obj, bdi, setText } from './dom.js';
import { t, kindLabel, countryName, flag, topicLabel } from './i18n.js';
import { Windowed } from './virtual.js';
import { itemBySeq } from './state.js';

const sideShort = (list) => arr(list).map(obj).map((p) => str(p.name) || str(p.org) || countryName(p.country)).filter(Boolean).join('、');

export function countLabel(c) {
  if (c.category === 'country') return countryName(c.label);
  if (c.category === 'topic') return topicLabel({ id: c.key, label: c.label });
  if (c.category === 'kind') return kindLabel(c.key);
  return c.label;
}

export const matches = (g, f) => !f || arr(g.counterparts).includes(f.key) || arr(g.topics).includes(f.key) || g.kind === f.key;

/** `ui.setFilter(f)`, `ui.revealGroup(key)`. */
export class Overview {
  constructor(state, ui) {
    this.state = state;
    this.ui = ui;
    this.entries = [];
    this.countsRef = null;
    const tl = $('#timeline');
    this.timeline = new Windowed({
      scroller: tl, container: tl, rowHeight: 28, overscan: 6,
      spacer: () => h('li', { class: 'spacer', 'aria-hidden': 'true' }),
      count: () => this.entries.length,
      key: (i) => this.entries[i],
      rows: () => 1,
      render: (i) => this.entry(this.entries[i]),
    });
  }

  /** The counts line and the export buttons: cheap, every frame. */
  counts() {
    const { items, totals } = this.state;
    setText($('#overview-counts'), t('overview_counts', { files: items.length, readouts: totals.readouts, contacts: totals.contacts, errors: totals.error }));
    const any = totals.ok + totals.error > 0;
    for (const b of document.querySelectorAll('.export button')) if (b.disabled === any) b.disabled = !any;
  }

  /** Groups that changed: their timeline entries are rendered again (if they are in the window). */
  groupsChanged(keys) {
    for (const k of keys) this.timeline.invalidate(k);
  }

  /** The insights, when the collection changed (or `force`: language, filter). */
  render(force = false) {
    const { coll, insightsShown } = this.state;
    const any = coll.groups.size > 0;
    const tg = $('#insights-toggle');
    tg.hidden = !any;
    tg.setAttribute('aria-expanded', String(insightsShown));
    tg.textContent = t(insightsShown ? 'hide_overview' : 'show_overview');
    $('#insights').hidden = !any || !insightsShown;
    if (!any) return;
    if (force) this.timeline.invalidateAll();
    // The timeline's entries are the worker's list itself: nothing is rebuilt over all groups here.
    this.entries = coll.timeline;
    this.timeline.relayout();
    if (force || this.countsRef !== coll.counts || this.filterRef !== this.state.filter) {
      this.countsRef = coll.counts;
      this.filterRef = this.state.filter;
      this.bars($('#by-counterpart'), coll.counts.by_counterpart, 14);
      this.bars($('#by-topic'), coll.counts.by_topic, 8);
      this.bars($('#by-kind'), coll.counts.by_kind, 5);
    }
    this.timeline.update();
    this.filterStatus();
  }

  entry(key) {
    if (key.startsWith('m:')) return h('li', { class: 'tl-month', 'aria-hidden': 'true' }, key.slice(2));
    const g = this.state.coll.groups.get(key);
    return g ? this.groupEntry(g) : h('li', { class: 'tl-item' });
  }

  groupEntry(g) {
    const rep = itemBySeq(this.state, g.rep[0]);
    const ev = obj(arr(rep?.summary?.events)[g.rep[1]]);
    const n = g.members.length;
    return h('li', { class: 'tl-item', dataset: { group: g.key, date: str(g.date) } },
      h('button', { type: 'button', onclick: () => this.ui.revealGroup(g.key),
        // The month headings are visual only: the button says the whole date.
        'aria-label': [str(g.date) || '—', kindLabel(g.kind), sideShort(ev.china), sideShort(ev.counterparts), t('reports_n', { n })].filter(Boolean).join(', ') },
      h('span', { class: 'tl-date' }, g.date ? g.date.slice(5) : '—'),
      h('span', { class: `kind kind-${str(g.kind)}` }, kindLabel(g.kind)),
      h('span', { class: 'tl-who' }, bdi([sideShort(ev.china), sideShort(ev.counterparts)].filter(Boolean).join(' — ')),
        ...[...new Set(arr(ev.counterparts).map((p) => flag(obj(p).country)).filter(Boolean))].map((cc) => h('span', { class: 'cc' }, cc))),
      h('span', { class: 'badge tl-n' }, t('reports_n', { n }))));
  }

  bars(el, list, max = 12) {
    const all = arr(list);
    const top = all.slice(0, max);
    const most = Math.max(1, ...top.map((c) => c.groups));
    el.replaceChildren(
      ...top.map((c) => {
        const label = countLabel(c);
        const on = this.state.filter?.key === c.key;
        return h('li', null,
          h('button', { type: 'button', class: `cbar cat-${c.category}`, 'aria-pressed': String(on), dataset: { key: c.key, groups: String(c.groups), reports: String(c.reports) },
            title: t('bar_title', { label, groups: c.groups, reports: c.reports }), onclick: () => this.ui.setFilter({ key: c.key, label }) },
          h('span', { class: 'bar-label' }, c.category === 'country' ? h('span', { class: 'cc' }, flag(c.label)) : null, bdi(label)),
          h('span', { class: 'bar-track', 'aria-hidden': 'true' }, h('span', { class: 'bar-fill', dataset: { w: String(c.groups / most) } })),
          h('span', { class: 'bar-n' }, String(c.groups))));
      }),
      ...(all.length > max ? [h('li', { class: 'more' }, t('timeline_more', { n: all.length - max }))] : []),
      ...(!all.length ? [h('li', { class: 'more' }, t('no_counts'))] : []),
    );
    // Widths through the CSSOM (the CSP forbids inline style attributes).
    for (const f of el.querySelectorAll('.bar-fill')) f.style.width = `${Math.round(+f.dataset.w * 100)}%`;
  }

  filterStatus() {
    const { filter: f, coll } = this.state;
    let shown = coll.groups.size;
    if (f) {
      shown = 0;
      for (const g of coll.groups.values()) if (matches(g, f)) shown++;
    }
    $('#filter-status').textContent = f ? t('filter_on', { label: f.label, n: shown, total: coll.groups.size }) : '';
    $('#clear-filter').hidden = !f;
  }
}
