// The page in headless Chromium: input paths, cards against the CLI, highlights, exports, errors,
// hostile content, and responsiveness under a big batch.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, mkdirSync, copyFileSync, writeFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  withBrowser, openPage, seedFiles, seedNames, cliReports, hostileHtml, dropFiles, stageFiles, dropStaged, waitBatch, shot, SEEDS_DIR, ROOT,
} from './helpers.mjs';

const ctx = withBrowser();
let cli;

before(() => {
  cli = cliReports(seedNames().map((n) => path.join(SEEDS_DIR, n)));
});

/** A new page with its console errors, page errors and requests recorded. Most tests read the
 * per-file table; the overview test reads the grouped one. */
const open = (query = '', view = 'files') => openPage(ctx, { query, view });

async function download(page, format) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`.export button[data-format="${format}"]`)]);
  return readFileSync(await dl.path(), 'utf8');
}

/** The page's JSON for a file must equal the CLI's, but for the file name (the CLI gets a path). */
function sameAsCli(got, name) {
  const want = structuredClone(cli.get(name));
  assert.ok(want, `the CLI analyzed ${name}`);
  assert.equal(got.file, name);
  want.file = name;
  assert.deepEqual(got, want, `${name}: the page (wasm) and the CLI (native) give the same report`);
}

const texts = (loc) => loc.evaluateAll((els) => els.map((e) => e.textContent));
const values = (loc) => loc.evaluateAll((els) => els.map((e) => e.dataset.value ?? null));

/** Check the rendered card of `name` field by field against the CLI's report. */
async function checkCard(page, name) {
  const want = cli.get(name);
  await page.click(`#results tbody[data-file="${name}"] button.link`);
  const art = page.locator(`#detail article[data-file="${name}"][data-ready]`);
  await art.waitFor();
  const m = want.meta || {};
  if (m.title) assert.equal(await art.locator('.article-title').textContent(), m.title, `${name}: title`);
  for (const key of ['published', 'author', 'editor', 'original_title', 'url']) {
    const loc = art.locator(`.meta-item[data-field="meta.${key}"]`);
    if (m[key]) {
      assert.equal(await loc.getAttribute('data-value'), m[key], `${name}: meta.${key}`);
      assert.ok((await loc.textContent()).includes(m[key]), `${name}: meta.${key} shown`);
    } else {
      assert.equal(await loc.count(), 0, `${name}: no meta.${key}`);
    }
  }
  const warnings = art.locator('.warnings li');
  assert.deepEqual(await warnings.evaluateAll((els) => els.map((e) => e.dataset.kind)), (want.warnings || []).map((w) => w.kind));
  for (const [i, w] of (want.warnings || []).entries()) assert.ok((await warnings.nth(i).textContent()).includes(w.message));

  const events = want.events || [];
  assert.equal(await art.locator('section.event').count(), events.length, `${name}: one card per contact`);
  for (const [i, e] of events.entries()) {
    const card = art.locator(`section.event[data-event="${i}"]`);
    assert.equal(await card.locator('[data-field="kind"]').getAttribute('data-value'), e.kind, `${name}: kind`);
    assert.ok((await card.locator('[data-field="kind"]').textContent()).length > 0);
    if (e.status) assert.equal(await card.locator('[data-field="status"]').getAttribute('data-value'), e.status);
    for (const [field, value] of [['date', e.date], ['place', e.location], ['requested_by', e.requested_by]]) {
      const loc = card.locator(`.ev-field [data-field="${field}"]`);
      if (value == null) assert.equal(await loc.count(), 0, `${name}: no ${field}`);
      else {
        assert.equal(await loc.getAttribute('data-value'), value, `${name}: ${field}`);
        if (field !== 'requested_by') assert.ok((await loc.textContent()).includes(value), `${name}: ${field} shown`);
      }
    }
    for (const side of ['china', 'counterpart']) {
      const list = side === 'china' ? e.china : e.counterparts;
      const ps = card.locator(`.participant[data-side="${side}"]`);
      assert.equal(await ps.count(), list.length, `${name}: ${side} participants`);
      for (const [j, p] of list.entries()) {
        const el = ps.nth(j);
        for (const key of ['name', 'title', 'org']) {
          const loc = el.locator(`[data-field="${key}"]`);
          if (p[key]) assert.equal(await loc.textContent(), p[key], `${name}: ${side}[${j}].${key}`);
          else assert.equal(await loc.count(), 0, `${name}: ${side}[${j}] has no ${key}`);
        }
        if (side === 'counterpart' && p.country) {
          assert.equal(await el.locator('[data-field="country"]').getAttribute('data-value'), p.country);
          const shown = await el.locator('[data-field="country"]').textContent();
          const country = new Intl.DisplayNames(['en'], { type: 'region' }).of(p.country);
          assert.ok(shown.includes(country), `${name}: country ${p.country} shown as ${country}: ${shown}`);
        }
      }
    }
  }
  const sts = want.statements || [];
  assert.deepEqual(await texts(art.locator('.statement [data-field^="statement."]')).then((x) => x.sort()), sts.map((s) => s.text).sort(), `${name}: statements`);
  for (const side of ['china', 'counterpart']) {
    assert.equal(await art.locator(`.statement[data-side="${side}"]`).count(), sts.filter((s) => s.side === side).length, `${name}: ${side} statements`);
  }
  assert.deepEqual(await texts(art.locator('[data-field^="agreement."]')), (want.agreements || []).map((a) => a.text), `${name}: agreements`);
  assert.deepEqual(await values(art.locator('[data-field="topic"]')), (want.topics || []).map((tp) => tp.id), `${name}: topics`);
  assert.deepEqual(await values(art.locator('[data-field="keyword"]')), (want.terms?.keywords || []).map((k) => k.word), `${name}: keywords`);
  // The clean text is the body, paragraph for paragraph.
  assert.deepEqual(await texts(art.locator('.text p')), want.body, `${name}: clean text`);
  const ents = (want.terms?.entities || []).length;
  if (ents) assert.ok((await art.locator('.text mark.hl').count()) > 0, `${name}: highlights`);
  return art;
}

