// Exports are written in the collection worker: each report's JSON was written once by its analysis
// worker and sent there as a Blob, so JSON and JSON Lines are Blob parts put together off the page's
// thread (however large), and the CSV comes from the contacts that worker holds.
import { h } from './dom.js';
import { isDone } from './state.js';

export function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** `kind`: json (an array, one report per line), jsonl (the CLI's format), csv. */
export async function exportAs(kind, state, collection) {
  const seqs = state.items.filter(isDone).map((i) => i.seq);
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  download(`readout-${stamp}.${kind}`, await collection.export(kind, seqs));
}
