// One article: its card (contacts, both sides, statements, agreements, topics, keywords, summary) and
// its text with highlights. Fields point into the text: a click flashes the span it came from.
// Long lists show their first entries and append the rest on request, in slices.
import { h, $, str, arr, obj, nameEl, nameText, bdi, whenIdle } from './dom.js';
import { t, kindLabel, countryName, flag, topicLabel } from './i18n.js';
import { TextView, validSpan } from './text.js';
import { fullReport } from './report.js';
import { correctionForm, FIELDS as CORRECTABLE } from './correct.js';

const FIRST_N = 20;

export class ArticleView {
  /** `ui.step(item, d)`: previous/next article. */
  constructor(state, ui) {
    this.state = state;
    this.ui = ui;
    this.token = 0;
    this.view = null;
  }

  /** Nothing open (a new session). */
  clear() {
    this.view?.stop();
    this.view = null;
    this.token++;
    $('#detail').replaceChildren();
  }

  /** Open `item`; `at`: a span to show once its text is there (a line of the occurrences list). */
  render(item, at) {
    const box = $('#detail');
    this.view?.stop();
    this.view = null;
    const token = ++this.token;
    this.at = at ? { seq: item.seq, span: at } : this.at?.seq === item.seq ? this.at : null;
    if (item.status !== 'ok') {
      box.replaceChildren(
        h('div', { class: 'article', dataset: { file: item.name, ready: 'true' } }, h('h2', { class: 'article-title' }, nameEl(item.name)),
          item.error
            ? h('p', { class: 'error-box', role: 'alert' }, h('strong', null, `${t('error')} (${item.error.kind}): `), bdi(nameText(item.error.message)))
            : h('p', { class: 'c-muted' }, t(item.status === 'running' ? 'running' : 'pending'))));
      return;
    }
    const p = fullReport(item);
    if (p.value) return this.fill(item, p.value);
    // Until the report is read: the head, from the summary.
    const meta = obj(item.summary.meta);
    box.replaceChildren(h('article', { class: 'article loading', 'aria-busy': 'true', dataset: { file: item.name } },
      h('header', { class: 'article-head' }, this.nav(item), h('h2', { class: 'article-title' }, bdi(str(meta.title) || item.name))),
      h('p', { class: 'c-muted loading-note' }, t('loading_article'))));
    p.then((r) => token === this.token && this.fill(item, r), (e) => token === this.token && box.replaceChildren(
      h('div', { class: 'article' }, h('p', { class: 'error-box', role: 'alert' }, String(e?.message || e)))));
  }

  nav(item) {
    return h('div', { class: 'nav' },
      h('button', { type: 'button', class: 'icon', dataset: { dir: 'prev' }, 'aria-label': t('prev'), title: t('prev'), onclick: () => this.ui.step(item, -1) }, '‹'),
      h('button', { type: 'button', class: 'icon', dataset: { dir: 'next' }, 'aria-label': t('next'), title: t('next'), onclick: () => this.ui.step(item, 1) }, '›'),
      h('button', { type: 'button', id: 'copy-summary', onclick: (e) => this.copySummary(item, e.currentTarget) }, t('copy_summary')),
      h('button', { type: 'button', id: 'drop-file', title: t('drop_file_title'), onclick: () => this.ui.dropFile(item) }, t('drop_file')));
  }