test('the five seeds, dropped, render field by field like the CLI, and export the same JSON', async () => {
  const { page, log } = await open();
  await shot(page, 'empty');
  await dropFiles(page, seedFiles());
  await waitBatch(page);
  for (const name of seedNames()) await checkCard(page, name);
  const lines = (await download(page, 'jsonl')).trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((r) => r.file), seedNames());
  for (const r of lines) sameAsCli(r, r.file);
  const json = JSON.parse(await download(page, 'json'));
  assert.deepEqual(json, lines);
  // The seed card, then the same card in Chinese.
  await page.click(`#results tbody[data-file="${seedNames()[0]}"] button.link`);
  await page.evaluate(() => scrollTo(0, 0));
  await shot(page, 'seed-card', { fullPage: true });
  await page.click('#lang');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.textContent('#open-files'), '打开文件');
  await shot(page, 'seed-card-zh');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => scrollTo(0, 0));
  await shot(page, 'phone');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.requests.filter((u) => !u.startsWith(ctx.server.origin)), []);
  await page.close();
});

test('files chosen with the picker give the same reports', async () => {
  const { page } = await open();
  await page.setInputFiles('#file-input', seedFiles());
  await waitBatch(page);
  const lines = (await download(page, 'jsonl')).trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 5);
  for (const r of lines) sameAsCli(r, r.file);
  await page.close();
});

