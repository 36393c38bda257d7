// Corrections a reader makes on a card: a contact's date, kind, place, counterpart or Chinese official.
// A correction is kept by the file's content hash (it survives a reload and a new drop of the same file)
// and applied over the analysis: the event gets `corrected: true` and `original` (the values it
// replaced), which the card, the collection and every export carry.
import { h, str, arr, obj } from './dom.js';
import { t, kindLabel } from './i18n.js';

export const FIELDS = ['date', 'kind', 'location', 'counterpart', 'china'];
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
    if (!(f in c) || c[f] === valueOf(e, f)) continue;
    original[f] = valueOf(e, f) || null;
    if (f === 'counterpart' || f === 'china') {
      const key = f === 'counterpart' ? 'counterparts' : 'china';
      const list = arr(out[key]).map(obj);
      list[0] = { ...(list[0] || {}), name: c[f] };
      out[key] = list;
    } else out[f] = c[f] || null;
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
