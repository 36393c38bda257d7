// Groups as the reader corrected them, applied by the collection worker over the core's collection
// (the shape of `--collection`): a report split out of its group stands alone, two groups merged are
// one contact. Splits apply first, then merges (a report split out and then merged elsewhere goes
// there). The groups are put in timeline order again and counted again the way the core counts them
// (src/collection.rs: groups and reports per counterpart, topic and kind, most first), so the table,
// the overview, the counts and the CSV's group ids all follow.
//
// A group's counterparts and topics are the union over its members (the core's rule): a merged group
// takes both groups' keys; a split leaves keys that only the core can tell (names folded to simplified
// script, states from titles), so each member concerned is collected alone by the core (`alone(m)`).

import { countGroups, knownCounts } from './counts.js';

const memberKey = (m) => `${m.file}:${m.event}`;

/** Dated groups by date, undated last; ties keep their order (Array.prototype.sort is stable). */
const byDate = (a, b) => (a.date && b.date ? (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) : a.date ? -1 : b.date ? 1 : 0);

function union(lists) {
  const s = new Set();
  for (const l of lists) for (const x of l || []) s.add(x);
  return [...s].sort();
}

/**
 * `c`: the core's collection (parsed); `ops`: [{ split: [file, event] } | { merge: [[file, event], [file, event]] }]
 * (`file` as the core names it: the page's item number as a string); `alone(member)`: the core's
 * collection of that one member's event alone (its group: counterparts, topics, outlets, event). Returns
 * a new collection; `c` is left as it was.
 */
export function regroup(c, ops, alone) {
  let groups = c.groups.map((g) => ({ ...g, members: [...g.members] }));
  const groupOf = () => {
    const m = new Map();
    groups.forEach((g) => g.members.forEach((x) => m.set(memberKey(x), g)));
    return m;
  };
  const cache = new Map();
  const one = (m) => {
    const k = memberKey(m);
    if (!cache.has(k)) cache.set(k, alone(m));
    return cache.get(k);
  };
  // A group whose members changed: its keys again from its members, each as the core sees it alone.
  const rebuilt = (g) => {
    const parts = g.members.map(one).filter(Boolean);
    const rep = g.members.find((m) => memberKey(m) === memberKey(g.representative)) || g.members[0];
    const r = one(rep);
    return {
      ...g,
      representative: rep,
      event: r?.event ?? g.event,
      date: r ? r.date : g.date,
      kind: r ? r.kind : g.kind,
      files: new Set(g.members.map((m) => m.file)).size,
      outlets: union(parts.map((p) => p.outlets)),
      languages: union(parts.map((p) => p.languages)),
      counterparts: union(parts.map((p) => p.counterparts)),
      topics: union(parts.map((p) => p.topics)),
    };
  };
  let at = groupOf();
  for (const op of ops.filter((o) => o.split)) {
    const m = { file: String(op.split[0]), event: op.split[1] };
    const g = at.get(memberKey(m));
    if (!g || g.members.length < 2) continue;
    const i = groups.indexOf(g);
    const rest = rebuilt({ ...g, members: g.members.filter((x) => memberKey(x) !== memberKey(m)) });
    const single = one(m);
    const solo = { ...(single || g), members: [m], files: 1, representative: m, corrected: true };
    groups.splice(i, 1, rest, solo);
    at = groupOf();
  }
  for (const op of ops.filter((o) => o.merge)) {
    const [a, b] = op.merge.map(([file, event]) => at.get(memberKey({ file: String(file), event })));
    if (!a || !b || a === b) continue;
    // The larger group (the first on a tie) is shown for both: its event, date and kind.
    const [big, small] = b.members.length > a.members.length ? [b, a] : [a, b];
    const merged = {
      ...big,
      members: [...a.members, ...b.members],
      files: new Set([...a.members, ...b.members].map((m) => m.file)).size,
      outlets: union([big.outlets, small.outlets]),
      languages: union([big.languages, small.languages]),
      counterparts: union([a.counterparts, b.counterparts]),
      topics: union([a.topics, b.topics]),
      corrected: true,
    };
    groups = groups.filter((g) => g !== b).map((g) => (g === a ? merged : g));
    at = groupOf();
  }
  groups.sort(byDate);
  groups.forEach((g, i) => { g.id = i; });
  const cut = (key) => (key.indexOf(':') > 0 ? key.slice(0, key.indexOf(':')) : 'other');
  return { ...c, groups, timeline: groups.map((g) => g.id), ...countGroups(groups, knownCounts(c), cut) };
}
