// The two tables: by file (one block per file, a row per contact) and by contact (one block per group
// of reports of one contact, its member files when expanded; then files with no contact and failed
// ones). Both are windowed: only the rows near the viewport exist, whatever the number of files.
import { h, $, str, arr, obj, nameEl, nameText, bdi } from './dom.js';
import { t, kindLabel, countryName } from './i18n.js';
import { Windowed } from './virtual.js';
import { itemBySeq } from './state.js';
import { matches } from './overview.js';

const ROW_H = 31;

export function sideText(list, withCountry) {
  return arr(list)
    .map((p) => {
      p = obj(p);
      const who = str(p.name) || str(p.org) || countryName(p.country);
      const where = withCountry && p.country ? countryName(p.country) : '';
      return [where, who, str(p.title)].filter(Boolean).join(' ');
    })
    .join('; ');
}

const kindCell = (e) =>
  h('td', { class: 'c-kind' }, h('span', { class: `kind kind-${str(e.kind)}` }, kindLabel(e.kind)), e.status === 'planned' ? h('span', { class: 'badge' }, t('status_planned')) : null);

/** `ui.select(item, focus)` opens an article; `ui.revealGroup(key)` shows a group. */
export class Tables {
  constructor(state, ui) {
    this.state = state;
    this.ui = ui;
    const head = (table) => () => table.tHead?.offsetHeight || 0;
    const spacer = () => h('tbody', { class: 'spacer', 'aria-hidden': 'true' }, h('tr', null, h('td', { colspan: 7, class: 'size' })));
    const files = $('#results');
    this.files = new Windowed({
      scroller: $('#files-wrap'), container: files, rowHeight: ROW_H, spacer, header: head(files),
      count: () => state.items.length,
      key: (i) => state.items[i].seq,
      rows: (i) => rowsOf(state.items[i]),
      render: (i) => this.fileBlock(state.items[i]),
    });
    // The grouped table: the collection's group keys in order (or the filtered ones), then the files
    // with no contact and the failed ones. Read straight from the collection: no list is rebuilt.
    const groups = $('#groups');
    this.keys = null; // the filtered group keys (null: all, `coll.order`)
    this.rest = [];
    this.restDirty = true;
    const keys = () => this.keys || state.coll.order;
    this.groups = new Windowed({
      scroller: $('#groups-wrap'), container: groups, rowHeight: ROW_H, spacer, header: head(groups),
      count: () => keys().length + this.rest.length,
      key: (i) => (i < keys().length ? keys()[i] : `i:${this.rest[i - keys().length].seq}`),
      rows: (i) => {
        if (i >= keys().length) return 1;
        const k = keys()[i];
        return state.coll.open.has(k) ? 1 + (state.coll.groups.get(k)?.members.length || 0) : 1;
      },
      render: (i) => (i < keys().length ? this.groupBlock(state.coll.groups.get(keys()[i])) : this.restBlock(this.rest[i - keys().length])),
    });
  }

  /** Items were added or changed (`changed`: items to render again). */
  itemsChanged(changed) {
    for (const item of changed) {
      this.files.invalidate(item.seq);
      // A file with no contact, or a failed one, joins the grouped table's list below the groups.
      if (isRest(item)) {
        this.restDirty = true;
        this.groups.invalidate(`i:${item.seq}`);
      }
    }
    this.files.relayout();
  }

  /** Groups that changed (new objects from the collection): rendered again if they are in the window. */
  groupsChanged(keys) {
    for (const k of keys || []) this.groups.invalidate(k);
    if (!keys) this.groups.invalidateAll();
    this.groups.relayout();
  }

  /** The filter changed: the list of group keys shown. */
  filterChanged() {
    const { coll, filter } = this.state;
    this.keys = filter ? coll.order.filter((k) => matches(coll.groups.get(k), filter)) : null;
    this.restDirty = true;
    this.groupsChanged();
  }

  render() {
    const { view, filter } = this.state;
    if (view === 'files') return this.files.update();
    if (this.restDirty) {
      this.restDirty = false;
      this.rest = filter ? [] : this.state.items.filter(isRest);
      this.groups.relayout();
    }
    this.groups.update();
  }

  /** Everything again (the language changed). */
  all() {
    this.files.invalidateAll();
    this.groupsChanged();
  }

  /** The first row of the current view: the item it opens. */
  firstItem() {
    const { state } = this;
    if (state.view === 'files') return state.items.find((i) => i.status === 'ok' || i.status === 'error') || null;
    const key = (this.keys || state.coll.order)[0];
    if (key) return itemBySeq(state, state.coll.groups.get(key).rep[0]) || null;
    return state.items.find(isRest) || null;
  }

  /** Scroll the grouped table to a group, expanded. */
  revealGroup(key) {
    this.state.coll.open.add(key);
    this.groupsChanged([key]);
    const i = (this.keys || this.state.coll.order).indexOf(key);
    if (i < 0) return null;
    this.groups.reveal(i);
    return $(`#groups tbody[data-group="${CSS.escape(key)}"]`);
  }

