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
    const groups = $('#groups');
    this.blocks = [];
    this.groups = new Windowed({
      scroller: $('#groups-wrap'), container: groups, rowHeight: ROW_H, spacer, header: head(groups),
      count: () => this.blocks.length,
      key: (i) => this.blocks[i].key,
      rows: (i) => this.blocks[i].rows,
      render: (i) => this.groupBlock(this.blocks[i]),
    });
    this.blocksVersion = -1;
  }

  /** Items were added or changed (`changed`: items to render again). */
  itemsChanged(changed) {
    let rest = false;
    for (const item of changed) {
      this.files.invalidate(item.seq);
      // A file with no contact, or a failed one, joins the grouped table's list below the groups.
      if (item.status === 'error' || (item.status === 'ok' && !arr(item.summary.events).length)) rest = true;
    }
    this.files.relayout();
    if (rest) this.blocksVersion = -1;
  }

  /** The grouped view's list of blocks, rebuilt when the collection, the filter or the items change. */
  rebuildBlocks() {
    const { coll, filter, items } = this.state;
    const out = [];
    const f = filter;
    for (const key of coll.order) {
      const g = coll.groups.get(key);
      if (!g) continue;
      if (!matches(g, f)) continue;
      out.push({ key: `g:${key}`, group: g, rows: 1 + (coll.open.has(key) ? g.members.length : 0) });
    }
    // Files with no contact, and failed ones, stay visible (not when filtering: they have no counterpart).
    if (!f) {
      for (const item of items) {
        if ((item.status === 'ok' && !arr(item.summary.events).length) || item.status === 'error') out.push({ key: `i:${item.seq}`, item, rows: 1 });
      }
    }
    // Only the blocks whose content changed are rendered again (a group changes identity when it changes).
    const seen = new Map();
    for (const b of out) {
      const ref = b.group || b.item;
      const ver = b.group ? b.rows : `${b.item.status}:${b.item.version}`;
      const was = this.refs?.get(b.key);
      if (!was || was[0] !== ref || was[1] !== ver) this.groups.invalidate(b.key);
      seen.set(b.key, [ref, ver]);
    }
    this.refs = seen;
    this.blocks = out;
    this.groups.relayout();
  }

  render() {
    const { view } = this.state;
    if (view === 'files') this.files.update();
    else {
      if (this.blocksVersion !== this.state.coll.version) {
        this.rebuildBlocks();
        this.blocksVersion = this.state.coll.version;
      }
      this.groups.update();
    }
  }

  /** Force the grouped list to be rebuilt (filter, expansion, language). */
  groupsChanged() {
    this.blocksVersion = -1;
  }

  /** Everything again (the language changed). */
  all() {
    this.files.invalidateAll();
    this.groupsChanged();
  }

  /** The first row of the current view: the item it opens. */
  firstItem() {
    if (this.state.view === 'files') return this.state.items.find((i) => i.status === 'ok' || i.status === 'error') || null;
    if (this.blocksVersion !== this.state.coll.version) this.rebuildBlocks();
    const b = this.blocks[0];
    if (!b) return null;
    return b.item || itemBySeq(this.state, b.group.rep[0]) || null;
  }

  /** Scroll the grouped table to a group, expanded. */
  revealGroup(key) {
    this.state.coll.open.add(key);
    this.groupsChanged();
    this.rebuildBlocks();
    this.blocksVersion = this.state.coll.version;
    const i = this.blocks.findIndex((b) => b.key === `g:${key}`);
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
      const msg = item.status === 'error' ? item.error.message : item.status === 'cancelled' ? t('cancelled') : t(item.status === 'running' ? 'running' : 'pending');
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

  groupBlock(b) {
    const { state } = this;
    if (b.item) {
      const item = b.item;
      const msg = item.status === 'error' ? item.error.message : t('no_contact');
      const open = () => this.ui.select(item, true);
      return h('tbody', { class: `nogroup status-${item.status}${state.selected === item ? ' selected' : ''}`, dataset: { file: item.name } },
        h('tr', { onclick: open },
          h('td', { class: 'c-file' }, h('button', { class: 'link', type: 'button', title: nameText(item.name), onclick: (ev) => { ev.stopPropagation(); open(); } }, nameEl(item.name))),
          h('td', { class: 'c-title' }, item.status === 'ok' ? bdi(str(obj(item.summary.meta).title)) : ''),
          h('td', { class: 'c-msg', colspan: 5, title: msg }, item.status === 'error' ? h('span', { class: 'badge bad' }, t('failed')) : null, ' ', bdi(msg))));
    }
    const g = b.group;
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
      this.groupsChanged();
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

/** Rows an item takes in the per-file table. */
const rowsOf = (item) => (item.status === 'ok' ? Math.max(1, arr(item.summary.events).length) : 1);
