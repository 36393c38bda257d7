// The session: the files loaded (their bytes, by content hash) and the reader's corrections, kept in
// IndexedDB as they change, so a reload can restore the work; and as one JSON file to pass to a
// colleague (the files' bytes in base64 and the corrections; the same analyzer gives the same reports).
const DB = 'readout-session';
const FILES = 'files';
const CORRECTIONS = 'corrections';

const req = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });

export class Session {
  constructor() {
    this.db = null;
    this.pending = []; // [store, 'put' | 'delete' | 'clear', value]
    this.timer = 0;
    this.opening = null;
  }

  open() {
    if (!globalThis.indexedDB) return Promise.resolve(null);
    this.opening ??= new Promise((resolve) => {
      const r = indexedDB.open(DB, 1);
      r.onupgradeneeded = () => {
        r.result.createObjectStore(FILES, { keyPath: 'hash' });
        r.result.createObjectStore(CORRECTIONS, { keyPath: 'hash' });
      };
      r.onsuccess = () => resolve((this.db = r.result));
      r.onerror = () => resolve(null); // no storage (private mode): the page works without it
    });
    return this.opening;
  }

  /** Writes are grouped: one transaction per quarter second, whatever the number of files. */
  write(store, op, value) {
    this.pending.push([store, op, value]);
    if (!this.timer) this.timer = setTimeout(() => this.flush(), 250);
  }

  async flush() {
    this.timer = 0;
    const ops = this.pending.splice(0);
    const db = await this.open();
    if (!db || !ops.length) return;
    const tx = db.transaction([FILES, CORRECTIONS], 'readwrite');
    for (const [store, op, value] of ops) {
      const s = tx.objectStore(store);
      if (op === 'put') s.put(value);
      else if (op === 'delete') s.delete(value);
      else s.clear();
    }
    await new Promise((r) => { tx.oncomplete = tx.onerror = tx.onabort = r; });
  }

  addFile(hash, name, blob) {
    if (hash) this.write(FILES, 'put', { hash, name, blob, at: Date.now() });
  }

  dropFile(hash) {
    this.write(FILES, 'delete', hash);
    this.write(CORRECTIONS, 'delete', hash);
  }

  correct(hash, events) {
    this.write(CORRECTIONS, 'put', { hash, events });
  }

  clear() {
    this.write(FILES, 'clear');
    this.write(CORRECTIONS, 'clear');
  }

  async count() {
    const db = await this.open();
    if (!db) return 0;
    return req(db.transaction(FILES).objectStore(FILES).count()).catch(() => 0);
  }

  /** What was saved: files in the order they were added, and corrections by hash. */
  async load() {
    await this.flush();
    const db = await this.open();
    if (!db) return { files: [], corrections: new Map() };
    const tx = db.transaction([FILES, CORRECTIONS]);
    const [files, corr] = await Promise.all([req(tx.objectStore(FILES).getAll()), req(tx.objectStore(CORRECTIONS).getAll())]);
    files.sort((a, b) => a.at - b.at);
    return { files: files.map((f) => ({ name: f.name, blob: f.blob, hash: f.hash })), corrections: new Map(corr.map((c) => [c.hash, c.events])) };
  }
}

const b64 = async (blob) => {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

/** The session as one JSON file: `{ readout_session: 1, files: [{ name, hash, bytes }], corrections }`. */
export async function sessionFile(files, corrections) {
  const out = { readout_session: 1, saved: new Date().toISOString(), files: [], corrections: Object.fromEntries(corrections) };
  for (const f of files) out.files.push({ name: f.name, hash: f.hash, bytes: await b64(f.blob) });
  return new Blob([JSON.stringify(out)], { type: 'application/json' });
}

/** A session file read back; throws a clear error when the file is not one. */
export async function readSessionFile(file) {
  let data;
  try {
    data = JSON.parse(await file.text());
  } catch (e) {
    throw new Error(`${file.name}: not a session file (${e.message})`);
  }
  if (data?.readout_session !== 1 || !Array.isArray(data.files)) throw new Error(`${file.name}: not a Readout session file`);
  const files = data.files.map((f) => ({ name: String(f.name), blob: new Blob([Uint8Array.from(atob(String(f.bytes)), (c) => c.charCodeAt(0))]) }));
  return { files, corrections: new Map(Object.entries(data.corrections || {})) };
}
