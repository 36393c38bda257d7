// The wasm engine: compiled once on the page (streaming, while it downloads) and handed, compiled, to
// every worker: the analysis pool and the collection worker instantiate the same module.
import { SINGLE, MEMORY_LIMIT_BYTES } from './config.js';

let modulePromise = null;
export const engineTimes = { compileMs: null };

function base64ToBytes(b64) {
  b64 = b64.replace(/\s+/g, '');
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(b64);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The compiled module (one compilation per page). */
export function wasmModule() {
  if (!modulePromise) {
    const t0 = performance.now();
    if (SINGLE) {
      modulePromise = WebAssembly.compile(base64ToBytes(document.getElementById('readout-wasm').textContent));
    } else {
      const url = new URL('pkg/readout_bg.wasm', location.href);
      // A server without the wasm MIME type cannot stream: compile from the bytes instead.
      modulePromise = WebAssembly.compileStreaming(fetch(url)).catch(async () =>
        WebAssembly.compile(await (await fetch(url)).arrayBuffer()));
    }
    modulePromise.then(() => (engineTimes.compileMs = performance.now() - t0), () => {});
  }
  return modulePromise;
}

let workerUrl = null;
/** A worker running worker.js (from a Blob URL in the single file: file:// cannot load scripts by URL). */
export function makeWorker(name) {
  if (!SINGLE) return new Worker(new URL('worker.js', location.href), { type: 'module', name });
  if (!workerUrl) {
    const src = document.getElementById('readout-worker').textContent;
    workerUrl = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
  }
  return new Worker(workerUrl, { name });
}

/**
 * Everything a worker needs to start, in one place: the compiled module and the memory budget (a
 * separately fetched dictionary would be added here, fetched once and passed to every worker).
 * `role`: 'analyze' (warms up on sample articles) or 'collect'.
 */
export async function initMessage(role) {
  return { type: 'init', role, module: await wasmModule(), memoryLimit: MEMORY_LIMIT_BYTES };
}