test('a folder chosen with the folder picker: every file in it, hidden files skipped, paths kept', async () => {
  const { page } = await open();
  const dir = mkdtempSync(path.join(tmpdir(), 'readout-folder-'));
  mkdirSync(path.join(dir, 'articles/2021'), { recursive: true });
  const [a, b] = seedNames();
  copyFileSync(path.join(SEEDS_DIR, a), path.join(dir, 'articles', a));
  copyFileSync(path.join(SEEDS_DIR, b), path.join(dir, 'articles/2021', b));
  writeFileSync(path.join(dir, 'articles/.DS_Store'), 'x');
  await page.setInputFiles('#folder-input', path.join(dir, 'articles'));
  await waitBatch(page);
  const items = await page.evaluate(() => readout.state.items.map((i) => [i.name, i.status]).sort());
  assert.deepEqual(items, [[`articles/${a}`, 'ok'], [`articles/2021/${b}`, 'ok']].sort());
  rmSync(dir, { recursive: true, force: true });
  await page.close();
});

test('highlight categories toggle, and a clicked field flashes its span in the text', async () => {
  const { page } = await open();
  const name = seedNames()[0];
  await page.setInputFiles('#file-input', seedFiles().slice(0, 1));
  await waitBatch(page);
  const art = await checkCard(page, name);
  const want = cli.get(name);
  const text = want.body.join('\n');
  const cats = await art.locator('.legend .toggle').evaluateAll((els) => els.map((e) => e.dataset.cat));
  assert.ok(cats.length >= 2, `several highlight categories: ${cats}`);
  const cat = cats.includes('people') ? 'people' : cats[0];
  const mark = art.locator(`.text mark.hl-${cat}`).first();
  const bg = () => mark.evaluate((m) => getComputedStyle(m).backgroundColor);
  const on = await bg();
  assert.notEqual(on, 'rgba(0, 0, 0, 0)');
  await art.locator('.text').scrollIntoViewIfNeeded();
  await shot(page, 'highlighted-text');
  await art.locator(`.legend .toggle[data-cat="${cat}"]`).click();
  assert.equal(await art.locator(`.legend .toggle[data-cat="${cat}"]`).getAttribute('aria-pressed'), 'false');
  assert.equal(await bg(), 'rgba(0, 0, 0, 0)', 'a hidden category loses its colour');
  // Another category keeps its colour.
  const other = cats.find((c) => c !== cat);
  assert.notEqual(await art.locator(`.text mark.hl-${other}`).first().evaluate((m) => getComputedStyle(m).backgroundColor), 'rgba(0, 0, 0, 0)');
  await art.locator(`.legend .toggle[data-cat="${cat}"]`).click();
  assert.equal(await bg(), on);
  // Highlights sit exactly on the entity spans.
  const first = want.terms.entities[0];
  assert.equal(await art.locator('.text mark.hl').first().textContent(), text.slice(first.span.start16, first.span.end16));

  // Fields point into the text: the counterpart's name, a statement, the contact sentence.
  const ev = want.events[0];
  const p = ev.counterparts[0];
  await art.locator('.participant[data-side="counterpart"] [data-field="name"]').first().click();
  const evidence = () => art.locator('.text').evaluate((el) => [el.dataset.evidence, el.dataset.evidenceText]);
  let [range, shown] = await evidence();
  assert.equal(shown, p.name);
  if (p.span) assert.equal(range, `${p.span.start16}-${p.span.end16}`);
  assert.ok(await page.evaluate(() => CSS.highlights.has('evidence')), 'the span is highlighted');
  const st = want.statements[0];
  await art.locator('[data-field="statement.0"]').click();
  [range, shown] = await evidence();
  assert.equal(range, `${st.span.start16}-${st.span.end16}`);
  assert.equal(shown, text.slice(st.span.start16, st.span.end16));
  await art.locator('section.event .show-src').first().click();
  [range, shown] = await evidence();
  assert.equal(shown, text.slice(ev.span.start16, ev.span.end16));

  // Copy the article's summary as text: title, the contact, both sides.
  await art.locator('#copy-summary').click();
  await page.waitForFunction(() => document.querySelector('#copy-summary')?.textContent === 'Copied');
  const copied = await art.locator('#copy-summary').getAttribute('data-copied');
  assert.ok(copied.startsWith(want.meta.title), copied);
  for (const x of [ev.date, ev.china[0].name, ev.china[0].title, p.name, 'Phone call']) assert.ok(copied.includes(x), `summary has ${x}`);

  // Keyboard: a legend toggle works with Enter.
  await art.locator(`.legend .toggle[data-cat="${cat}"]`).focus();
  await page.keyboard.press('Enter');
  assert.equal(await art.locator(`.legend .toggle[data-cat="${cat}"]`).getAttribute('aria-pressed'), 'false');
  await page.close();
});

