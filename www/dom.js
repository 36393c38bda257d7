// DOM helpers. Article content only ever becomes text nodes: nothing here parses HTML.

/** Create an element. Children that are strings become text nodes. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'dataset') {
        for (const [dk, dv] of Object.entries(v)) if (dv != null) el.dataset[dk] = dv;
      } else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export const $ = (sel) => document.querySelector(sel);
export const str = (v) => (typeof v === 'string' ? v : v == null ? '' : String(v));
export const arr = (v) => (Array.isArray(v) ? v : []);
export const obj = (v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});

export function fmtBytes(n) {
  if (n >= 1048576) return `${(n / 1048576).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${n} B`;
}

// Characters that are invisible or change the direction of what follows: in a file name they could
// disguise it (`file\u202Etxt.exe.md` displays as "filedm.exe.txt"), so names show them as marks.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const ABBR = {
  0x0a: 'LF', 0x0d: 'CR', 0x09: 'TAB', 0x00ad: 'SHY', 0x061c: 'ALM', 0x200b: 'ZWSP', 0x200c: 'ZWNJ', 0x200d: 'ZWJ',
  0x200e: 'LRM', 0x200f: 'RLM', 0x202a: 'LRE', 0x202b: 'RLE', 0x202c: 'PDF', 0x202d: 'LRO', 0x202e: 'RLO',
  0x2060: 'WJ', 0x2066: 'LRI', 0x2067: 'RLI', 0x2068: 'FSI', 0x2069: 'PDI', 0xfeff: 'BOM',
};
const mark = (ch) => {
  const cp = ch.codePointAt(0);
  return `⟨${ABBR[cp] || `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`}⟩`;
};

/** A name as plain text with its invisible characters shown as marks (for titles and labels). */
export const nameText = (name) => str(name).replace(INVISIBLE, mark);

/** A name for display: isolated from the text around it, invisible characters shown as marked spans. */
export function nameEl(name, attrs = {}) {
  const s = str(name);
  const parts = [];
  let last = 0;
  for (const m of s.matchAll(INVISIBLE)) {
    if (m.index > last) parts.push(s.slice(last, m.index));
    parts.push(h('span', { class: 'invis', title: mark(m[0]) }, mark(m[0])));
    last = m.index + m[0].length;
  }
  if (last < s.length) parts.push(s.slice(last));
  return h('bdi', { class: 'fname', ...attrs }, parts);
}

/** Untrusted text inline: `<bdi>` isolates it, so its direction never reorders the interface around it. */
export const bdi = (text, attrs) => h('bdi', attrs || null, str(text));

/** Give the event loop a turn (input and rendering go first). */
export const yieldTask = () =>
  globalThis.scheduler?.yield ? globalThis.scheduler.yield() : new Promise((r) => setTimeout(r, 0));

/** Run `fn` when the page is idle (soon at the latest). */
export const whenIdle = (fn, timeout = 200) =>
  globalThis.requestIdleCallback ? requestIdleCallback(fn, { timeout }) : setTimeout(() => fn({ timeRemaining: () => 8, didTimeout: true }), 16);

/** Set an element's text only when it differs: an unchanged write still costs the frame a layout. */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}
