// Exports, assembled from Blob parts: each report's JSON was written once by its worker and kept as a
// Blob, so JSON and JSON Lines are a list of references (no serialization on the page's thread, however
// large), and the CSV is written by the collection worker.
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

/** One file's line: its report as the CLI writes it, or its error. */
const line = (item) => (item.status === 'ok' ? item.json : JSON.stringify({ file: item.name, error: { kind: item.error.kind, message: item.error.message } }));

/** `kind`: json (an array, one report per line), jsonl (the CLI's format), csv. */
export async function exportAs(kind, state, collection) {
  const items = state.items.filter(isDone);
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  if (kind === 'csv') {
    download(`readout-${stamp}.csv`, await collection.csv());
    return;
  }
  const parts = [];
  if (kind === 'json') {
    parts.push('[\n');
    items.forEach((it, k) => parts.push(k ? ',\n' : '', line(it)));
    parts.push('\n]\n');
    download(`readout-${stamp}.json`, new Blob(parts, { type: 'application/json' }));
  } else {
    for (const it of items) parts.push(line(it), '\n');
    download(`readout-${stamp}.jsonl`, new Blob(parts, { type: 'application/x-ndjson' }));
  }
}
