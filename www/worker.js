// One analysis worker: owns a wasm instance, analyzes one file at a time. The main thread compiles the
// module once and sends it here, so a pool of workers shares one compilation (and the single-file build
// can hand over a module compiled from inlined bytes).
import init, { analyzeBytes, collectReports } from './pkg/readout.js';

let ready = null;

self.onmessage = async (ev) => {
  const msg = ev.data;
  if (msg.type === 'init') {
    const t0 = performance.now();
    ready = init({ module_or_path: msg.module });
    try {
      await ready;
      if (msg.warm === false) {
        self.postMessage({ type: 'ready', ms: performance.now() - t0 });
        return;
      }
      // Warm up: the first analysis loads the segmentation dictionary (~0.5 s); do it before any file.
      try {
        analyzeBytes(new TextEncoder().encode('标题\n王毅同外长通电话。'), 'warm-up.txt', undefined);
      } catch { /* a refusal still loaded the tables */ }
      self.postMessage({ type: 'ready', ms: performance.now() - t0 });
    } catch (e) {
      self.postMessage({ type: 'init-error', error: { name: e.name || 'Error', message: String(e.message || e) } });
    }
    return;
  }
  if (msg.type === 'collect') {
    // Grouping many reports: done here so the page's thread stays free.
    await ready;
    const t0 = performance.now();
    try {
      self.postMessage({ type: 'collection', id: msg.id, collection: collectReports(msg.reports), ms: performance.now() - t0 });
    } catch (e) {
      self.postMessage({ type: 'collection-error', id: msg.id, error: { name: (e && e.name) || 'Error', message: String((e && e.message) || e) } });
    }
    return;
  }
  if (msg.type === 'analyze') {
    await ready;
    const t0 = performance.now();
    try {
      const bytes = new Uint8Array(await msg.file.arrayBuffer());
      const report = analyzeBytes(bytes, msg.name, msg.maxBytes);
      self.postMessage({ type: 'result', id: msg.id, report, ms: performance.now() - t0 });
    } catch (e) {
      // The wasm layer throws an Error whose name is the error kind (binary, empty, too_large, …).
      const error = { name: (e && e.name) || 'Error', message: String((e && e.message) || e) };
      // A trap (a Rust panic) may leave the instance inconsistent: ask to be replaced.
      const fatal = e instanceof WebAssembly.RuntimeError;
      self.postMessage({ type: 'error', id: msg.id, error, fatal, ms: performance.now() - t0 });
    }
  }
};