  fill(item, r) {
    const box = $('#detail');
    // Corrections apply over the analysis: the card shows the corrected contacts.
    if (item.corrected) r = { ...r, events: item.summary.events };
    const meta = obj(r.meta);
    const text = arr(r.body).map(str).join('\n');
    const view = new TextView(r, text, this.state.hidden);
    this.view = view;
    const ctx = { text, view, item, ui: this.ui };
    const head = h('header', { class: 'article-head' }, this.nav(item),
      h('h2', { class: 'article-title', dataset: { field: 'title', value: str(meta.title) } }, meta.title ? bdi(str(meta.title)) : nameEl(item.name)),
      renderMeta(r, meta));
    const facts = h('div', { class: 'facts' });
    const warnings = arr(r.warnings);
    if (warnings.length) {
      facts.append(h('section', { class: 'warnings', 'aria-label': t('warnings') },
        h('ul', null, lazy(warnings, (w) => h('li', { dataset: { kind: str(obj(w).kind) } }, h('span', { class: 'badge warn' }, str(obj(w).kind)), ' ', bdi(str(obj(w).message)))))));
    }
    const events = arr(r.events);
    if (!events.length) facts.append(h('p', { class: 'card muted-card' }, r.readout === false ? t('not_readout') : t('no_events_yet')));
    facts.append(...lazy(events, (e, i) => renderEvent(obj(e), i, ctx), 10));
    const st = renderStatements(r, ctx);
    if (st) facts.append(st);
    const ag = arr(r.agreements);
    if (ag.length) {
      facts.append(section('agreements', t('agreements'),
        h('ol', { class: 'agreements' }, lazy(ag, (a, i) => h('li', null, spanButton(ctx, obj(a).span, str(obj(a).text), { field: `agreement.${i}` }))))));
    }
    const topics = arr(r.topics);
    if (topics.length) {
      facts.append(section('topics', t('topics'), h('div', { class: 'chips' }, topics.map((tp) => {
        tp = obj(tp);
        const mentions = arr(tp.mentions).filter(validSpan);
        let k = 0;
        return h('button', {
          type: 'button', class: 'chip', dataset: { field: 'topic', value: str(tp.id) }, title: t('mentions', { n: mentions.length }),
          onclick: (ev) => { if (mentions.length) view.show(mentions[k++ % mentions.length], ev.currentTarget); },
        }, topicLabel(tp), h('span', { class: 'count' }, String(mentions.length)));
      }))));
    }
    const terms = obj(r.terms);
    const kws = arr(terms.keywords);
    if (kws.length) {
      const max = Math.max(...kws.map((k) => +obj(k).score || 0), 1e-9);
      facts.append(section('keywords', t('keywords'), h('div', { class: 'chips' }, kws.map((k) => {
        k = obj(k);
        const bar = h('span', { class: 'kw-bar', 'aria-hidden': 'true' });
        bar.style.setProperty('--w', `${Math.round((100 * (+k.score || 0)) / max)}%`);
        return h('button', { type: 'button', class: 'chip kw', dataset: { field: 'keyword', value: str(k.word) }, title: String(k.score ?? ''),
          onclick: (ev) => view.find(str(k.word), null, ev.currentTarget) }, str(k.word), bar);
      }))));
    }
    const summary = arr(terms.summary);
    if (summary.length) {
      // Sentences are strings (spans alongside in `summary_spans`) or {text, span}.
      const spans = arr(terms.summary_spans);
      facts.append(section('summary', t('summary'), h('div', { class: 'summary' }, summary.map((s, i) => {
        const sentence = typeof s === 'string' ? s : str(obj(s).text);
        const span = typeof s === 'string' ? spans[i] : obj(s).span;
        return h('p', null, validSpan(span) ? spanButton(ctx, span, sentence, { field: `summary.${i}` }) : bdi(sentence));
      }))));
    }
    const article = h('article', { class: 'article', 'aria-label': nameText(str(meta.title) || item.name), dataset: { file: item.name } },
      head, h('div', { class: 'cols' }, facts, view.pane));
    box.replaceChildren(article);
    view.until(Infinity).then(() => (article.dataset.ready = 'true'));
    if (this.at?.seq === item.seq) {
      const { span } = this.at;
      this.at = null;
      view.show(span).then(() => view.container.focus({ preventScroll: true }));
    }
    // The next article is read ahead, for j / › .
    whenIdle(() => {
      const next = this.ui.neighbour(item, 1);
      if (next) fullReport(next);
    });
  }

