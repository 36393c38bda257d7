// Hostile or unlucky input on the page: a file the analyzer runs out of memory on, file names with
// invisible and direction-changing characters, article text that would reorder the interface, and a
// long article in a batch (never opened by itself while the batch runs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage, seedFiles, dropFiles, waitBatch, shot } from './helpers.mjs';
import { longArticle } from './gen.mjs';

const ctx = withBrowser();

async function open(query = '', view = 'files') {
  const { page, log } = await openPage(ctx, { query, view });
  return { page, errors: log.errors };
}

test('a file the analyzer runs out of memory on is reported as out_of_memory, with its name and size', async () => {
  // The wasm heap an analysis may use is capped (?memoryMb) a little above what the analyzer holds once
  // warm, so a 3 MB article runs out of memory exactly as a huge one would without the cap.
  let { page } = await open();
  await dropFiles(page, seedFiles().slice(0, 1));
  await waitBatch(page);
  const base = await page.evaluate(() => readout.stats.heapBytes);
  assert.ok(base > 0, 'the worker reports its heap');
  await page.close();
  const limit = Math.ceil(base / 1048576) + 8;
  ({ page } = await open(`?memoryMb=${limit}&budget=120000&workers=1`));
  const big = longArticle(3);
  await dropFiles(page, [{ name: 'huge article.txt', mimeType: 'text/plain', buffer: big }, seedFiles()[1]]);
  await waitBatch(page, 120000);
  const items = await page.evaluate(() => readout.state.items.map((i) => [i.name, i.status, i.error]));
  assert.equal(items[0][1], 'error');
  assert.equal(items[0][2].kind, 'out_of_memory');
  assert.match(items[0][2].message, /^huge article\.txt \(3\.0 MB\): .*out of memory/);
  assert.doesNotMatch(items[0][2].message, /unreachable|RuntimeError/);
  assert.equal(items[1][1], 'ok', 'the worker was replaced and the batch went on');
  await page.click('#results tbody[data-file="huge article.txt"] button.link');
  assert.match(await page.textContent('#detail .error-box'), /out_of_memory.*huge article\.txt \(3\.0 MB\)/);
  console.log(`out of memory: heap ${(base / 1048576).toFixed(1)} MB once warm, capped at ${limit} MB: ${items[0][2].message}`);
  await page.close();
});

test('file names show their invisible characters; article text never reorders the interface', async () => {
  const { page, errors } = await open();
  const [a, b] = seedFiles();
  const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0, 1, 2, 3, 0, 0, 255, 254, 0, 0, 7]);
  await dropFiles(page, [
    { ...a, name: 'file\u202Etxt.exe.md' },
    { ...b, name: 'zero\u200Bwidth\u200D.txt' },
    { name: 'photo\u202Egnp.exe', mimeType: 'application/octet-stream', buffer: binary },
  ]);
  await waitBatch(page);
  const shown = await page.locator('#results tbody .c-file .fname').evaluateAll((els) => els.map((e) => e.textContent));
  assert.deepEqual(shown, ['file⟨RLO⟩txt.exe.md', 'zero⟨ZWSP⟩width⟨ZWJ⟩.txt', 'photo⟨RLO⟩gnp.exe']);
  // The marks are separate, styled spans; the name is isolated from what surrounds it.
  assert.equal(await page.locator('#results tbody .fname .invis').count(), 4);
  assert.equal(await page.locator('#results tbody .fname').first().evaluate((e) => getComputedStyle(e).unicodeBidi), 'isolate');
  // The failed file's card names it the same way.
  await page.click('#results tbody[data-seq="3"] button.link');
  assert.equal(await page.locator('#detail .article-title').textContent(), 'photo⟨RLO⟩gnp.exe');
  // Error messages name the file the same way (a raw override would reverse the message).
  assert.match(await page.locator('#detail .error-box').textContent(), /photo⟨RLO⟩gnp\.exe/);
  assert.match(await page.locator('#results tbody[data-seq="3"] .c-msg').textContent(), /photo⟨RLO⟩gnp\.exe/);

  // Text with a right-to-left override: each paragraph is its own bidi paragraph, and table cells,
  // titles and names are isolated, so nothing outside the text is reordered.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/plain', '王毅同智利外长阿拉芒通电话\n2021年10月13日，国务委员兼外长王毅同智利外长阿拉芒通电话。\u202E双方同意加强合作\n王毅说，中智关系走在前列。');
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await waitBatch(page);
  await page.click('#results tbody[data-seq="4"] button.link');
  const art = page.locator('#detail article[data-ready]');
  await art.waitFor();
  const paras = art.locator('.text p');
  assert.ok((await paras.evaluateAll((ps) => ps.map((p) => p.textContent))).some((t) => t.includes('\u202E')), 'the text is kept as written');
  assert.deepEqual(await paras.evaluateAll((ps) => [...new Set(ps.map((p) => getComputedStyle(p).unicodeBidi))]), ['plaintext']);
  // The paragraph after the override starts where a left-to-right paragraph starts.
  const [lead, next] = await paras.evaluateAll((ps) => ps.slice(-2).map((p) => {
    const r = document.createRange();
    r.setStart(p.firstChild, 0);
    r.setEnd(p.firstChild, 1);
    return Math.round(r.getBoundingClientRect().left - p.getBoundingClientRect().left);
  }));
  assert.ok(next <= 2, `the next paragraph starts at the left (${next} px; the overridden one ${lead} px)`);
  for (const sel of ['#results tbody .c-title bdi', '#detail .article-title bdi', '#detail .statement button.field bdi']) {
    const n = await page.locator(sel).count();
    if (n) assert.equal(await page.locator(sel).first().evaluate((e) => getComputedStyle(e).unicodeBidi), 'isolate', sel);
  }
  await shot(page, 'invisible-names');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a long article in a batch is never opened by itself while the batch runs; then the first row opens', async () => {
  const { page } = await open('?workers=1&budget=120000', 'groups');
  await page.evaluate(() => {
    globalThis.__opened = [];
    new MutationObserver(() => {
      const name = document.querySelector('#detail article')?.dataset.file;
      const b = readout.state.batch;
      if (name && name !== __opened.at(-1)?.[0]) __opened.push([name, !!b && b.done < b.total]);
    }).observe(document.querySelector('#detail'), { childList: true, subtree: true });
  });
  // Over 200 KB of text, first in line: it is analyzed first, while the batch runs.
  const long = { name: 'long.txt', mimeType: 'text/plain', buffer: longArticle(0.75) };
  await dropFiles(page, [long, ...seedFiles()]);
  await waitBatch(page, 120000);
  await page.waitForFunction(() => !readout.state.openFirstRow && readout.coll.reports === 6, null, { timeout: 30000 });
  const opened = await page.evaluate(() => __opened);
  assert.ok(opened.length > 0, 'an article opened by itself');
  assert.deepEqual(opened.filter(([name, during]) => during && name === 'long.txt'), [], `opened during the batch: ${JSON.stringify(opened)}`);
  // After the batch: the first row of the table (the earliest contact), not the first file dropped.
  const first = await page.evaluate(() => {
    const g = readout.coll.groups.get(readout.coll.order[0]);
    return readout.state.bySeq.get(g.rep[0]).name;
  });
  assert.equal(await page.locator('#detail article').getAttribute('data-file'), first);
  assert.equal(await page.locator('#groups tbody.group').first().locator('.c-date').textContent(),
    await page.evaluate(() => readout.coll.groups.get(readout.coll.order[0]).date));
  await page.close();
});