  fileBlock(item) {
    const { state } = this;
    const tb = h('tbody', { class: `status-${item.status}${state.selected === item ? ' selected' : ''}`, dataset: { file: item.name, seq: String(item.seq) } });
    const open = () => this.ui.select(item, true);
    const fileCell = () => h('td', { class: 'c-file' }, h('button', { class: 'link', type: 'button', onclick: open, title: nameText(item.name) }, nameEl(item.name)));
    if (item.status !== 'ok') {
      // Messages name the file: its invisible characters are shown as marks there too.
      const msg = item.status === 'error' ? nameText(item.error.message) : item.status === 'cancelled' ? t('cancelled') : t(item.status === 'running' ? 'running' : 'pending');
      tb.append(h('tr', { onclick: item.status === 'error' ? open : null }, fileCell(),
        h('td', { class: 'c-msg', colspan: 6, title: msg }, item.status === 'error' ? h('span', { class: 'badge bad' }, t('failed')) : null, ' ', bdi(msg))));
      return tb;
    }
    const s = item.summary;
    const title = str(obj(s.meta).title);
    const events = arr(s.events);
    if (!events.length) {
      tb.append(h('tr', { onclick: open }, fileCell(), h('td', { class: 'c-title', title }, bdi(title)), h('td', { class: 'c-muted', colspan: 5 }, t('no_contact'))));
      return tb;
    }
    events.forEach((e, i) => {
      e = obj(e);
      tb.append(h('tr', { onclick: open, dataset: { event: String(i) } },
        i === 0 ? fileCell() : h('td', { class: 'c-file cont' }),
        h('td', { class: 'c-title', title: i === 0 ? title : null }, i === 0 ? bdi(title) : ''),
        kindCell(e),
        h('td', { class: 'c-date' }, str(e.date)),
        h('td', { class: 'c-place' }, bdi(str(e.location))),
        h('td', { class: 'c-china' }, bdi(sideText(e.china, false))),
        h('td', { class: 'c-cp' }, bdi(sideText(e.counterparts, true)))));
    });
    return tb;
  }

  restBlock(item) {
    // Messages name the file: its invisible characters are shown as marks there too.
    const msg = item.status === 'error' ? nameText(item.error.message) : t('no_contact');
    const open = () => this.ui.select(item, true);
    return h('tbody', { class: `nogroup status-${item.status}${this.state.selected === item ? ' selected' : ''}`, dataset: { file: item.name } },
      h('tr', { onclick: open },
        h('td', { class: 'c-file' }, h('button', { class: 'link', type: 'button', title: nameText(item.name), onclick: (ev) => { ev.stopPropagation(); open(); } }, nameEl(item.name))),
        h('td', { class: 'c-title' }, item.status === 'ok' ? bdi(str(obj(item.summary.meta).title)) : ''),
        h('td', { class: 'c-msg', colspan: 5, title: msg }, item.status === 'error' ? h('span', { class: 'badge bad' }, t('failed')) : null, ' ', bdi(msg))));
  }

  groupBlock(g) {
    const { state } = this;
    const key = g.key;
    const rep = itemBySeq(state, g.rep[0]);
    const e = obj(arr(rep?.summary?.events)[g.rep[1]]);
    const members = g.members.map(([seq, event]) => ({ event, item: itemBySeq(state, seq) })).filter((x) => x.item);
    const files = g.files;
    const open = state.coll.open.has(key);
    const selected = state.selected && members.some((x) => x.item === state.selected);
    const id = `group-${key.replace(/[^0-9a-z]/gi, '-')}`;
    const tb = h('tbody', { class: `group${open ? ' open' : ''}${selected ? ' selected' : ''}`, id, dataset: { group: key, files: String(files) } });
    const toggle = () => {
      if (state.coll.open.has(key)) state.coll.open.delete(key);
      else state.coll.open.add(key);
      this.groupsChanged([key]);
      this.render();
      $(`#groups tbody[data-group="${CSS.escape(key)}"] button.reports`)?.focus({ preventScroll: true });
    };
    const title = rep ? str(obj(rep.summary.meta).title) || rep.name : '';
    tb.append(h('tr', { class: 'g-row', onclick: (ev) => { if (!ev.target.closest('button')) (files > 1 ? toggle() : rep && this.ui.select(rep, true)); } },
      h('td', { class: 'c-file' },
        h('button', { type: 'button', class: 'reports', 'aria-expanded': String(open), 'aria-controls': id, onclick: toggle },
          h('span', { class: 'chev', 'aria-hidden': 'true' }, open ? '▾' : '▸'), files === 1 ? t('reported_by_1') : t('reported_by', { n: files })),
        arr(g.outlets).length ? h('span', { class: 'outlets' }, bdi(arr(g.outlets).join('、'))) : null),
      h('td', { class: 'c-title', title }, bdi(title)),
      kindCell(e),
      h('td', { class: 'c-date' }, str(g.date)),
      h('td', { class: 'c-place' }, bdi(str(e.location))),
      h('td', { class: 'c-china' }, bdi(sideText(e.china, false))),
      h('td', { class: 'c-cp' }, bdi(sideText(e.counterparts, true)))));
    if (open) {
      for (const { event, item } of members) {
        const meta = obj(item.summary?.meta);
        tb.append(h('tr', { class: 'member', dataset: { file: item.name, event: String(event) }, onclick: () => this.ui.select(item, true) },
          h('td', { class: 'c-file' }, h('button', { class: 'link', type: 'button', title: t('member_open', { name: nameText(item.name) }), onclick: (ev) => { ev.stopPropagation(); this.ui.select(item, true); } }, nameEl(item.name))),
          h('td', { class: 'c-title' }, bdi(str(meta.title))),
          h('td', { class: 'c-muted', colspan: 5 }, bdi([meta.outlet, meta.published].filter(Boolean).map(str).join(' · ')))));
      }
    }
    return tb;
  }

  /** The selection moved: the blocks that show it are rendered again. */
  selectionChanged(prev, next) {
    for (const it of [prev, next]) if (it) this.files.invalidate(it.seq);
    this.groups.invalidateAll();
  }
}

/** A file listed below the groups: no contact, or failed. */
const isRest = (item) => item.status === 'error' || (item.status === 'ok' && !arr(item.summary.events).length);

/** Rows an item takes in the per-file table. */
const rowsOf = (item) => (item.status === 'ok' ? Math.max(1, arr(item.summary.events).length) : 1);
