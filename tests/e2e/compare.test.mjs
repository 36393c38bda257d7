// Both sides of one contact on the page: a made-up pair (an English readout with front matter and a
// Chinese report of the same call, tests/fixtures/compare_page/) dropped with two one-sided controls.
// The "compare" badge is on the pair's group only; it opens, from the keyboard, a view of two columns
// whose points are the CLI's (`readout compare`, the same core): who asked, topics both and one side
// raised with their sentences, length; Markdown copied, JSON and CSV saved as the CLI writes them;
// Escape returns to the badge; axe-core finds nothing serious; the Chinese interface has no English
// label in it; a phone's width shows every column; the single file (file://) compares too.
// Screenshot: target/e2e/screenshots/compare.png.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { withBrowser, openPage, dropFiles, waitBatch, shot, axeViolations, ROOT } from './helpers.mjs';

const ctx = withBrowser();
const DIR = path.join(ROOT, 'tests/fixtures/compare_page');
const NAMES = readdirSync(DIR).filter((n) => n.endsWith('.md')).sort();
const PAIR = ['2024-06-14_us_blinken_wang_call.md', '2024-06-15_cn_wang_blinken_call.md'];
const files = () => NAMES.map((name) => ({ name, mimeType: 'text/markdown', buffer: readFileSync(path.join(DIR, name)) }));

/** `readout compare` over the same files, by base name (run in the fixtures' folder). */
function cli(...flags) {
  const bin = path.join(ROOT, 'target/release/readout');
  if (!existsSync(bin)) execFileSync('cargo', ['build', '--release', '--bin', 'readout'], { cwd: ROOT, stdio: 'inherit' });
  const out = spawnSync(bin, ['compare', ...flags, ...NAMES], { cwd: DIR, encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout;
}

let want; // the CLI's comparisons
before(() => {
  want = cli().split('\n').filter(Boolean).map((l) => JSON.parse(l));
});

/** The page with the fixtures dropped and the collection drawn. */
async function loaded(opts = {}) {
  const { page, log } = await openPage(ctx, { view: 'groups', ...opts });
  await dropFiles(page, files());
  await waitBatch(page);
  await page.waitForFunction((n) => readout.coll.reports === n && !readout.collection.asked && !readout.collection.dirty, NAMES.length);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r)))));
  return { page, log };
}

/** Open the view from the badge with the keyboard; resolves once the comparison is drawn. */
async function openFromBadge(page) {
  const badge = page.locator('#groups .cmp-badge');
  await badge.focus();
  await page.keyboard.press('Enter');
  await page.locator('dialog.cmp-dialog[open] .cmp-table').waitFor();
  return page.locator('dialog.cmp-dialog');
}

/** A row's cells (English, Chinese) by its heading. */
async function cells(dialog, heading) {
  const tr = dialog.locator('.cmp-table tr').filter({ has: dialog.page().locator('th[scope="row"]', { hasText: heading }) }).first();
  return [await tr.locator('td').nth(0).innerText(), await tr.locator('td').nth(1).innerText()];
}

const byFile = (c) => ({ ...c, reports: [...c.reports].sort((a, b) => a.file.localeCompare(b.file)) });