/** RFC 4180 parsing, enough for the export (quoted cells with commas, quotes and newlines). */
function parseCsv(s) {
  s = s.replace(/^\ufeff/, '');
  const rows = [];
  let row = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === '"' && s[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') q = false; else cell += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r') continue;
    else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
    else cell += c;
  }
  return rows;
}

test('CSV export: the rows of the CLI\'s --csv, headers and words in the interface language', async () => {
  const { page } = await open();
  const bad = { name: 'broken.bin', mimeType: 'application/octet-stream', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0, 1, 2, 3, 0, 0, 255, 254, 0, 0, 7]) };
  await page.setInputFiles('#file-input', [...seedFiles(), bad]);
  await waitBatch(page);
  await page.waitForFunction(() => readout.coll.reports === 5 && !readout.collection.asked && !readout.collection.dirty);
  // The CLI on the same files (the broken one written under target/ for it).
  const dir = path.join(ROOT, 'target/e2e/csv-cli');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, bad.name), bad.buffer);
  const paths = [...seedNames().map((n) => path.join(SEEDS_DIR, n)), path.join(dir, bad.name)];
  const cliCsv = (...args) => parseCsv(spawnSync(path.join(ROOT, 'target/release/readout'), ['analyze', '--csv', ...args, ...paths], { encoding: 'utf8' }).stdout);
  // The CLI names files by the path given and words its own error messages: compared by base name and error kind.
  const norm = (rows) => rows.map((r, i) => (i === 0 ? r : r.map((c, k) => (k === 0 ? path.basename(c) : k === r.length - 1 && c ? c.split(':')[0] : c))));
  for (const lang of ['en', 'zh']) {
    const got = parseCsv(await download(page, 'csv'));
    const want = cliCsv(...(lang === 'zh' ? ['--lang', 'zh'] : []));
    assert.equal(got.length, want.length, `${lang}: one row per contact (and one per file without any)`);
    assert.deepEqual(norm(got), norm(want), `${lang}: the page's CSV is the CLI's`);
    if (lang === 'en') {
      assert.equal(got[0][0], 'File');
      await page.click('#lang');
    } else {
      assert.equal(got[0][0], '文件');
      assert.ok(got.slice(1).some((r) => r[got[0].indexOf('类型')] === '通电话'), 'kinds as words');
      await page.click('#lang');
    }
  }
  await page.close();
});

test('a binary file fails with its own error while the good files are analyzed', async () => {
  const { page } = await open();
  const binary = Buffer.alloc(4096);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919) % 256;
  await dropFiles(page, [seedFiles()[1], { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: binary }, seedFiles()[2]]);
  await waitBatch(page);
  const bad = page.locator('#results tbody[data-file="photo.jpg"]');
  assert.equal(await bad.getAttribute('class'), 'status-error');
  assert.match(await bad.textContent(), /photo\.jpg/);
  assert.equal(await page.locator('#results tbody.status-ok').count(), 2);
  await bad.locator('button.link').click();
  assert.match(await page.textContent('#detail .error-box'), /binary/);
  const err = await page.evaluate(() => readout.state.items.find((i) => i.name === 'photo.jpg').error);
  assert.equal(err.kind, 'binary');
  await page.close();
});

