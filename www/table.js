// The two tables: by file (one block per file, a row per contact) and by contact (one block per group
// of reports of one contact, its member files when expanded; then files with no contact and failed
// ones). Both are windowed: only the rows near the viewport exist, whatever the number of files.
import { h, $, str, arr, obj, nameEl, nameText, bdi } from './dom.js';
import { t, kindLabel, countryName } from './i18n.js';
import { Windowed } from './virtual.js';
import { itemBySeq, isDone } from './state.js';

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
    this.fileList = null; // the files shown, filtered or sorted (null: all, in input order)
    const list = () => this.fileList || state.items;
    this.files = new Windowed({
      scroller: $('#files-wrap'), container: files, rowHeight: ROW_H, spacer, header: head(files),
      count: () => list().length,
      key: (i) => list()[i].seq,
      rows: (i) => rowsOf(list()[i]),
      render: (i) => withIndex(this.fileBlock(list()[i]), i, this.cursor.files),
    });
    this.cursor = { files: 0, groups: 0 }; // the row a keyboard user is on, per view (one tab stop)
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
        // Open: the group's row, a row per report, and the row of its tools (merge).
        return state.coll.open.has(k) ? 2 + (state.coll.groups.get(k)?.members.length || 0) : 1;
      },
      render: (i) => withIndex(i < keys().length ? this.groupBlock(state.coll.groups.get(keys()[i])) : this.restBlock(this.rest[i - keys().length]), i, this.cursor.groups),
    });
    // A phone's cards are taller than a desktop's rows: the row height is measured again.
    matchMedia('(max-width: 640px)').addEventListener('change', () => {
      for (const w of [this.files, this.groups]) {
        w.measured = false;
        w.invalidateAll();
        w.update();
      }
    });
    // Merging by hand: "Merge with…" on an open group picks it; every other group row then offers
    // "Merge here" until one is pressed or the merge is cancelled (the bar above the table, or Escape).
    this.mergeFrom = null;
    this.mergeBar = h('div', { class: 'merge-bar', id: 'merge-bar', role: 'status', hidden: true });
    $('#groups-wrap').before(this.mergeBar);
    $('#groups-wrap').addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && this.mergeFrom) {
        ev.preventDefault();
        this.endMerge();
      }
    });
    for (const [view, wrap] of [['groups', '#groups-wrap'], ['files', '#files-wrap']]) {
      $(wrap).addEventListener('keydown', (ev) => this.onKey(ev, view));
      $(wrap).addEventListener('focusin', (ev) => {
        const tb = ev.target.closest?.('tbody[data-i]');
        if (tb) this.cursor[view] = +tb.dataset.i;
      });
    }
  }

  /** Arrow keys move between rows, Home/End go to the ends, Enter opens (the row's own buttons keep theirs). */
  onKey(ev, view) {
    const row = ev.target.closest?.('tr[data-row]');
    if (!row || ev.target !== row || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const w = this[view];
    const i = +row.closest('tbody').dataset.i;
    const n = w.count();
    const to = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: n - 1, PageDown: i + 10, PageUp: i - 10 }[ev.key];
    if (to != null) {
      ev.preventDefault();
      this.focusRow(view, Math.max(0, Math.min(n - 1, to)));
    } else if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      row.click();
    }
  }

  /** Put the keyboard on row i of a view (scrolled into the window first). */
  focusRow(view = this.state.view, i = this.cursor[view]) {
    const w = this[view];
    const n = w.count();
    if (!n) return false;
    i = Math.max(0, Math.min(n - 1, i));
    this.cursor[view] = i;
    w.reveal(i);
    const tb = w.container.querySelector(`tbody[data-i="${i}"]`);
    for (const r of w.container.querySelectorAll('tr[data-row][tabindex="0"]')) r.tabIndex = -1;
    const tr = tb?.querySelector('tr[data-row]');
    if (!tr) return false;
    tr.tabIndex = 0;
    tr.focus({ preventScroll: true });
    return true;
  }

  /** Items were added or changed (`changed`: items to render again). */
  itemsChanged(changed) {
    // A sorted or filtered list of files is made again (once per frame at most).
    if (this.state.sort || this.state.shown.seqs) this.filesDirty = true;
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

  /**
   * The filter, the sort or the collection changed: the group keys and files shown, from `state.shown`
   * (the filtered keys in timeline order, or null) and `state.sort`.
   */
  filterChanged() {
    const { state } = this;
    const { coll, shown, sort } = state;
    let keys = shown.keys;
    if (sort) {
      const value = groupValue[sort.col] || groupValue.date;
      keys = sortBy(keys || coll.order, (k) => value(coll.groups.get(k), state), sort.dir);
    }
    this.keys = keys;
    this.filesDirty = true;
    this.restDirty = true;
    this.groupsChanged();
  }

  /** The files view's list: the files behind the shown contacts (all when no filter), sorted. */
  fileRows() {
    const { state } = this;
    const { shown, sort } = state;
    let list = shown.seqs ? state.items.filter((it) => shown.seqs.has(it.seq)) : null;
    if (sort) {
      const value = fileValue[sort.col] || fileValue.date;
      list = sortBy(list || state.items, (it) => value(it, state), sort.dir);
    }
    return list;
  }

  render() {
    const { view, shown } = this.state;
    if (this.filesDirty) {
      this.filesDirty = false;
      this.fileList = this.fileRows();
      this.files.invalidateAll();
      this.files.relayout();
    }
    if (view === 'files') return this.files.update();
    if (this.restDirty) {
      this.restDirty = false;
      this.rest = shown.keys ? [] : this.state.items.filter(isRest);
      this.groups.relayout();
    }
    this.groups.update();
  }

  /** Files left the set (dropped): both lists are made again. */
  listChanged() {
    this.filesDirty = true;
    this.restDirty = true;
    this.files.invalidateAll();
    this.files.relayout();
    this.groupsChanged();
  }

  /** Nothing loaded any more (a new session). */
  reset() {
    this.keys = null;
    this.rest = [];
    this.fileList = null;
    this.cursor = { files: 0, groups: 0 };
    this.files.invalidateAll();
    this.files.relayout();
    this.groupsChanged();
  }

  /** Everything again (the language changed). */
  all() {
    this.files.invalidateAll();
    this.groupsChanged();
  }

  /** The first row of the current view: the item it opens. */
  firstItem() {
    const { state } = this;
    if (state.view === 'files') return (this.fileList || state.items).find(isDone) || null;
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
    const fileCell = () => h('td', { class: 'c-file' }, h('button', { class: 'link', type: 'button', tabindex: '-1', onclick: open, title: nameText(item.name) }, nameEl(item.name)));
    if (item.status !== 'ok') {
      // Messages name the file: its invisible characters are shown as marks there too.
      const msg = item.status === 'error' ? nameText(item.error.message) : item.status === 'cancelled' ? t('cancelled') : t(item.status === 'running' ? 'running' : 'pending');
      tb.append(h('tr', { dataset: { row: '' }, tabindex: '-1', onclick: item.status === 'error' ? open : null }, fileCell(),
        h('td', { class: 'c-msg', colspan: 6, title: msg }, item.status === 'error' ? h('span', { class: 'badge bad' }, t('failed')) : null, ' ', bdi(msg))));
      return tb;
    }
    const s = item.summary;
    const title = str(obj(s.meta).title);
    const events = arr(s.events);
    if (!events.length) {
      tb.append(h('tr', { dataset: { row: '' }, tabindex: '-1', onclick: open }, fileCell(), h('td', { class: 'c-title', title }, bdi(title)), h('td', { class: 'c-muted', colspan: 5 }, t('no_contact'))));
      return tb;
    }
    events.forEach((e, i) => {
      e = obj(e);
      tb.append(h('tr', { onclick: open, tabindex: i === 0 ? '-1' : null, dataset: { event: String(i), row: i === 0 ? '' : null } },
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
      h('tr', { onclick: open, dataset: { row: '' }, tabindex: '-1' },
        h('td', { class: 'c-file' }, h('button', { class: 'link', type: 'button', tabindex: '-1', title: nameText(item.name), onclick: (ev) => { ev.stopPropagation(); open(); } }, nameEl(item.name))),
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
    // The row opens the contact's article (Enter or a click); its button expands the reports of it.
    tb.append(h('tr', { class: 'g-row', tabindex: '-1', dataset: { row: '' }, 'aria-label': rowLabel(g, e, title), onclick: (ev) => { if (!ev.target.closest('button')) (files > 1 && ev.detail > 0 ? toggle() : rep && this.ui.select(rep, true)); } },
      h('td', { class: 'c-file' },
        h('button', { type: 'button', class: 'reports', tabindex: '-1', 'aria-expanded': String(open), 'aria-controls': id, onclick: toggle },
          h('span', { class: 'chev', 'aria-hidden': 'true' }, open ? '▾' : '▸'), files === 1 ? t('reported_by_1') : t('reported_by', { n: files })),
        compareBadge(g, this.ui),
        // A contact corrected by hand (a field, or its grouping) says so in the table too.
        members.some((x) => obj(arr(x.item.summary?.events)[x.event]).corrected) ? h('span', { class: 'badge corrected g-corrected' }, t('corrected')) : null,
        this.mergeFrom && this.mergeFrom !== key ? h('button', { type: 'button', class: 'merge-here', onclick: (ev) => {
          ev.stopPropagation();
          const from = this.mergeFrom;
          this.endMerge();
          this.ui.mergeGroups(from, key);
        } }, t('merge_here')) : null,
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
          h('td', { class: 'c-file' }, h('button', { class: 'link', type: 'button', tabindex: '-1', title: t('member_open', { name: nameText(item.name) }), onclick: (ev) => { ev.stopPropagation(); this.ui.select(item, true); } }, nameEl(item.name))),
          h('td', { class: 'c-title' }, bdi(str(meta.title))),
          h('td', { class: 'c-muted', colspan: 5 }, bdi([meta.outlet, meta.published].filter(Boolean).map(str).join(' · ')),
            members.length > 1 ? h('button', { type: 'button', class: 'split-btn', title: t('split_title', { name: nameText(item.name) }), onclick: (ev) => {
              ev.stopPropagation();
              this.ui.splitMember(item, event);
            } }, t('split_out')) : null)));
      }
      tb.append(h('tr', { class: 'g-tools' }, h('td', { colspan: 7 },
        h('button', { type: 'button', class: 'merge-btn', 'aria-pressed': String(this.mergeFrom === key), onclick: () => (this.mergeFrom === key ? this.endMerge() : this.startMerge(key)) }, t('merge_with')))));
    }
    return tb;
  }

  startMerge(key) {
    const g = this.state.coll.groups.get(key);
    if (!g) return;
    this.mergeFrom = key;
    const e = repEvent(g, this.state);
    const label = [str(g.date), kindLabel(g.kind), sideText(e.counterparts, true)].filter(Boolean).join(' ');
    this.mergeBar.replaceChildren(h('span', null, bdi(t('merge_banner', { label }))), ' ',
      h('button', { type: 'button', class: 'merge-cancel', onclick: () => this.endMerge() }, t('merge_cancel')));
    this.mergeBar.hidden = false;
    this.groupsChanged();
    this.render();
    this.mergeBar.querySelector('button').focus({ preventScroll: true });
  }

  endMerge() {
    const from = this.mergeFrom;
    this.mergeFrom = null;
    this.mergeBar.hidden = true;
    this.mergeBar.replaceChildren();
    this.groupsChanged();
    this.render();
    if (from) $(`#groups tbody[data-group="${CSS.escape(from)}"] button.merge-btn`)?.focus({ preventScroll: true });
  }

  /** The selection moved: the blocks that show it are rendered again. */
  selectionChanged(prev, next) {
    for (const it of [prev, next]) if (it) this.files.invalidate(it.seq);
    this.groups.invalidateAll();
  }
}

/**
 * Reports of both sides (Chinese and English): a badge that opens their comparison (compare.js). A tab
 * stop of its own, so the keyboard reaches it; the row's click ignores clicks on buttons.
 */
const compareBadge = (g, ui) => (arr(g.languages).length > 1
  ? h('button', { type: 'button', class: 'cmp-badge', title: t('cmp_badge_title'), onclick: () => ui.compare(g.key) }, t('cmp_badge'))
  : null);

/** A file listed below the groups: no contact, or failed. */
const isRest = (item) => item.status === 'error' || (item.status === 'ok' && !arr(item.summary.events).length);

/** Rows an item takes in the per-file table. */
const rowsOf = (item) => (item.status === 'ok' ? Math.max(1, arr(item.summary.events).length) : 1);

/** A block knows its index (for the keyboard); the keyboard's row is the view's one tab stop. */
function withIndex(tb, i, cursor) {
  tb.dataset.i = String(i);
  if (i === cursor) tb.querySelector('tr[data-row]')?.setAttribute('tabindex', '0');
  return tb;
}

const rowLabel = (g, e, title) =>
  [str(g.date) || '—', kindLabel(g.kind), sideText(e.china, false), sideText(e.counterparts, true), title, g.files === 1 ? t('reported_by_1') : t('reported_by', { n: g.files })].filter(Boolean).join(', ');

// ---------------------------------------------------------------- sorting

const repEvent = (g, state) => obj(arr(itemBySeq(state, g?.rep[0])?.summary?.events)[g?.rep[1]]);
const firstEvent = (it) => obj(arr(it.summary?.events)[0]);
const titleOf = (it) => str(obj(it?.summary?.meta).title) || str(it?.name);

/** Per column, the value a group sorts by. Dates sort as written (ISO), undated ones always last. */
const groupValue = {
  reports: (g) => g?.files || 0,
  title: (g, s) => titleOf(itemBySeq(s, g?.rep[0])),
  kind: (g) => kindLabel(g?.kind),
  date: (g) => str(g?.date),
  place: (g, s) => str(repEvent(g, s).location),
  china: (g, s) => sideText(repEvent(g, s).china, false),
  counterpart: (g, s) => sideText(repEvent(g, s).counterparts, true),
};
const fileValue = {
  reports: (it) => str(it.name),
  title: (it) => titleOf(it),
  kind: (it) => kindLabel(firstEvent(it).kind),
  date: (it) => str(firstEvent(it).date),
  place: (it) => str(firstEvent(it).location),
  china: (it) => sideText(firstEvent(it).china, false),
  counterpart: (it) => sideText(firstEvent(it).counterparts, true),
};

const collator = new Intl.Collator(['zh-Hans-CN', 'en'], { numeric: true });

/**
 * `list` sorted by `value` (computed once each), `dir` 1 or -1; empty values last either way; stable.
 * The collator compares only the distinct values (a few hundred countries or names among thousands of
 * contacts); the list is then ordered by their ranks, numbers.
 */
function sortBy(list, value, dir) {
  const vals = list.map((x) => value(x));
  const distinct = [...new Set(vals)].filter((v) => v !== '' && v != null);
  const numeric = distinct.every((v) => typeof v === 'number');
  // ISO dates and other plain ASCII sort as written; words through the interface language's collator.
  const plain = !numeric && distinct.every((v) => /^[\x20-\x7e]*$/.test(v) && !/[a-z]/i.test(v));
  const cmp = numeric ? (a, b) => a - b : plain ? (a, b) => (a < b ? -1 : a > b ? 1 : 0) : collator.compare;
  distinct.sort(cmp);
  // Values the collator holds equal share a rank (their contacts keep their order).
  const rank = new Map();
  distinct.forEach((v, i) => rank.set(v, i && !cmp(distinct[i - 1], v) ? rank.get(distinct[i - 1]) : i));
  const order = list.map((_, i) => i);
  const r = vals.map((v) => (rank.has(v) ? rank.get(v) : -1));
  order.sort((a, b) => {
    const ea = r[a] < 0;
    const eb = r[b] < 0;
    if (ea || eb) return ea === eb ? a - b : ea ? 1 : -1;
    return (r[a] - r[b]) * dir || a - b;
  });
  return order.map((i) => list[i]);
}
