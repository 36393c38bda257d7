// Corrections a reader makes on a card: a contact's date, kind, place, counterpart or Chinese official.
// A correction is kept by the file's content hash (it survives a reload and a new drop of the same file)
// and applied over the analysis: the event gets `corrected: true` and `original` (the values it
// replaced), which the card, the collection and every export carry.
// Grouping is corrected the same way: a report split out of its group (`alone`), two groups merged
// (`join`: the other end's `hash:event`, kept on both ends); the collection worker applies them over
// the core's groups (regroup.js) and the events get `corrected: true` and `grouping`.
import { h, str, arr, obj } from './dom.js';
import { t, kindLabel } from './i18n.js';

export const FIELDS = ['date', 'kind', 'location', 'counterpart', 'china', 'grouping'];
const KINDS = ['phone_call', 'video_call', 'talks', 'meeting', 'other'];

const firstName = (list) => str(obj(arr(list)[0]).name);

/** The value a field has in an event. */
export function valueOf(e, field) {
  if (field === 'counterpart') return firstName(e.counterparts);
  if (field === 'china') return firstName(e.china);
  return str(e[field]);
}

/** `e` with the correction `c` ({ field: value }) applied, marked, the original values kept. */
function patch(e, c) {
  const out = structuredClone(e);
  const original = {};
  for (const f of FIELDS) {
    if (f === 'grouping' || !(f in c) || c[f] === valueOf(e, f)) continue;
    original[f] = valueOf(e, f) || null;
    if (f === 'counterpart' || f === 'china') {
      const key = f === 'counterpart' ? 'counterparts' : 'china';
      const list = arr(out[key]).map(obj);
      list[0] = { ...(list[0] || {}), name: c[f] };
      out[key] = list;
    } else out[f] = c[f] || null;
  }
  // Merged or split by hand: what it was is the analysis's own grouping (no value of the event).
  const grouping = c.alone ? 'split' : arr(c.join).length ? 'merged' : null;
  if (grouping) {
    out.grouping = grouping;
    original.grouping = null;
  }
  if (!Object.keys(original).length) return e;
  out.corrected = true;
  out.original = original;
  return out;
}

/** Apply the corrections kept for `item` (by its hash) to its events; true when any applies. */
export function applyCorrections(item, corrections) {
  if (item.status !== 'ok' || !item.summary) return false;
  item.origEvents ??= item.summary.events;
  const c = item.hash ? corrections.get(item.hash) : null;
  item.summary = { ...item.summary, events: arr(item.origEvents).map((e, i) => (c?.[i] ? patch(e, c[i]) : e)) };
  item.corrected = item.summary.events.some((e) => e.corrected);
  return item.corrected;
}

/** The form that corrects event `i` of `item` (shown in its card); `save(values)` stores it. */
export function correctionForm(item, i, save, cancel) {
  const e = obj(arr(item.origEvents || item.summary.events)[i]);
  const cur = obj(arr(item.summary.events)[i]);
  const field = (f, input) => h('label', { class: 'cf-field' }, h('span', null, t(`cf_${f}`)), input);
  const text = (f) => h('input', { type: 'text', name: f, value: valueOf(cur, f), dataset: { was: valueOf(e, f) } });
  const kind = h('select', { name: 'kind' }, KINDS.map((k) => h('option', { value: k, selected: cur.kind === k ? true : null }, kindLabel(k))));
  const box = h('div', { class: 'cf', role: 'group', 'aria-label': t('correct_title') },
    field('date', text('date')), field('kind', kind), field('location', text('location')),
    field('counterpart', text('counterpart')), field('china', text('china')),
    h('div', { class: 'cf-actions' },
      h('button', { type: 'button', class: 'primary cf-save', onclick: () => {
        const values = {};
        for (const el of box.querySelectorAll('[name]')) values[el.name] = el.value.trim();
        save(values);
      } }, t('save')),
      h('button', { type: 'button', onclick: cancel }, t('cancel'))));
  return box;
}

// ---------------------------------------------------------------- merging and splitting groups

/** A member as kept: `hash:event` (the file's content hash survives a reload; its number does not). */
const ref = (item, ev) => `${item.hash}:${ev}`;

const entryOf = (corrections, hash) => ({ ...(corrections.get(hash) || {}) });

/** Merge the group of member `a` ([item, event]) with that of `b`; returns the hashes changed. */
export function mergeGroups(corrections, [ia, ea], [ib, eb]) {
  if (!ia.hash || !ib.hash) return [];
  const link = (item, ev, other) => {
    const entry = entryOf(corrections, item.hash);
    const c = { ...(entry[ev] || {}) };
    c.join = [...new Set([...arr(c.join), other])];
    entry[ev] = c;
    corrections.set(item.hash, entry);
  };
  link(ia, ea, ref(ib, eb));
  link(ib, eb, ref(ia, ea));
  return [...new Set([ia.hash, ib.hash])];
}

/**
 * Split member [item, event] out of its group: it stands alone, and the merges made through it are
 * undone (the other ends lose their link to it). Returns the hashes changed.
 */
export function splitMember(corrections, [item, ev]) {
  if (!item.hash) return [];
  const me = ref(item, ev);
  const touched = new Set([item.hash]);
  const entry = entryOf(corrections, item.hash);
  const c = { ...(entry[ev] || {}), alone: true };
  for (const other of arr(c.join)) {
    const [h, oe] = [other.slice(0, other.lastIndexOf(':')), other.slice(other.lastIndexOf(':') + 1)];
    const oentry = corrections.get(h);
    if (!oentry?.[oe]) continue;
    const oc = { ...oentry[oe], join: arr(oentry[oe].join).filter((x) => x !== me) };
    if (!oc.join.length) delete oc.join;
    corrections.set(h, { ...oentry, [oe]: oc });
    touched.add(h);
  }
  delete c.join;
  entry[ev] = c;
  corrections.set(item.hash, entry);
  return [...touched];
}

/** The merges and splits for the collection worker, by item number (files not loaded are left out). */
export function groupOps(state) {
  const splits = [];
  const merges = [];
  for (const [hash, entry] of state.corrections) {
    const item = state.hashes.get(hash);
    if (!item) continue;
    for (const [ev, c] of Object.entries(obj(entry))) {
      if (c?.alone) splits.push({ split: [item.seq, +ev] });
      for (const other of arr(c?.join)) {
        const cut = other.lastIndexOf(':');
        const o = state.hashes.get(other.slice(0, cut));
        const oev = +other.slice(cut + 1);
        // Each link is kept on both ends: sent once.
        if (o && `${hash}:${ev}` < other) merges.push({ merge: [[item.seq, +ev], [o.seq, oev]] });
      }
    }
  }
  return [...splits, ...merges];
}