test('pasted text is analyzed like a file', async () => {
  const { page } = await open();
  const seed = readFileSync(path.join(SEEDS_DIR, seedNames()[4]), 'utf8');
  await page.click('#paste-btn');
  await page.fill('#paste-area', seed);
  await page.click('#paste-go');
  await waitBatch(page);
  const item = await page.evaluate(async () => Promise.all(readout.state.items.map(async (i, k) => ({ name: i.name, status: i.status, report: await readout.report(k) }))));
  assert.equal(item.length, 1);
  assert.equal(item[0].status, 'ok');
  assert.match(item[0].name, /^pasted-1\.(txt|html)$/);
  const want = cli.get(seedNames()[4]);
  assert.deepEqual(item[0].report.events, want.events);
  assert.deepEqual(item[0].report.body, want.body);
  // Ctrl+V anywhere on the page: a paste event with HTML on the clipboard.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/html', '<html><body><h1>王毅同智利外长阿拉芒通电话</h1><p>2021年10月13日，国务委员兼外长王毅同智利外长阿拉芒通电话。</p></body></html>');
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await waitBatch(page);
  const second = await page.evaluate(async () => ({ ...readout.state.items[1], report: await readout.report(1) }));
  assert.equal(second.name, 'pasted-2.html');
  assert.equal(second.status, 'ok');
  assert.ok(second.report.body.join('').includes('阿拉芒'));
  await page.close();
});

test('a hostile article runs no script and makes no request', async () => {
  const { page, log } = await open();
  await page.evaluate(() => {
    globalThis.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => __violations.push(e.violatedDirective + ' ' + e.blockedURI));
  });
  const html = hostileHtml();
  await dropFiles(page, [{ name: 'hostile.html', mimeType: 'text/html', buffer: Buffer.from(html) }]);
  await waitBatch(page);
  await page.click('#results tbody[data-file="hostile.html"] button.link');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => globalThis.__pwned ?? null), null, 'no script ran');
  assert.deepEqual(await page.evaluate(() => __violations), [], 'nothing even tried to run or load');
  assert.equal(await page.locator('#detail :is(img, iframe, script, svg, object, embed, a, form, input, style, link)').count(), 0, 'content became text only');
  const status = await page.evaluate(() => readout.state.items[0].status);
  if (status === 'ok') assert.ok((await page.textContent('#detail')).includes('双方同意加强合作'));
  assert.deepEqual(log.requests.filter((u) => !u.startsWith(ctx.server.origin)), [], 'no request left the origin');
  assert.deepEqual(ctx.server.requests.filter((u) => /evil|x\.png|frame|css-bg/.test(u)), []);
  assert.deepEqual(log.errors, []);
  await page.close();
});

/** `n` distinct files made from the seeds (a number appended keeps them distinct). */
/** `n` distinct files (copies of the seeds, each with its own last line), numbered from `from`. */
function batch(n, from = 0) {
  const seeds = seedFiles();
  return Array.from({ length: n }, (_, k) => {
    const i = k + from;
    const s = seeds[i % seeds.length];
    return { name: `batch/${String(i).padStart(3, '0')}-${s.name}`, mimeType: 'text/plain', buffer: Buffer.concat([s.buffer, Buffer.from(`\n\n（完）${i}\n`)]) };
  });
}