  summaryText(item, r) {
    const s = r || item.summary;
    const m = obj(s.meta);
    const out = [str(m.title) || item.name];
    const pub = [m.outlet, m.published].filter(Boolean).map(str).join(' · ');
    if (pub) out.push(pub);
    for (const e of arr(s.events).map(obj)) {
      out.push('');
      out.push([kindLabel(e.kind), e.status && t(`status_${e.status}`), e.date, e.location].filter(Boolean).map(str).join(' · '));
      const line = (label, list, cp) => {
        const ps = arr(list).map(obj).map((p) => [cp && p.country ? countryName(p.country) : '', p.org, personText(p)].filter(Boolean).map(str).join(' '));
        if (ps.length) out.push(`${label}: ${ps.join('; ')}`);
      };
      line(t('china_side'), e.china, false);
      line(t('counterpart_side'), e.counterparts, true);
      if (e.requested_by) out.push(`${t('requested_by')}: ${e.requested_by === 'counterpart' ? t('requested_counterpart') : e.requested_by === 'china' ? t('requested_china') : e.requested_by}`);
    }
    if (!r) return out.join('\n');
    const sts = arr(r.statements).map(obj);
    if (sts.length) {
      out.push('', `${t('statements')}:`);
      for (const st of sts) out.push(`- ${str(st.speaker)}: ${str(st.text)}`);
    }
    const ag = arr(r.agreements).map(obj);
    if (ag.length) {
      out.push('', `${t('agreements')}:`);
      for (const a of ag) out.push(`- ${str(a.text)}`);
    }
    const kws = arr(obj(r.terms).keywords).map((k) => str(obj(k).word)).filter(Boolean);
    if (kws.length) out.push('', `${t('keywords')}: ${kws.join('、')}`);
    return out.join('\n');
  }

  async copySummary(item, btn) {
    const text = this.summaryText(item, await fullReport(item));
    btn.dataset.copied = text;
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const ta = h('textarea', { class: 'offscreen', 'aria-hidden': 'true' });
      ta.value = text;
      document.body.append(ta);
      ta.select();
      document.execCommand('copy');
      ta.remove();
    }
    btn.textContent = t('copied');
    setTimeout(() => (btn.textContent = t('copy_summary')), 1500);
  }
}

const personText = (p) => [str(p.name), str(p.title) && `(${str(p.title)})`].filter(Boolean).join(' ');

/** The first `n` of a list now; a button appends the rest, a slice at a time. */
function lazy(list, one, n = FIRST_N) {
  const out = list.slice(0, n).map(one);
  if (list.length <= n) return out;
  const more = h('button', { type: 'button', class: 'show-all', onclick: () => {
    more.disabled = true;
    let i = n;
    const step = () => {
      const t0 = performance.now();
      const frag = document.createDocumentFragment();
      while (i < list.length && performance.now() - t0 < 8) frag.append(one(list[i], i++));
      more.before(frag);
      if (i < list.length) setTimeout(step, 0);
      else more.remove();
    };
    step();
  } }, t('show_all', { n: list.length }));
  out.push(more);
  return out;
}

function section(name, title, ...content) {
  return h('section', { class: `card sec-${name}`, 'aria-label': title }, h('h3', null, title), content);
}

/** A format, script or metadata source in words of the interface (`front_matter` → "front matter"). */
const srcLabel = (v) => {
  v = str(v);
  const k = `src_${v}`;
  return v && t(k) !== k ? t(k) : v.replaceAll('_', ' ');
};

function renderMeta(r, meta) {
  const rows = [];
  const add = (key, value, extra) => {
    if (value == null || value === '' || (Array.isArray(value) && !value.length)) return;
    const shown = Array.isArray(value) ? value.join(', ') : str(value);
    rows.push(h('div', { class: 'meta-item', dataset: { field: `meta.${key}`, value: shown } },
      h('dt', null, t(key)), h('dd', null, bdi(shown), extra ? h('span', { class: 'src' }, extra) : null)));
  };
  add('published', meta.published, meta.published_source ? ` · ${srcLabel(meta.published_source)}` : null);
  add('outlet', meta.outlet);
  add('author', meta.author);
  add('editor', meta.editor);
  add('original_title', meta.original_title);
  add('url', meta.url); // shown as text: links in articles are never followed
  add('format', [srcLabel(r.format), str(r.encoding), srcLabel(r.script)].filter(Boolean));
  const tags = [...arr(meta.categories), ...arr(meta.tags)].map(str).filter(Boolean);
  return h('dl', { class: 'meta' }, rows, tags.length ? h('div', { class: 'tags' }, tags.map((x) => h('bdi', { class: 'tag' }, x))) : null);
}

