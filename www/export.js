// Exports are written in the collection worker: each report's JSON was written once by its analysis
// worker and sent there as a Blob, so JSON and JSON Lines are Blob parts put together off the page's
// thread (however large), and the CSV comes from the contacts that worker holds.
import { h } from './dom.js';
import { isDone } from './state.js';
import { lang } from './i18n.js';

export function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/**
 * `kind`: json (an array, one report per line), jsonl (the CLI's format), csv. With a filter on, what it
 * shows: the files behind the contacts shown, and in the CSV only those contacts.
 */
export async function exportAs(kind, state, collection) {
  const { shown, coll } = state;
  const seqs = state.items.filter((i) => isDone(i) && (!shown.seqs || shown.seqs.has(i.seq))).map((i) => i.seq);
  let only = null;
  if (shown.keys) {
    only = [];
    for (const k of shown.keys) for (const [s, e] of coll.groups.get(k)?.members || []) only.push(`${s}:${e}`);
  }
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  let patches = null;
  for (const it of state.items) if (it.corrected && seqs.includes(it.seq)) (patches ??= {})[it.seq] = it.summary.events;
  download(`readout-${stamp}.${kind}`, await collection.export(kind, seqs, only, patches, lang()));
}