test('while a 200-file batch runs, a click is answered within 100 ms', async () => {
  const { page } = await open();
  await dropFiles(page, batch(20));
  await waitBatch(page);
  await page.evaluate(() => scrollTo(0, 0));
  await shot(page, 'batch-20');
  await stageFiles(page, batch(200, 20)); // not the same 20 again: identical files would count once
  await page.evaluate(() => {
    globalThis.__clicks = [];
    readout.stats.mainMaxMs = 0;
    // From the input event to the next frame painted after the handler: what the user waits for.
    // The click opens the next article (a full card and its highlighted text are rendered).
    document.querySelector('#detail').addEventListener('click', (e) =>
      { const d = performance.now() - e.timeStamp; requestAnimationFrame(() => __clicks.push([Math.round(d), Math.round(performance.now() - e.timeStamp)])); });
  });
  const t0 = Date.now();
  // Real mouse clicks on "next article" (it stays in place: the table above has a fixed height).
  await page.locator('#detail .nav button[data-dir="next"]').scrollIntoViewIfNeeded();
  const box = await page.locator('#detail .nav button[data-dir="next"]').boundingBox();
  await dropStaged(page);
  let clicks = 0;
  while (await page.evaluate(() => readout.state.batch.done < readout.state.batch.total)) {
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    clicks++;
    await page.waitForTimeout(200); // a quick reader, not a stress test
  }
  await waitBatch(page);
  const wall = Date.now() - t0;
  const { delays, mainMax, batchStats } = await page.evaluate(() => ({ delays: __clicks, mainMax: readout.stats.mainMaxMs, batchStats: readout.stats.batches.at(-1) }));
  // [input event → handler, input event → next frame] per click: the new article is on screen by the
  // next frame within 100 ms. This machine is shared (load far above its cores), so the operating system
  // sometimes deschedules the browser for 100 ms or more before the handler even starts: three clicks in
  // four must make it (the median is far below), and the page's own code never holds the main thread
  // for more than 50 ms (below).
  const toFrame = delays.map((d) => d[1]).sort((a, b) => a - b);
  const p90 = toFrame[Math.floor(toFrame.length * 0.9)];
  assert.ok(delays.length >= 5, `clicked ${delays.length} times during the batch`);
  assert.ok(toFrame[toFrame.length >> 1] < 50, `click-to-frame times ${toFrame} ms`);
  assert.ok(toFrame[Math.floor(toFrame.length * 0.75)] < 100, `click-to-frame times ${toFrame} ms`);
  // The page's own code never holds the main thread long (a loaded machine can still deschedule it).
  assert.ok(mainMax < 50, `longest main-thread task of the page ${Math.round(mainMax)} ms`);
  assert.equal(batchStats.files, 200);
  assert.equal(await page.evaluate(() => readout.state.items.filter((i) => i.status === 'ok').length), 220);
  // The table is windowed: far fewer than 220 files have rows in the DOM, and scrolling reaches the last.
  const inDom = await page.locator('#results tbody[data-seq]').count();
  assert.ok(inDom > 0 && inDom < 220, `${inDom} file blocks in the DOM`);
  await page.locator('#files-wrap').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  const lastName = await page.evaluate(() => readout.state.items.at(-1).name);
  await page.locator(`#results tbody.status-ok[data-file="${lastName}"]`).waitFor();
  console.log(`200-file batch: ${Math.round(batchStats.ms)} ms in the page (${wall} ms wall), ${delays.length} clicks, click-to-handler max ${Math.max(...delays.map((d) => d[0]))} ms, click-to-frame median ${toFrame[toFrame.length >> 1]} ms, p90 ${p90} ms, max ${toFrame.at(-1)} ms, longest page task ${Math.round(mainMax)} ms, workers ${await page.evaluate(() => readout.pool.slots.length)}`);
  // The collection of all 220 reports (copies of the five seeds) is five contacts, computed off the page thread.
  await page.waitForFunction(() => readout.coll.reports === 220, null, { timeout: 20000 });
  const coll = await page.evaluate(() => ({ groups: readout.coll.groups.size, ms: readout.stats.collectMs.at(-1), runs: readout.stats.collectMs.length }));
  assert.equal(coll.groups, 5);
  console.log(`collection of 220 reports: ${coll.groups} groups in ${coll.ms.toFixed(1)} ms in its worker (${coll.runs} runs during the batches)`);
  const per = await page.evaluate(() => readout.stats.files.map((f) => f.ms).sort((a, b) => a - b));
  console.log(`per-file analyze in a worker: median ${per[per.length >> 1].toFixed(1)} ms, p95 ${per[Math.floor(per.length * 0.95)].toFixed(1)} ms; compile ${Math.round(await page.evaluate(() => readout.stats.compileMs))} ms, worker init ${Math.round(await page.evaluate(() => readout.stats.initMs[0]))} ms`);
  await page.close();
});

