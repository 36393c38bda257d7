// The comparison view: the two sides' readouts of one contact (a Chinese report and the counterpart's
// own English readout) held against each other, point by point, in two columns. The comparison is
// computed by the core in the collection worker (which holds every report's whole JSON: an export of
// kind 'compare', wasm `compareReports`); this module only draws it, copies its Markdown and saves its
// JSON and CSV. Everything taken from the articles is inserted as text (`h` makes text nodes) and
// isolated in <bdi>; each column says its language, so CJK text gets CJK fonts.
import { h, str, arr, obj, bdi, nameEl } from './dom.js';
import { t, lang, kindLabel, topicLabel } from './i18n.js';
import { download } from './export.js';

const SIDES = ['en', 'zh'];
const SIDE_LANG = { en: 'en', zh: 'zh-CN' };

export class CompareView {
  /** `collection.export('compare', seqs, …)` answers with the core's { comparisons, markdown, csv }. */
  constructor(state, collection) {
    this.state = state;
    this.collection = collection;
    this.dialog = null;
    this.key = null;
    this.result = null;
    this.asked = 0; // the latest request: an answer to an older one is dropped
  }

  /** Open the comparison of group `key` (from its badge: focus goes back there on close). */
  async open(key) {
    const g = this.state.coll.groups.get(key);
    if (!g) return;
    const seqs = [...new Set(g.members.map(([s]) => s))];
    // Corrected reports are compared as corrected (as exports write them).
    let patches = null;
    for (const s of seqs) {
      const it = this.state.bySeq.get(s);
      if (it?.corrected) (patches ??= {})[s] = it.summary.events;
    }
    const d = this.ensure();
    this.key = key;
    this.result = null;
    this.setBusy(true);
    d.querySelector('.cmp-sub').textContent = [str(g.date), kindLabel(g.kind)].filter(Boolean).join(' · ');
    d.querySelector('.cmp-body').replaceChildren(h('p', { class: 'cmp-note' }, t('cmp_loading')));
    d.querySelector('.cmp-status').textContent = '';
    if (!d.open) d.showModal();
    const id = ++this.asked;
    let res;
    try {
      res = JSON.parse(await (await this.collection.export('compare', seqs, null, patches, lang())).text());
    } catch (e) {
      res = { error: { message: String(e?.message || e) } };
    }
    if (id !== this.asked || !d.open) return;
    const body = d.querySelector('.cmp-body');
    if (res.error) return body.replaceChildren(h('p', { class: 'cmp-note bad', role: 'alert' }, t('cmp_failed', { msg: str(res.error.message) })));
    const list = arr(res.comparisons);
    if (!list.length) return body.replaceChildren(h('p', { class: 'cmp-note' }, t('cmp_empty')));
    this.result = res;
    this.draw();
    this.setBusy(false);
  }

  draw() {
    const { comparisons, chars_per_word: cpw } = this.result;
    this.dialog.querySelector('.cmp-body').replaceChildren(...arr(comparisons).map((c) => table(obj(c), cpw)));
  }

  setBusy(busy) {
    for (const b of this.dialog.querySelectorAll('.cmp-actions button[data-act]')) b.disabled = busy;
  }

  /** The dialog, made once. Escape closes it (the browser's own `cancel`), and the badge gets the focus back. */
  ensure() {
    if (this.dialog) return this.dialog;
    const act = (name, label, fn) => h('button', { type: 'button', dataset: { act: name }, onclick: fn }, t(label));
    const d = h('dialog', { class: 'cmp-dialog', 'aria-labelledby': 'cmp-title' },
      h('div', { class: 'cmp-head' },
        h('div', { class: 'cmp-heading' }, h('h2', { id: 'cmp-title' }, t('cmp_title')), h('p', { class: 'cmp-sub' })),
        h('div', { class: 'cmp-actions', role: 'group', 'aria-label': t('cmp_actions') },
          act('md', 'cmp_copy_md', () => this.copy()),
          act('json', 'cmp_export_json', () => this.save('json')),
          act('csv', 'cmp_export_csv', () => this.save('csv')),
          h('button', { type: 'button', class: 'cmp-close', onclick: () => d.close() }, t('close')),
          h('span', { class: 'cmp-status', role: 'status', 'aria-live': 'polite' }))),
      h('div', { class: 'cmp-body' }));
    d.addEventListener('close', () => this.closed());
    document.body.append(d);
    this.dialog = d;
    return d;
  }

  /** The dialog's words in the interface's language (it is made once; the language may change). */
  relabel() {
    const d = this.dialog;
    d.querySelector('#cmp-title').textContent = t('cmp_title');
    d.querySelector('.cmp-actions').setAttribute('aria-label', t('cmp_actions'));
    for (const [act, key] of [['md', 'cmp_copy_md'], ['json', 'cmp_export_json'], ['csv', 'cmp_export_csv']]) {
      d.querySelector(`button[data-act="${act}"]`).textContent = t(key);
    }
    d.querySelector('.cmp-close').textContent = t('close');
  }

  closed() {
    this.asked++;
    // The table is windowed: the badge may have been drawn again since it was clicked.
    const badge = document.querySelector(`#groups tbody[data-group="${CSS.escape(this.key || '')}"] .cmp-badge`);
    badge?.focus({ preventScroll: true });
  }

  async copy() {
    if (!this.result) return;
    const status = this.dialog.querySelector('.cmp-status');
    try {
      await navigator.clipboard.writeText(arr(this.result.markdown).join('\n\n'));
      status.textContent = t('copied');
    } catch {
      status.textContent = t('cmp_copy_refused');
    }
  }

