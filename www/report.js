// Full reports, read back when an article is opened. The page keeps a summary of each report; the
// whole report stays in the Blob the worker made (the browser may keep it out of the page's memory).
// A big report is read in chunks, parsed a slice at a time between frames, so no task runs long.
import { yieldTask } from './dom.js';

const cache = new Map(); // seq → Promise<report>, the few most recently opened
const KEEP = 4;

/** The item's whole report (null for a file that failed); `.value` is set on the promise once it is read. */
export function fullReport(item) {
  if (item.status !== 'ok' || !item.json) return Promise.resolve(null);
  let p = cache.get(item.seq);
  if (p) {
    cache.delete(item.seq);
    cache.set(item.seq, p); // most recent last
    return p;
  }
  p = item.split ? assemble(item.split, item.index) : item.json.text().then(JSON.parse);
  p.then((r) => (p.value = r), () => {});
  cache.set(item.seq, p);
  p.catch(() => cache.delete(item.seq));
  while (cache.size > KEEP) cache.delete(cache.keys().next().value);
  return p;
}

export const cachedReport = (item) => cache.get(item?.seq) || null;

/** A report from its head and chunks: each chunk is read and parsed on its own turn of the event loop. */
async function assemble(blob, index) {
  const [head, ...chunks] = index;
  const report = JSON.parse(await blob.slice(head.start, head.end).text());
  let t0 = performance.now();
  for (const c of chunks) {
    const part = JSON.parse(await blob.slice(c.start, c.end).text());
    let target = report;
    for (const k of c.path) target = target[k];
    for (const x of part) target.push(x);
    if (performance.now() - t0 > 8) {
      await yieldTask();
      t0 = performance.now();
    }
  }
  return report;
}