function renderEvent(e, i, ctx) {
  // The event's own sentence(s); older shapes put a single span in `evidence`.
  const ev = validSpan(e.span) ? e.span : validSpan(e.evidence) ? e.evidence : null;
  const evidence = obj(e.evidence);
  const field = (name, value, shown, opts = {}) => {
    if (value == null || value === '') return null;
    const span = validSpan(evidence[opts.key || name]) ? evidence[opts.key || name] : null;
    return h('div', { class: `ev-field f-${name}` },
      h('span', { class: 'label' }, t(opts.label || name)),
      span
        ? spanButton(ctx, span, shown ?? str(value), { field: name, value: str(value) })
        : findButton(ctx, opts.find ?? str(value), ev, shown ?? str(value), { field: name, value: str(value) }));
  };
  const part = (p, key, spanKey, cls) => {
    const v = str(p[key]);
    if (!v) return null;
    return validSpan(p[spanKey]) ? spanButton(ctx, p[spanKey], v, { field: key, value: v, cls }) : findButton(ctx, v, ev, v, { field: key, value: v, cls });
  };
  const people = (list, side) =>
    h('div', { class: `side side-${side}`, 'aria-label': t(`${side}_side`) },
      h('h4', null, t(`${side}_side`)),
      arr(list).length
        ? arr(list).map((p, j) => {
          p = obj(p);
          const country = str(p.country);
          // A Chinese participant's country is China by definition: show the flag only for the other side.
          const showCountry = country && side === 'counterpart';
          return h('div', { class: 'participant', dataset: { side, index: String(j) } },
            part(p, 'name', 'span', 'name'),
            part(p, 'title', 'title_span', 'title'),
            showCountry ? h('span', { class: 'country', dataset: { field: 'country', value: country }, title: country }, flag(country) ? h('span', { class: 'flag', 'aria-hidden': 'true' }, flag(country)) : null, countryName(country)) : null,
            part(p, 'org', 'org_span', 'org'),
            !p.name && !p.org && !showCountry ? h('span', { class: 'c-muted' }, '—') : null);
        })
        : h('div', { class: 'participant c-muted' }, '—'));
  const requested = e.requested_by === 'counterpart' ? t('requested_counterpart') : e.requested_by === 'china' ? t('requested_china') : str(e.requested_by);
  const trigger = validSpan(evidence.trigger) ? evidence.trigger : ev;
  const original = obj(e.original);
  const fixed = e.corrected ? h('p', { class: 'corrected-note' }, h('span', { class: 'badge corrected' }, t('corrected')), ' ',
    t('corrected_was', { list: CORRECTABLE.filter((f) => f in original).map((f) => (f === 'grouping' ? t(`cf_grouping_${e.grouping === 'split' ? 'split' : 'merged'}`) : `${t(`cf_${f}`)} ${original[f] ?? '—'}`)).join('; ') })) : null;
  const card = h('section', { class: `card event${e.corrected ? ' is-corrected' : ''}`, dataset: { event: String(i), corrected: e.corrected ? 'true' : null }, 'aria-label': `${t('event')} ${i + 1}` },
    h('div', { class: 'ev-head' },
      trigger
        ? spanButton(ctx, trigger, kindLabel(e.kind) || '—', { field: 'kind', value: str(e.kind), cls: `kind kind-${str(e.kind)}` })
        : h('span', { class: `kind kind-${str(e.kind)}`, dataset: { field: 'kind', value: str(e.kind) } }, kindLabel(e.kind) || '—'),
      e.status ? h('span', { class: `badge status-${str(e.status)}`, dataset: { field: 'status', value: str(e.status) } }, t(`status_${e.status}`)) : null,
      e.cameo != null && e.cameo !== '' ? h('span', { class: 'badge cameo', title: t('cameo_hint'), dataset: { field: 'cameo', value: str(e.cameo) } }, `CAMEO ${str(e.cameo)}`) : null,
      ev ? h('button', { type: 'button', class: 'show-src', onclick: (x) => ctx.view.show(ev, x.currentTarget) }, t('show_source')) : null,
      h('button', { type: 'button', class: 'correct-btn', 'aria-expanded': 'false', onclick: (x) => {
        const btn = x.currentTarget;
        const open = card.querySelector('.cf');
        if (open) { open.remove(); btn.setAttribute('aria-expanded', 'false'); return; }
        btn.setAttribute('aria-expanded', 'true');
        const form = correctionForm(ctx.item, i, (values) => ctx.ui.correct(ctx.item, i, values), () => { form.remove(); btn.setAttribute('aria-expanded', 'false'); btn.focus(); });
        card.querySelector('.ev-head').after(form);
        form.querySelector('input')?.focus();
      } }, t('correct'))),
    fixed,
    h('div', { class: 'ev-fields' },
      field('date', e.date, e.date_as_written && e.date_as_written !== e.date ? `${str(e.date)} (${str(e.date_as_written)})` : null, { find: '' }),
      field('place', e.location, null, { label: 'place', key: 'location' }),
      e.requested_by ? field('requested_by', e.requested_by, requested, { find: '应约' }) : null),
    h('div', { class: 'sides' }, people(e.china, 'china'), people(e.counterparts, 'counterpart')));
  return card;
}

