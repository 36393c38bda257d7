// Input: drop of files and folders anywhere, the pickers, paste (dialog or Ctrl+V), the samples.
// Every path ends in `addFiles([{ name, blob }])`.
import { h, $ } from './dom.js';

async function entriesToFiles(entries) {
  const out = [];
  const walk = async (entry, path) => {
    if (!entry || entry.name.startsWith('.')) return;
    if (entry.isFile) {
      const file = await new Promise((res, rej) => entry.file(res, rej)).catch(() => null);
      if (file) out.push({ name: path + entry.name, blob: file });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      const children = [];
      for (;;) {
        const batch = await new Promise((res, rej) => reader.readEntries(res, rej)).catch(() => []);
        if (!batch.length) break;
        children.push(...batch);
      }
      children.sort((a, b) => a.name.localeCompare(b.name));
      for (const c of children) await walk(c, `${path}${entry.name}/`);
    }
  };
  for (const e of entries) await walk(e, '');
  return out;
}

export function setupDrop(addFiles, addPasted) {
  const overlay = $('#drop-overlay');
  let depth = 0;
  const hasFiles = (e) => [...(e.dataTransfer?.types || [])].includes('Files');
  addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth++;
    overlay.hidden = false;
  });
  addEventListener('dragleave', () => {
    if (--depth <= 0) { depth = 0; overlay.hidden = true; }
  });
  addEventListener('dragover', (e) => {
    e.preventDefault(); // also stops the browser from opening a dropped file (links are never followed)
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  });
  addEventListener('drop', async (e) => {
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    const dt = e.dataTransfer;
    if (!dt) return;
    // Entries must be taken synchronously: the DataTransfer is emptied once the handler yields.
    const items = [...(dt.items || [])].filter((i) => i.kind === 'file');
    const entries = items.map((i) => (i.webkitGetAsEntry ? i.webkitGetAsEntry() : null));
    if (entries.length && entries.every(Boolean)) {
      addFiles(await entriesToFiles(entries));
    } else if (dt.files?.length) {
      addFiles([...dt.files].map((f) => ({ name: f.webkitRelativePath || f.name, blob: f })));
    } else {
      const html = dt.getData('text/html');
      const plain = dt.getData('text/plain');
      if (html || plain) addPasted(html || plain, !!html);
    }
  });
}

let pasteN = 0;
/** Pasted or dropped text becomes a file of its own. */
export function pasted(addFiles) {
  return (text, isHtml) => {
    if (!text || !text.trim()) return;
    isHtml ||= /^\s*</.test(text) && /<\/?[a-z][\s\S]*>/i.test(text);
    const name = `pasted-${++pasteN}.${isHtml ? 'html' : 'txt'}`;
    addFiles([{ name, blob: new Blob([text], { type: isHtml ? 'text/html' : 'text/plain' }) }]);
  };
}

export function setupPickers(addFiles, addPasted) {
  const fileInput = $('#file-input');
  const folderInput = $('#folder-input');
  const take = (input) => {
    addFiles([...input.files].filter((f) => !f.name.startsWith('.')).map((f) => ({ name: f.webkitRelativePath || f.name, blob: f })));
    input.value = '';
  };
  fileInput.addEventListener('change', () => take(fileInput));
  folderInput.addEventListener('change', () => take(folderInput));
  $('#open-files').addEventListener('click', () => fileInput.click());
  $('#open-folder').addEventListener('click', () => folderInput.click());
  $('#empty-open').addEventListener('click', () => fileInput.click());

  const dialog = $('#paste-dialog');
  const area = $('#paste-area');
  $('#paste-btn').addEventListener('click', () => {
    dialog.showModal();
    area.focus();
  });
  $('#paste-go').addEventListener('click', () => {
    addPasted(area.value, false);
    area.value = '';
    dialog.close();
  });
  $('#paste-close').addEventListener('click', () => dialog.close());

  document.addEventListener('paste', (e) => {
    const tgt = e.target;
    if (tgt instanceof HTMLTextAreaElement || tgt instanceof HTMLInputElement || tgt?.isContentEditable) return;
    const cd = e.clipboardData;
    if (!cd) return;
    const files = [...cd.files];
    e.preventDefault();
    if (files.length) return addFiles(files.map((f) => ({ name: f.name, blob: f })));
    const html = cd.getData('text/html');
    addPasted(html || cd.getData('text/plain'), !!html);
  });
}

// Samples: the five seed articles, served from samples/ (or inlined in the single-file build).
async function samples() {
  const inline = document.getElementById('readout-samples');
  if (inline) return JSON.parse(inline.textContent).map((s) => ({ name: s.name, title: s.title, load: async () => new Blob([s.text]) }));
  const list = await fetch('samples/index.json').then((r) => (r.ok ? r.json() : []), () => []);
  return list.map((s) => {
    const name = s.name ?? s;
    return { name, title: s.title, load: async () => (await fetch(`samples/${encodeURIComponent(name)}`)).blob() };
  });
}

export async function setupSamples(addFiles) {
  const list = await samples();
  $('#sample-list').replaceChildren(
    ...list.map((s, i) =>
      h('button', { type: 'button', class: 'chip sample', dataset: { sample: s.name }, title: s.name, onclick: async () => addFiles([{ name: s.name, blob: await s.load() }]) },
        s.title || `${i + 1}. ${s.name}`)),
  );
  const loadAll = async () => addFiles(await Promise.all(list.map(async (s) => ({ name: s.name, blob: await s.load() }))));
  $('#samples-btn').addEventListener('click', loadAll);
  $('#load-samples').addEventListener('click', loadAll);
  $('#samples-btn').disabled = $('#load-samples').disabled = !list.length;
}
