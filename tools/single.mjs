// Writes one self-contained HTML file that works from file:// (run by `./build.sh single`).
//
// file:// refuses module scripts by URL and fetches of the wasm, so everything travels inside the page:
// the wasm as base64 (compiled asynchronously), the page's modules linked into one script
// (tools/bundle.mjs), the worker and its modules (with the wasm-bindgen glue and the segmentation tables) linked into
// another that runs from a Blob URL, the samples as JSON, the styles inline. The page keeps a strict CSP: only the
// app script (by its hash), Blob workers and wasm compilation may run.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { bundle } from './bundle.mjs';

const [www, out] = process.argv.slice(2);
if (!www || !out) {
  console.error('usage: node tools/single.mjs <www dir> <out.html>');
  process.exit(2);
}
const read = (p) => readFileSync(path.join(www, p), 'utf8');
const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
// Text inside <script> must not close the element early.
const safe = (text) => text.replace(/<\/(script)/gi, '<\\/$1');

const index = read('index.html');
const body = index.slice(index.indexOf('<body>') + 6, index.lastIndexOf('</body>'));
const css = read('style.css');
const app = bundle(path.join(www, 'app.js'), { importMeta: '({ url: location.href })' });
const script = safe(app.code);
// A page of an opaque (file://) origin cannot start module workers: the worker is a classic script.
const worker = bundle(path.join(www, 'worker.js'));
// The segmentation tables travel inside the worker's text (the worker decodes them instead of fetching).
const tables = readFileSync(path.join(www, 'pkg/terms.bin')).toString('base64');
const workerCode = `const READOUT_TABLES_B64 = '${tables}';\n${worker.code}`;
const wasm = readFileSync(path.join(www, 'pkg/readout_bg.wasm')).toString('base64');
const samples = JSON.parse(read('samples/index.json')).map((s) => ({ name: s.name ?? s, title: s.title ?? null, text: read(`samples/${s.name ?? s}`) }));

const csp = [
  "default-src 'none'",
  `script-src ${sha256(script)} 'wasm-unsafe-eval' blob:`,
  'worker-src blob:',
  `style-src ${sha256(css)}`,
  "img-src data:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');

const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<title>Readout</title>
<link rel="icon" href="data:image/svg+xml;base64,${Buffer.from(read('icon.svg')).toString('base64')}">
<style>${css}</style>
</head>
<body>${body}
<script type="application/octet-stream" id="readout-wasm">${wasm}</script>
<script type="text/plain" id="readout-worker">${safe(workerCode)}</script>
<script type="application/json" id="readout-samples">${JSON.stringify(samples).replace(/</g, '\\u003c')}</script>
<script type="module">${script}</script>
</body>
</html>
`;
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, html);
const rel = (files) => files.map((f) => path.relative(www, f)).join(', ');
console.error(`single file: ${out} (${(html.length / 1048576).toFixed(1)} MB); page: ${rel(app.modules)}; worker: ${rel(worker.modules)}`);
