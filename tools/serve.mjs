// A small static server for www/ that sends the headers listed in www/_headers (the Netlify /
// Cloudflare Pages format), so the Content-Security-Policy, frame-ancestors, nosniff and the worker's
// own policy are HTTP headers, as on a real host. Used by `./build.sh serve` and by the browser tests.
//
//   node tools/serve.mjs [DIR] [PORT]     (defaults: www 8080; binds 127.0.0.1)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8', '.md': 'text/plain; charset=utf-8', '.png': 'image/png',
};

/** Rules from a `_headers` file: [{ pattern: RegExp, headers: [[name, value]] }], in file order. */
export function parseHeaders(text) {
  const rules = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const glob = line.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
      rules.push({ pattern: new RegExp(`^${glob}$`), headers: [] });
    } else if (rules.length) {
      const at = line.indexOf(':');
      if (at > 0) rules.at(-1).headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
    }
  }
  return rules;
}

/** The headers for a path: every matching rule applies; a header named twice is sent twice (two CSPs both apply). */
export function headersFor(rules, pathname) {
  const out = {};
  for (const r of rules) {
    if (!r.pattern.test(pathname)) continue;
    for (const [k, v] of r.headers) (out[k.toLowerCase()] ??= []).push(v);
  }
  return out;
}

/**
 * Serve `dir` on 127.0.0.1 (port 0: a free one). Every request's URL is recorded in `requests`.
 * For tests: `setDir(dir)` switches what is served (a new build deployed); `setTweak(fn)`:
 * `fn(req, res, file)` may answer instead (a server that fails or never answers).
 */
export async function serve(dir, { port = 0, tweak = null } = {}) {
  dir = path.resolve(dir);
  const rules = () => {
    const headersFile = path.join(dir, '_headers');
    return existsSync(headersFile) ? parseHeaders(readFileSync(headersFile, 'utf8')) : [];
  };
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    let pathname = '/';
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch { /* a malformed URL: 404 below */ }
    const rel = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
    const file = path.join(dir, path.normalize(rel));
    if (tweak && (await tweak(req, res, file))) return;
    try {
      if (!file.startsWith(dir + path.sep) || /\/[._]/.test(rel)) throw new Error('not served');
      const st = await stat(file);
      if (!st.isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, {
        ...headersFor(rules(), pathname),
        'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
      res.end('not found\n');
    }
  });
  const sockets = new Set();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((r, j) => { server.once('error', j); server.listen(port, '127.0.0.1', r); });
  const { port: actual } = server.address();
  return {
    url: `http://127.0.0.1:${actual}/`,
    origin: `http://127.0.0.1:${actual}`,
    port: actual,
    requests,
    setDir: (d) => { dir = path.resolve(d); },
    setTweak: (fn) => { tweak = fn; },
    close: () => new Promise((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = 'www', port = '8080'] = process.argv.slice(2);
  const s = await serve(dir, { port: Number(port) });
  console.error(`serving ${dir} at ${s.url} (Ctrl-C stops)`);
}
