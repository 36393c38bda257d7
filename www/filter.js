// The active filter: chips of { field, value }. Chips of one field are alternatives (two countries:
// either), chips of different fields all apply (a country and a kind: contacts of that country of that
// kind). The table, the overview and every export show what the filter lets through; the URL's hash
// keeps it (with the sort and the view), so a link reopens the same view.
import { str, arr, obj } from './dom.js';
import { t, kindLabel, countryName, topicLabel } from './i18n.js';
import { countGroups, knownCounts } from './counts.js';

/** Fields taking one value (a new one replaces the old); the rest accumulate. */
const SINGLE = new Set(['from', 'to', 'q']);
export const FIELDS = ['country', 'org', 'person', 'china', 'kind', 'topic', 'from', 'to', 'q'];

/** The field of a counterpart key (`country:RU`, `org:联合国`, `person:拉夫罗夫`). */
export const cpField = (key) => {
  const f = str(key).split(':', 1)[0];
  return f === 'country' || f === 'org' || f === 'person' ? f : 'person';
};

export class Filter {
  constructor() {
    this.chips = [];
  }

  get active() {
    return this.chips.length > 0;
  }

  has(field, value) {
    return this.chips.some((c) => c.field === field && c.value === value);
  }

  get(field) {
    return this.chips.find((c) => c.field === field)?.value ?? '';
  }

  /** A bar or a suggestion: on when off, off when on. */
  toggle(field, value) {
    if (this.has(field, value)) this.chips = this.chips.filter((c) => !(c.field === field && c.value === value));
    else this.add(field, value);
  }

  add(field, value) {
    if (!FIELDS.includes(field) || value == null || value === '') return;
    if (SINGLE.has(field)) this.chips = this.chips.filter((c) => c.field !== field);
    if (!this.has(field, value)) this.chips.push({ field, value: String(value) });
  }

  /** Set or (with an empty value) remove a single-valued field. */
  set(field, value) {
    this.chips = this.chips.filter((c) => c.field !== field);
    if (value) this.add(field, value);
  }

  remove(i) {
    this.chips.splice(i, 1);
  }

  clear() {
    this.chips = [];
  }

  /** A copy without the chips of `fields` (the chart shows every date of what the other chips let through). */
  without(...fields) {
    const f = new Filter();
    f.chips = this.chips.filter((c) => !fields.includes(c.field));
    return f;
  }

  toHash() {
    return this.chips.map((c) => `${c.field}=${encodeURIComponent(c.value)}`).join('&');
  }

  fromParams(params) {
    this.chips = [];
    for (const [k, v] of params) if (FIELDS.includes(k)) this.add(k, v);
  }
}

/** A chip as the reader sees it. */
export function chipLabel(c, state) {
  const v = c.value;
  switch (c.field) {
    case 'country': return countryName(v.slice(8));
    case 'org': case 'person': return v.slice(v.indexOf(':') + 1);
    case 'china': return `${t('side_china')}: ${v}`;
    case 'kind': return kindLabel(v);
    case 'topic': {
      const c2 = arr(state.coll.counts.by_topic).find((x) => x.key === v);
      return topicLabel({ id: v, label: c2?.label || v });
    }
    case 'from': return t('chip_from', { d: v });
    case 'to': return t('chip_to', { d: v });
    case 'q': return `“${v}”`;
    default: return v;
  }
}

// ---------------------------------------------------------------- what a group offers to the filter

/** Per group object (a new object whenever the group changes): its Chinese names and its words. */
const facts = new WeakMap();

function factsOf(g, state) {
  let f = facts.get(g);
  if (f) return f;
  const china = new Set();
  const words = [];
  for (const [seq, ev] of g.members) {
    const item = state.bySeq.get(seq);
    if (!item?.summary) continue;
    const e = obj(arr(item.summary.events)[ev]);
    for (const p of arr(e.china)) if (obj(p).name) china.add(str(obj(p).name));
    words.push(str(obj(item.summary.meta).title), str(e.location));
    for (const p of [...arr(e.china), ...arr(e.counterparts)].map(obj)) {
      words.push(str(p.name), str(p.title), str(p.org), p.country ? countryName(p.country) : '');
    }
  }
  f = { china, words: words.filter(Boolean).join('\n').toLowerCase(), seqs: [...new Set(g.members.map(([s]) => s))] };
  facts.set(g, f);
  return f;
}

/** The Chinese officials of every group, most contacts first (for the type-ahead). */
export function chinaNames(state) {
  const n = new Map();
  for (const g of state.coll.groups.values()) for (const name of factsOf(g, state).china) n.set(name, (n.get(name) || 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name, groups]) => ({ name, groups }));
}

/**
 * A predicate over groups for the current filter. `corpus.text(seq)` gives a file's text once the search
 * index has it; until then free text is looked for in titles, names, titles of office and places.
 */
export function matcher(filter, state, corpus) {
  if (!filter.active) return () => true;
  const by = new Map();
  for (const c of filter.chips) by.set(c.field, [...(by.get(c.field) || []), c.value]);
  const any = (field, test) => !by.has(field) || by.get(field).some(test);
  const from = by.get('from')?.[0] || '';
  const to = by.get('to')?.[0] || '';
  const q = (by.get('q')?.[0] || '').toLowerCase();
  return (g) => {
    if (!g) return false;
    const cps = arr(g.counterparts);
    if (!any('country', (v) => cps.includes(v)) || !any('org', (v) => cps.includes(v)) || !any('person', (v) => cps.includes(v))) return false;
    if (!any('kind', (v) => g.kind === v) || !any('topic', (v) => arr(g.topics).includes(v))) return false;
    if (from || to) {
      const d = str(g.date);
      // Undated contacts (and month-days without a year) fall outside any range.
      if (!/^\d{4}/.test(d)) return false;
      if (from && d < from) return false;
      if (to && d.slice(0, to.length) > to) return false;
    }
    if (by.has('china') && !by.get('china').some((v) => factsOf(g, state).china.has(v))) return false;
    if (q) {
      const f = factsOf(g, state);
      if (!f.words.includes(q) && !f.seqs.some((s) => corpus.has(s, q))) return false;
    }
    return true;
  };
}

/** Counts by counterpart, topic and kind over the groups `keys` (labels from the collection's own counts). */
export function countsOf(keys, coll) {
  const groups = [];
  for (const k of keys) {
    const g = coll.groups.get(k);
    if (g) groups.push(g);
  }
  return countGroups(groups, knownCounts(coll.counts), cpField);
}

/** The timeline entries (month headings `m:YYYY-MM` before each month's first group) of `keys`, in order. */
export function timelineOf(keys, coll) {
  const out = [];
  let month = null;
  for (const k of keys) {
    const g = coll.groups.get(k);
    const m = g?.date && /^\d{4}/.test(g.date) ? g.date.slice(0, 7) : '—';
    if (m !== month) out.push(`m:${(month = m)}`);
    out.push(k);
  }
  return out;
}