test('cancel stops a batch: the rest is marked cancelled, and the next batch runs', async () => {
  const { page } = await open('?workers=1');
  await stageFiles(page, batch(200));
  await dropStaged(page);
  await page.waitForFunction(() => readout.state.batch.done >= 3);
  await page.click('#cancel');
  await waitBatch(page);
  const counts = await page.evaluate(() => {
    const c = {};
    for (const i of readout.state.items) c[i.status] = (c[i.status] || 0) + 1;
    return c;
  });
  assert.ok(counts.cancelled > 0 && counts.ok >= 3, JSON.stringify(counts));
  assert.equal((counts.ok || 0) + counts.cancelled, 200);
  assert.ok(await page.isHidden('#cancel'));
  assert.match(await page.textContent('#progress-text'), /Cancelled: \d+/);
  await dropFiles(page, seedFiles().slice(0, 2));
  await waitBatch(page);
  assert.deepEqual(await page.evaluate(() => readout.state.items.slice(-2).map((i) => i.status)), ['ok', 'ok']);
  await page.close();
});

test('limits: a file over the size limit and a file over the time budget are reported, the batch goes on', async () => {
  let { page } = await open('?maxBytes=4000');
  const seeds = seedFiles();
  const big = seeds.find((s) => s.buffer.length > 4000);
  const small = seeds.find((s) => s.buffer.length <= 4000);
  await dropFiles(page, [big, small]);
  await waitBatch(page);
  let items = await page.evaluate(() => readout.state.items.map((i) => [i.name, i.status, i.error?.kind]));
  assert.deepEqual(items, [[big.name, 'error', 'too_large'], [small.name, 'ok', undefined]]);
  await page.close();

  ({ page } = await open('?budget=1&workers=1'));
  // About 3 MB of article text: far over a 1 ms budget.
  const huge = Buffer.from(readFileSync(path.join(SEEDS_DIR, seedNames()[0]), 'utf8').repeat(800));
  await dropFiles(page, [{ name: 'huge.txt', mimeType: 'text/plain', buffer: huge }, ...seeds]);
  await waitBatch(page, 120000);
  items = await page.evaluate(() => readout.state.items.map((i) => [i.name, i.status, i.error?.kind]));
  assert.deepEqual(items[0], ['huge.txt', 'error', 'timeout']);
  assert.equal(items.length, 6, 'every file is accounted for');
  assert.ok(items.slice(1).every(([, s]) => s === 'ok' || s === 'error'));
  assert.ok(await page.evaluate(() => readout.pool.slots.length) >= 1, 'the stopped worker was replaced');
  await page.close();
});