  save(kind) {
    if (!this.result) return;
    const c = obj(arr(this.result.comparisons)[0]);
    const name = `readout-compare-${str(c.date) || 'undated'}.${kind}`;
    const blob = kind === 'json'
      ? new Blob([JSON.stringify(this.result.comparisons, null, 2)], { type: 'application/json' })
      // With a byte-order mark, as the page's other CSV: spreadsheets then read it as UTF-8.
      : new Blob(['\ufeff', str(this.result.csv)], { type: 'text/csv;charset=utf-8' });
    download(name, blob);
  }

  /** The interface's language changed: the open view is drawn again in it. */
  languageChanged() {
    if (!this.dialog) return;
    this.relabel();
    if (this.dialog.open && this.result) this.draw();
  }
}

// ---------------------------------------------------------------- the table

/** Sentences as a list (text only), or a muted word when there are none. */
const sentences = (list, none = 'cmp_none') => {
  const v = arr(list).map(str).filter(Boolean);
  return v.length ? h('ul', { class: 'cmp-ev' }, v.map((s) => h('li', null, bdi(s)))) : h('span', { class: 'cmp-none' }, t(none));
};

/** One row: a point, then what each side's reports say of it (`cell(side)` gives a node). */
function row(label, cell, cls) {
  return h('tr', { class: cls },
    h('th', { scope: 'row' }, label),
    SIDES.map((s) => h('td', { lang: SIDE_LANG[s], dataset: { side: t(`cmp_side_${s}`) } }, cell(s))));
}

/** A group of rows with a heading row of its own. */
const section = (label, rows) => h('tbody', { class: 'cmp-sec' },
  h('tr', null, h('th', { scope: 'rowgroup', colspan: 3, class: 'cmp-sec-head' }, label)), rows);

/** One comparison as a table: the point, the English side, the Chinese side. */
function table(c, cpw) {
  const reports = arr(c.reports).map(obj);
  const of = (side) => reports.filter((r) => r.language === side);
  const each = (side, fn) => {
    const list = of(side);
    return list.length ? list.map((r) => h('div', { class: 'cmp-rep' }, fn(r))) : h('span', { class: 'cmp-none' }, t('cmp_none'));
  };
  const topics = obj(c.topics);
  const only = obj(topics.only);
  const len = obj(c.length);
  const rows = [
    row(t('cmp_readout'), (s) => each(s, (r) => [
      h('div', { class: 'cmp-rtitle' }, bdi(str(r.title) || str(r.file))),
      h('div', { class: 'cmp-meta' }, nameEl(r.file), r.published ? [' · ', bdi(str(r.published))] : null),
    ])),
    row(t('cmp_asked'), (s) => each(s, (r) => {
      const by = obj(r.requested_by);
      return by.side ? bdi(str(by.words)) : h('span', { class: 'cmp-none' }, t('cmp_not_stated'));
    }), 'cmp-asked'),
  ];
  const topicRow = (tp, cls) => row(topicLabel(tp), (s) => sentences(obj(tp.evidence)[s], 'cmp_not_raised'), cls);
  const both = arr(topics.both).map(obj);
  const onlyRows = SIDES.flatMap((s) => arr(only[s]).map(obj).map((tp) => topicRow(tp, `cmp-only cmp-only-${s}`)));
  // Framing side by side where both sides speak of a sensitive topic (a one-sided one is already among
  // the topics only one side raised, with its sentences).
  const framing = arr(c.framing).map(obj).filter((f) => SIDES.every((s) => arr(obj(f.sides)[s]).length));
  const words = (r) => {
    const w = arr(r.characterisation).map((x) => str(obj(x).word)).filter(Boolean);
    return w.length ? w.map((x) => bdi(x, { class: 'cmp-word' })) : h('span', { class: 'cmp-none' }, t('cmp_none'));
  };
  const ratio = len.normalised == null ? null
    : h('tr', { class: 'cmp-ratio' }, h('td', { colspan: 3 }, t('cmp_ratio', { ratio: len.ratio, x: len.normalised, cpw })));
  return h('table', { class: 'cmp-table', dataset: { group: String(c.group ?? '') } },
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, t('cmp_point')),
      SIDES.map((s) => h('th', { scope: 'col', class: `cmp-col-${s}` }, t(`cmp_side_${s}`))))),
    h('tbody', null, rows),
    section(t('cmp_topics_both'), both.length ? both.map((tp) => topicRow(tp, 'cmp-both')) : row('—', () => h('span', { class: 'cmp-none' }, t('cmp_none')))),
    onlyRows.length ? section(t('cmp_topics_only'), onlyRows) : null,
    h('tbody', null,
      row(t('cmp_character'), (s) => each(s, words), 'cmp-char'),
      row(t('cmp_other_said'), (s) => each(s, (r) => sentences(r.other_side_said)), 'cmp-said'),
      row(t('cmp_agreements'), (s) => each(s, (r) => sentences(r.agreements)), 'cmp-agreed'),
      row(t('cmp_length'), (s) => each(s, (r) => (r.length_unit === 'words' ? t('cmp_words', { n: r.length }) : t('cmp_chars', { n: r.length }))), 'cmp-length'),
      ratio),
    framing.length ? section(t('cmp_framing'), framing.map((f) => row(topicLabel({ id: f.topic, label: f.label }), (s) => sentences(obj(f.sides)[s], 'cmp_not_raised'), 'cmp-framing'))) : null);
}