function renderStatements(r, ctx) {
  const sts = arr(r.statements).map(obj);
  if (!sts.length) return null;
  const chinaNames = new Set(arr(r.events).flatMap((e) => arr(obj(e).china).map((p) => str(obj(p).name))).filter(Boolean));
  const sideOf = (s) => (s.side === 'china' || s.side === 'counterpart' ? s.side : s.side ? 'unknown' : chinaNames.has(str(s.speaker)) ? 'china' : 'counterpart');
  const cols = { china: [], counterpart: [], unknown: [] };
  sts.forEach((s, i) => cols[sideOf(s)].push([s, i]));
  const one = ([s, i]) => {
    // `tone` is either one word or a list of markers {marker, tone, span}.
    const tones = typeof s.tone === 'string' ? [{ tone: s.tone }] : arr(s.tone).map(obj);
    const byTone = new Map();
    for (const m of tones) if (m.tone) byTone.set(str(m.tone), [...(byTone.get(str(m.tone)) || []), m]);
    const toneChips = [...byTone].map(([tone, ms]) => {
      const spans = ms.map((m) => m.span).filter(validSpan);
      let k = 0;
      return h('button', { type: 'button', class: `badge tone tone-${tone}`, dataset: { field: 'tone', value: tone },
        title: ms.map((m) => str(m.marker)).filter(Boolean).join('、'),
        onclick: (ev) => spans.length && ctx.view.show(spans[k++ % spans.length], ev.currentTarget) },
      t(`tone_${tone}`) === `tone_${tone}` ? tone : t(`tone_${tone}`), ms.length > 1 ? ` ×${ms.length}` : '');
    });
    return h('blockquote', { class: 'statement', dataset: { index: String(i), side: sideOf(s) } },
      h('div', { class: 'st-head' },
        validSpan(s.speaker_span)
          ? spanButton(ctx, s.speaker_span, str(s.speaker), { field: 'speaker', value: str(s.speaker), cls: 'speaker' })
          : h('span', { class: 'speaker', dataset: { field: 'speaker', value: str(s.speaker) } }, bdi(str(s.speaker))),
        toneChips),
      spanButton(ctx, s.span, str(s.text), { field: `statement.${i}` }));
  };
  const col = (side) => h('div', { class: `st-col st-${side}` }, h('h4', null, t(`side_${side}`)), cols[side].length ? lazy(cols[side], one) : h('p', { class: 'c-muted' }, '—'));
  return section('statements', t('statements'), h('div', { class: 'st-cols' }, col('china'), col('counterpart'), cols.unknown.length ? col('unknown') : null));
}

/** A button showing `shown` that, when pressed, flashes `span` in the text. */
function spanButton(ctx, span, shown, { field, value, cls } = {}) {
  return h('button', { type: 'button', class: `field ${cls || ''}`, dataset: { field, value }, disabled: validSpan(span) ? null : true,
    onclick: (ev) => ctx.view.show(span, ev.currentTarget) }, bdi(shown));
}

/** A field without a span of its own: find its words in the event's evidence, else in the text. */
function findButton(ctx, needle, within, shown, { field, value, cls } = {}) {
  return h('button', { type: 'button', class: `field ${cls || ''}`, dataset: { field, value },
    onclick: (ev) => ctx.view.find(needle, within, ev.currentTarget) }, bdi(shown));
}