test('overview: the seeds dropped twice give 5 groups of 2, a dated timeline, counts by contact, a filter', async () => {
  const { page, log } = await open('', 'groups');
  const once = seedFiles();
  // Each copy differs by a final line break: the same contact reported by another file (a byte-identical
  // file would count once, see workbench.test.mjs).
  const copies = once.map((f) => ({ ...f, name: `copy-${f.name}`, buffer: Buffer.concat([f.buffer, Buffer.from('\n')]) }));
  await dropFiles(page, [...once, ...copies]);
  await waitBatch(page);
  await page.waitForFunction(() => readout.coll.reports === 10);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal(await page.locator('#groups-wrap').isVisible(), true, 'grouped view is the default');
  // One group per distinct contact, each reported by the seed and its copy.
  const groups = page.locator('#groups tbody.group');
  assert.equal(await groups.count(), 5);
  assert.deepEqual(await groups.evaluateAll((els) => els.map((e) => e.dataset.files)), ['2', '2', '2', '2', '2']);
  // Expand the first: its two member files are listed, and a member opens its article.
  const first = groups.first();
  const toggle = first.locator('button.reports');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.focus();
  await page.keyboard.press('Enter');
  const members = page.locator('#groups tbody.group').first().locator('tr.member');
  assert.equal(await members.count(), 2);
  assert.equal(await page.locator('#groups tbody.group').first().locator('button.reports').getAttribute('aria-expanded'), 'true');
  const names = await members.evaluateAll((els) => els.map((e) => e.dataset.file));
  assert.equal(names[1], `copy-${names[0]}`);
  await members.nth(1).locator('button.link').click();
  await page.locator(`#detail article[data-file="${names[1]}"][data-ready]`).waitFor();

  // The timeline: the CLI's dates of the seeds, in order, each with 2 reports.
  const want = seedNames().flatMap((n) => cli.get(n).events.map((e) => e.date)).filter(Boolean).sort();
  const items = page.locator('#timeline li.tl-item');
  assert.deepEqual(await items.evaluateAll((els) => els.map((e) => e.dataset.date)), want);
  assert.deepEqual(await page.locator('#timeline .tl-n').evaluateAll((els) => els.map((e) => e.textContent)), want.map(() => '2 reports'));

  // Counts count distinct contacts: Russia 2 (two different calls, 002 and 004), each behind 2 reports.
  const ru = page.locator('#by-counterpart button.cbar[data-key="country:RU"]');
  assert.equal(await ru.getAttribute('data-groups'), '2');
  assert.equal(await ru.getAttribute('data-reports'), '4');
  assert.match(await ru.textContent(), /Russia.*2$/);
  const counts = await page.locator('#by-counterpart button.cbar').evaluateAll((els) => els.map((e) => +e.dataset.groups));
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'most first');
  assert.equal(await page.locator('#by-kind button.cbar').count() > 0, true);

  // Clicking a bar filters the table to those contacts; the clear control brings everything back.
  await ru.click();
  assert.equal(await ru.getAttribute('aria-pressed'), 'true');
  assert.equal(await groups.count(), 2);
  for (const c of await page.locator('#groups tbody.group .c-cp').evaluateAll((els) => els.map((e) => e.textContent))) assert.match(c, /Russia/);
  assert.match(await page.locator('#filter-status').textContent(), /Russia.*2 of 5/);
  await page.click('#clear-filter');
  assert.equal(await groups.count(), 5);
  assert.equal(await page.locator('#clear-filter').isHidden(), true);

  // A timeline entry reveals its group in the table.
  await items.last().locator('button').click();
  const last = page.locator(`#groups tbody[data-group="${await items.last().getAttribute('data-group')}"]`);
  assert.equal(await last.locator('button.reports').getAttribute('aria-expanded'), 'true');

  // CSV stays one row per contact, with the group id: the seed and its copy share it.
  const rows = parseCsv(await download(page, 'csv'));
  const [head, ...body] = rows;
  const gcol = head.indexOf('Group');
  assert.ok(gcol >= 0, 'a group column');
  const byFile = new Map(body.map((r) => [r[0], r[gcol]]));
  for (const n of seedNames()) if (cli.get(n).events.length) assert.equal(byFile.get(`copy-${n}`), byFile.get(n), n);
  assert.equal(new Set(body.map((r) => r[gcol])).size, 5);

  // The overview folds away (for table room) and comes back.
  await page.click('#insights-toggle');
  assert.equal(await page.locator('#insights').isHidden(), true);
  assert.equal(await page.locator('#insights-toggle').getAttribute('aria-expanded'), 'false');
  await page.click('#insights-toggle');
  assert.equal(await page.locator('#insights').isVisible(), true);

  // Chinese: labels follow the language.
  await page.click('#lang');
  await page.waitForFunction(() => document.querySelector('#by-counterpart button.cbar[data-key="country:RU"]')?.textContent.includes('俄罗斯'));
  assert.equal(await page.locator('#timeline-title').textContent(), '时间线');
  await page.click('#lang');
  await page.waitForFunction(() => document.querySelector('#by-counterpart button.cbar[data-key="country:RU"]')?.textContent.includes('Russia'));
  await page.locator('#groups tbody.group').first().locator('button.reports').click(); // collapse, for the picture
  await page.evaluate(() => { window.scrollTo(0, 0); document.querySelector('#timeline').scrollTop = 0; });
  await shot(page, 'overview');
  assert.deepEqual(log.errors, []);
  await page.close();
});
