// Limits and switches, read once from the page's URL (for tests and power users: ?maxBytes=N, ?budget=ms,
// ?workers=N, ?memoryMb=N) and the page's kind (the single-file build inlines the wasm).
const params = new URLSearchParams(location.search);
const num = (k, d) => {
  const v = Number(params.get(k));
  return params.has(k) && Number.isFinite(v) && v > 0 ? v : d;
};

/** Files larger than this are refused before they are read (the wasm refuses them too). */
export const MAX_FILE_BYTES = num('maxBytes', 20 * 1024 * 1024);
/** A worker that spends longer than this on one file is terminated and the file reported. */
export const FILE_TIME_BUDGET_MS = num('budget', 15000);
/** The wasm heap an analysis may use (0: as much as the browser gives); over it the file is reported out of memory. */
export const MEMORY_LIMIT_BYTES = num('memoryMb', 0) * 1048576;
// One core is left to the page itself, so it stays responsive during a big batch.
export const MAX_WORKERS = Math.max(1, Math.min(num('workers', (navigator.hardwareConcurrency || 2) - 1), 8));
/** The single-file build carries the wasm inline (and runs its workers from Blob URLs). */
export const SINGLE = !!document.getElementById('readout-wasm');
/** An article whose text is longer than this is never opened by itself while a batch runs. */
export const AUTO_OPEN_MAX_CHARS = 200 * 1024;
/** Highlight categories, in legend order. */
export const CATEGORIES = ['people', 'titles', 'places', 'orgs', 'policy', 'dates', 'numbers', 'other'];