test('the badge marks the one group with both languages; the view shows the CLI\'s comparison point by point', async () => {
  assert.equal(want.length, 1, 'the CLI finds one contact reported by both sides');
  assert.deepEqual(want[0].reports.map((r) => r.file).sort(), PAIR);
  const { page, log } = await loaded();
  // One badge, on the group whose members are the pair; the one-sided groups (a Chinese report of
  // another call, an English readout with no PRC side) have none.
  const groups = await page.locator('#groups tbody.group').evaluateAll((tbs) => tbs.map((tb) => ({
    key: tb.dataset.group, badge: !!tb.querySelector('.cmp-badge'),
  })));
  assert.ok(groups.length >= 3, `the controls are groups of their own (${groups.length})`);
  const members = await page.evaluate((keys) => keys.map((k) => readout.coll.groups.get(k).members
    .map(([s]) => readout.state.items.find((i) => i.seq === s).name).sort()), groups.map((g) => g.key));
  const marked = groups.map((g, i) => [g.badge, members[i]]).filter(([b]) => b);
  assert.deepEqual(marked.map(([, m]) => m), [PAIR]);
  assert.equal(await page.locator('#groups .cmp-badge').innerText(), 'compare');

  const dialog = await openFromBadge(page);
  const c = want[0];
  assert.equal(await dialog.locator('.cmp-sub').innerText(), `${c.date} · Phone call`);
  assert.deepEqual(await dialog.locator('thead th').allInnerTexts(), ['Point', 'English readout', 'Chinese readout']);
  // Who asked: the English side is silent, the Chinese side says 应约 (its own sentence).
  const [enAsked, zhAsked] = await cells(dialog, 'Who asked');
  assert.equal(enAsked, 'not stated');
  assert.match(zhAsked, /应约同美国国务卿布林肯通电话/);
  assert.equal(zhAsked, c.reports.find((r) => r.language === 'zh').requested_by.words);
  // Topics both raised: Taiwan, each side's sentences as evidence.
  const taiwan = c.topics.both.find((tp) => tp.id === 'taiwan');
  assert.ok(taiwan, 'Taiwan is raised by both');
  const [enTw, zhTw] = await cells(dialog, 'Taiwan');
  assert.match(enTw, /peace and stability across the Taiwan Strait/);
  assert.match(zhTw, /恪守一个中国原则/);
  assert.deepEqual(await dialog.locator('tr.cmp-both th').allInnerTexts(), c.topics.both.map((tp) => tp.label));
  // A topic only the English side raised (detained citizens), with its sentence; "not raised" opposite.
  assert.ok(c.topics.only.en.some((tp) => tp.id === 'detained_citizens'));
  const [enDet, zhDet] = await cells(dialog, 'Detained citizens');
  assert.match(enDet, /wrongfully detained/);
  assert.equal(zhDet, 'not raised');
  // And one only the Chinese side raised: the US assurances it quotes.
  const [enUs, zhUs] = await cells(dialog, 'US assurances quoted by China');
  assert.equal(enUs, 'not raised');
  assert.match(zhUs, /不寻求“新冷战”/);
  assert.equal(await dialog.locator('tr.cmp-only').count(), c.topics.only.en.length + c.topics.only.zh.length);
  // What each says the other said: the Chinese report quotes Blinken's assurances; the English is silent.
  const said = await cells(dialog, 'What it says the other side said');
  assert.deepEqual(said, ['none', c.reports.find((r) => r.language === 'zh').other_side_said.join('\n')]);
  assert.match(said[1], /美方不寻求“新冷战”/);
  // Length: English words, Chinese characters and the normalised ratio, as the CLI counts them.
  assert.ok(c.length.en_words > 50 && c.length.zh_characters > 100);
  assert.deepEqual(await cells(dialog, 'Length'), [`${c.length.en_words} words`, `${c.length.zh_characters} Chinese characters`]);
  assert.match(await dialog.locator('tr.cmp-ratio').innerText(), new RegExp(`×${String(c.length.normalised).replace('.', '\\.')} as long`));
  // The characterisation words, each side's own.
  const [enChar, zhChar] = await cells(dialog, 'characterises');
  assert.match(enChar, /candid/);
  assert.match(zhChar, /坦诚/);
  // Framing side by side: the sensitive topics both sides speak of ("one China policy" vs 一个中国原则).
  const framed = c.framing.filter((f) => f.sides.en.length && f.sides.zh.length);
  assert.deepEqual(await dialog.locator('tr.cmp-framing th').allInnerTexts(), framed.map((f) => f.label));
  const tw = dialog.locator('tr.cmp-framing').filter({ hasText: 'Taiwan' });
  assert.match(await tw.locator('td').nth(0).innerText(), /one China policy/);
  assert.match(await tw.locator('td').nth(1).innerText(), /一个中国原则/);
  // Nothing from the articles became markup.
  assert.equal(await dialog.locator('img, script, iframe, a, svg').count(), 0);
  // The whole view for the README: a window tall enough that nothing is cut.
  const height = await dialog.evaluate((d) => d.scrollHeight);
  await page.setViewportSize({ width: 1360, height: Math.min(2400, height + 60) });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal(await dialog.evaluate((d) => d.scrollHeight <= d.clientHeight + 1), true, 'the view fits the window');
  await shot(page, 'compare');
  await page.setViewportSize({ width: 1360, height: 900 });

  // Copy as Markdown: the CLI's `--pretty` table.
  await dialog.locator('button[data-act="md"]').click();
  await page.waitForFunction(() => document.querySelector('.cmp-status').textContent === 'Copied');
  const md = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(md.trim(), cli('--pretty').trim());
  assert.match(md, /\| who asked \| not stated \| .*应约/);
  // Saved JSON and CSV: the CLI's comparison (reports in file order) and its CSV.
  const save = async (act) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), dialog.locator(`button[data-act="${act}"]`).click()]);
    return [dl.suggestedFilename(), readFileSync(await dl.path(), 'utf8')];
  };
  const [jsonName, json] = await save('json');
  assert.equal(jsonName, `readout-compare-${c.date}.json`);
  assert.deepEqual(JSON.parse(json).map(byFile), want.map(byFile));
  const [, csv] = await save('csv');
  assert.equal(csv.replace(/^\ufeff/, ''), cli('--csv'));

  // Escape closes the view and gives the keyboard back to the badge.
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('dialog.cmp-dialog').open);
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('cmp-badge')), true);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('axe-core finds no serious or critical violation in the view; the Chinese view has no English label', async () => {
  const { page, log } = await loaded();
  let dialog = await openFromBadge(page);
  assert.deepEqual(await axeViolations(page), [], 'the English view');
  await page.keyboard.press('Escape');
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.equal(await page.locator('#groups .cmp-badge').innerText(), '对比');
  dialog = await openFromBadge(page);
  assert.deepEqual(await dialog.locator('thead th').allInnerTexts(), ['要点', '英文通报', '中文通报']);
  assert.equal((await cells(dialog, '由谁提议'))[0], '未说明');
  // Topics under their Chinese labels, the sentences as they are.
  assert.match((await cells(dialog, '台湾'))[1], /恪守一个中国原则/);
  // The interface's own words in the view and on the badge: no English word but names of formats.
  const left = await page.evaluate(() => {
    const out = [];
    const check = (s, where) => {
      for (const w of String(s).split(/[\s,·:;()（）/|“”"—–…×]+/)) if (/[A-Za-z]{3,}/.test(w) && !/^(Markdown|JSON|CSV)$/.test(w)) out.push(`${where}: ${w}`);
    };
    const roots = [document.querySelector('dialog.cmp-dialog'), document.querySelector('#groups .cmp-badge')];
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!n.parentElement.closest('bdi')) check(n.textContent, n.parentElement.className || n.parentElement.tagName);
      for (const el of [root, ...root.querySelectorAll('[aria-label], [title]')]) for (const a of ['aria-label', 'title']) if (el.getAttribute(a)) check(el.getAttribute(a), a);
    }
    return out;
  });
  assert.deepEqual(left, []);
  assert.deepEqual(await axeViolations(page), [], 'the Chinese view');
  await shot(page, 'compare-zh');
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('a phone\'s width: the view is one column of cards, nothing wider than the screen', async () => {
  const { page, log } = await loaded();
  await page.setViewportSize({ width: 390, height: 844 });
  // The badge fits its card (the cards have one fixed height).
  const badge = page.locator('#groups .cmp-badge');
  await badge.scrollIntoViewIfNeeded();
  const [b, card] = [await badge.boundingBox(), await page.locator('#groups tbody.group:has(.cmp-badge) tr.g-row').boundingBox()];
  assert.ok(b.width > 0 && b.y >= card.y && b.y + b.height <= card.y + card.height && b.x + b.width <= 390, 'the badge is inside its card');
  await shot(page, 'compare-phone-table');
  const dialog = await openFromBadge(page);
  const fit = await dialog.evaluate((d) => ({
    overflow: d.scrollWidth - d.clientWidth,
    wide: [...d.querySelectorAll('td, th')].filter((el) => el.getBoundingClientRect().right > innerWidth + 1).length,
    sides: [...d.querySelectorAll('tr.cmp-asked td')].map((td) => getComputedStyle(td, '::before').content),
  }));
  assert.equal(fit.overflow, 0, 'no sideways scrolling');
  assert.equal(fit.wide, 0, 'no cell past the screen\'s edge');
  assert.deepEqual(fit.sides, ['"English readout"', '"Chinese readout"'], 'each side says its name');
  await shot(page, 'compare-phone');
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('the single file (dist/readout.html, from file://) shows the same comparison', async () => {
  const single = path.join(ROOT, 'dist/readout.html');
  assert.ok(existsSync(single), 'dist/readout.html is missing: run ./build.sh single first');
  const page = await ctx.browser.newPage();
  await page.addInitScript(() => {
    localStorage.setItem('readout.lang', 'en');
    localStorage.setItem('readout.view', 'groups');
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(pathToFileURL(single).href);
  await page.waitForFunction(() => globalThis.readout?.stats.initMs.length > 0, null, { timeout: 60000 });
  await dropFiles(page, files());
  await waitBatch(page);
  await page.locator('#groups .cmp-badge').waitFor();
  const dialog = await openFromBadge(page);
  assert.deepEqual(await cells(dialog, 'Length'), [`${want[0].length.en_words} words`, `${want[0].length.zh_characters} Chinese characters`]);
  assert.equal((await cells(dialog, 'Who asked'))[0], 'not stated');
  assert.deepEqual(errors, []);
  await page.close();
});
