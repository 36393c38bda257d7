// Across articles: the counts line, the timeline (windowed: any number of contacts), and the counts by
// counterpart, topic and kind (a click filters the grouped table).
import { h, $, str, arr, obj, bdi, setText, nameEl } from './dom.js';
import { t, plural, kindLabel, countryName, flag, topicLabel } from './i18n.js';
import { Windowed } from './virtual.js';
import { itemBySeq } from './state.js';
import { cpField, chipLabel } from './filter.js';
import { MonthChart } from './chart.js';

const sideShort = (list) => arr(list).map(obj).map((p) => str(p.name) || str(p.org) || countryName(p.country)).filter(Boolean).join('、');

export function countLabel(c) {
  if (c.category === 'country') return countryName(c.label);
  if (c.category === 'topic') return topicLabel({ id: c.key, label: c.label });
  if (c.category === 'kind') return kindLabel(c.key);
  return c.label;
}

/** The filter field a count's bar adds. */
const fieldOf = (c) => (c.category === 'topic' || c.category === 'kind' ? c.category : cpField(c.key));

/** `ui.setFilter(f)`, `ui.revealGroup(key)`. */
export class Overview {
  constructor(state, ui) {
    this.state = state;
    this.ui = ui;
    this.entries = [];
    this.countsRef = null;
    this.chart = new MonthChart(state, (from, to) => ui.setRange(from, to));
    this.more = new Set(); // lists shown in full (their "… and N more" was pressed)
    const tl = $('#timeline');
    this.timeline = new Windowed({
      scroller: tl, container: tl, rowHeight: 28, overscan: 6,
      spacer: () => h('li', { class: 'spacer', 'aria-hidden': 'true' }),
      count: () => this.entries.length,
      key: (i) => this.entries[i],
      rows: () => 1,
      render: (i) => this.entry(this.entries[i]),
    });
    // One Tab stop for the whole list (a roving tabindex): ↑/↓, Home/End, PageUp/PageDown move between
    // entries, so a keyboard user passes the timeline with one Tab on the way to the table.
    this.cursor = null; // the group key whose entry takes the Tab stop
    tl.addEventListener('keydown', (ev) => this.onKey(ev));
    tl.addEventListener('focusin', (ev) => {
      const key = ev.target.closest?.('li[data-group]')?.dataset.group;
      if (key && key !== this.cursor) this.moveCursor(key);
    });
  }

  /** The nearest group entry from index `i` in direction `d` (month headings are not stops); -1: none. */
  stopAt(i, d = 1) {
    const n = this.entries.length;
    for (let k = Math.max(0, Math.min(n - 1, i)); k >= 0 && k < n; k += d) if (!this.entries[k].startsWith('m:')) return k;
    return -1;
  }

  /** Keep the Tab stop on an entry that is listed (the first one when the cursor's entry went). */
  checkCursor() {
    if (this.cursor != null && this.entries.includes(this.cursor)) return;
    const old = this.cursor;
    this.cursor = this.entries[this.stopAt(0)] ?? null;
    if (old) this.timeline.invalidate(old);
    if (this.cursor) this.timeline.invalidate(this.cursor);
  }

  moveCursor(key) {
    for (const b of this.timeline.container.querySelectorAll('li[data-group] button[tabindex="0"]')) b.tabIndex = -1;
    this.cursor = key;
    const b = this.timeline.container.querySelector(`li[data-group="${CSS.escape(key)}"] button`);
    if (b) b.tabIndex = 0;
    return b;
  }

