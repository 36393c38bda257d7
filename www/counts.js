// Counts of groups as the core makes them (src/collection.rs): per counterpart, topic and kind, the
// groups (distinct contacts) and their reports, most groups first, then most reports, then by key.
// Shared by the page (the counts of what a filter shows) and the collection worker (after a merge or
// split by hand): no imports, so both can load it.

/**
 * `groups`: group objects ({ members, counterparts, topics, kind }); `known`: key → a count of the
 * collection (its category and label are kept); `cpCategory(key)`: the category of a counterpart key
 * the collection does not name.
 */
export function countGroups(groups, known, cpCategory) {
  const tally = (m, key, cat, n) => {
    let c = m.get(key);
    if (!c) {
      const k = known.get(key);
      m.set(key, (c = { key, category: k?.category || cat || cpCategory(key), label: k?.label ?? key.slice(key.indexOf(':') + 1), groups: 0, reports: 0 }));
    }
    c.groups++;
    c.reports += n;
  };
  const cp = new Map();
  const tp = new Map();
  const kd = new Map();
  for (const g of groups) {
    const n = g.members.length;
    for (const c of Array.isArray(g.counterparts) ? g.counterparts : []) tally(cp, c, null, n);
    for (const c of Array.isArray(g.topics) ? g.topics : []) tally(tp, c, 'topic', n);
    tally(kd, g.kind, 'kind', n);
  }
  const sorted = (m) => [...m.values()].sort((a, b) => b.groups - a.groups || b.reports - a.reports || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { by_counterpart: sorted(cp), by_topic: sorted(tp), by_kind: sorted(kd) };
}

/** The counts of a collection by key (their categories and labels). */
export function knownCounts(counts) {
  const known = new Map();
  for (const list of [counts.by_counterpart, counts.by_topic, counts.by_kind]) for (const c of Array.isArray(list) ? list : []) known.set(c.key, c);
  return known;
}