  onKey(ev) {
    if (!ev.target.closest?.('li[data-group] button') || ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    const i = this.entries.indexOf(this.cursor);
    const n = this.entries.length;
    const move = { ArrowDown: [i + 1, 1], ArrowUp: [i - 1, -1], Home: [0, 1], End: [n - 1, -1], PageDown: [i + 10, 1], PageUp: [i - 10, -1] }[ev.key];
    if (!move) return;
    ev.preventDefault();
    let to = this.stopAt(move[0], move[1]);
    if (to < 0) to = this.stopAt(move[0], -move[1]);
    if (to < 0) return;
    this.timeline.reveal(to);
    this.moveCursor(this.entries[to])?.focus({ preventScroll: true });
  }

  /**
   * The counts line and the export buttons: cheap, every frame. It counts what the table shows: files
   * (identical ones once) and distinct contacts, then failures and identical files set aside.
   */
  counts() {
    const { totals, shown, coll, duplicates } = this.state;
    const files = shown.seqs ? shown.seqs.size : totals.ok + totals.error;
    const contacts = shown.keys ? shown.keys.length : coll.groups.size;
    const parts = [plural('files_n', files), plural('contacts_n', contacts)];
    if (totals.error) parts.push(t('failed_n', { n: totals.error }));
    setText($('#overview-counts'), parts.join(' · '));
    const dups = $('#dups');
    if (dups.dataset.n !== String(duplicates.length)) {
      dups.dataset.n = String(duplicates.length);
      dups.hidden = !duplicates.length;
      dups.replaceChildren(
        h('summary', null, plural('identical_n', duplicates.length)),
        h('ul', null, duplicates.slice(0, 200).map((d) => h('li', null, nameEl(d.name), ' = ', nameEl(d.of)))));
    }
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
    // Unfiltered, the timeline's entries are the worker's list itself: nothing is rebuilt over all groups.
    const { shown } = this.state;
    this.entries = shown.timeline || coll.timeline;
    this.checkCursor();
    this.timeline.relayout();
    const counts = shown.counts || coll.counts;
    if (force || this.countsRef !== counts || this.chartRef !== coll.version) {
      this.chartRef = coll.version;
      this.chart.render(shown.keys ? shown.chartKeys : null);
    }
    if (force || this.countsRef !== counts) {
      this.countsRef = counts;
      this.bars($('#by-counterpart'), counts.by_counterpart, 14, 'cp');
      this.bars($('#by-topic'), counts.by_topic, 8, 'topic');
      this.bars($('#by-kind'), counts.by_kind, 5, 'kind');
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
      h('button', { type: 'button', tabindex: g.key === this.cursor ? '0' : '-1', onclick: () => this.ui.revealGroup(g.key) },
      // The month headings are visual only: the button's name says the whole date (the year hidden).
      h('span', { class: 'tl-date' }, g.date && /^\d{4}-/.test(g.date) ? [h('span', { class: 'vh' }, g.date.slice(0, 5)), g.date.slice(5)] : str(g.date) || '—'),
      h('span', { class: `kind kind-${str(g.kind)}` }, kindLabel(g.kind)),
      h('span', { class: 'tl-who' }, bdi([sideShort(ev.china), sideShort(ev.counterparts)].filter(Boolean).join(' — ')),
        ...[...new Set(arr(ev.counterparts).map((p) => flag(obj(p).country)).filter(Boolean))].map((cc) => h('span', { class: 'cc' }, cc))),
      h('span', { class: 'badge tl-n' }, plural('reports_n', n))));
  }

  bars(el, list, max, name) {
    const all = arr(list);
    const top = this.more.has(name) ? all : all.slice(0, max);
    const most = Math.max(1, ...top.map((c) => c.groups));
    el.replaceChildren(
      ...top.map((c) => {
        const label = countLabel(c);
        const field = fieldOf(c);
        const on = this.state.filter.has(field, c.key);
        // Counterparts say their type in words (state, organisation, person), not by colour alone.
        const type = name === 'cp' ? h('span', { class: 'bar-type' }, t(`type_${c.category}`)) : null;
        return h('li', null,
          h('button', { type: 'button', class: `cbar cat-${c.category}`, 'aria-pressed': String(on), dataset: { key: c.key, groups: String(c.groups), reports: String(c.reports) },
            title: t('bar_title', { label, groups: c.groups, reports: c.reports }), onclick: () => this.ui.toggleFilter(field, c.key) },
          h('span', { class: 'bar-label' }, c.category === 'country' ? h('span', { class: 'cc' }, flag(c.label)) : null, bdi(label), type),
          h('span', { class: 'bar-track', 'aria-hidden': 'true' }, h('span', { class: 'bar-fill', dataset: { w: String(c.groups / most) } })),
          h('span', { class: 'bar-n' }, String(c.groups))));
      }),
      ...(all.length > max ? [h('li', { class: 'more' }, h('button', { type: 'button', class: 'link more-btn', 'aria-expanded': String(this.more.has(name)),
        onclick: () => { if (this.more.has(name)) this.more.delete(name); else this.more.add(name); this.render(true); } },
      this.more.has(name) ? t('show_fewer') : t('timeline_more', { n: all.length - max })))] : []),
      ...(!all.length ? [h('li', { class: 'more' }, t('no_counts'))] : []),
    );
    // Widths through the CSSOM (the CSP forbids inline style attributes).
    for (const f of el.querySelectorAll('.bar-fill')) f.style.width = `${Math.round(+f.dataset.w * 100)}%`;
  }

  /** The chips (each removable) and the status line. */
  filterStatus() {
    const { filter, coll, shown } = this.state;
    const chips = filter.chips.map((c, i) => {
      const label = chipLabel(c, this.state);
      return h('li', { class: 'fchip', dataset: { field: c.field, value: c.value } },
        h('span', { class: 'fchip-field' }, t(`field_${c.field}`)), ' ', bdi(label),
        h('button', { type: 'button', class: 'fchip-x', 'aria-label': t('remove_filter', { label }), onclick: () => this.ui.removeChip(i) }, '×'));
    });
    $('#chips').replaceChildren(...chips);
    $('#chips').hidden = !chips.length;
    const labels = filter.chips.map((c) => chipLabel(c, this.state)).join(' + ');
    setText($('#filter-status'), filter.active ? t('filter_on', { label: labels, n: shown.keys?.length ?? coll.groups.size, total: coll.groups.size }) : '');
    $('#clear-filter').hidden = !filter.active;
  }
}
