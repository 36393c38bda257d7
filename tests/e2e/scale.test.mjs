// The page at scale: a 5 MB article opens without a long task; 8,000 files leave no main-thread task
// over 200 ms and the overview follows within 2 s of the last file; 1,000 files, measured.
// Tasks are measured twice: Chromium's long tasks (PerformanceObserver 'longtask': wall time of every
// task over 50 ms, whoever caused it) are printed; the assertion is on the same tasks' CPU time from
// Chromium's trace, because on a loaded machine the operating system deschedules the browser in the
// middle of a 10 ms task and the wall clock shows it as 900 ms. The thresholds are the issue's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withBrowser, openPage, stageFiles, dropStaged, waitBatch, shot } from './helpers.mjs';
import { readouts, longArticle, watchLongTasks, longest, traceTasks } from './gen.mjs';

const ctx = withBrowser();

async function open(query = '', view = 'groups') {
  const { page, log } = await openPage(ctx, { query, view });
  return { page, errors: log.errors };
}

const heap = (page) => page.evaluate(() => Math.round(performance.memory.usedJSHeapSize / 1048576));

test('a 5 MB article opens with no main-thread task over 200 ms, its whole text rendered in slices', async () => {
  // The analysis itself takes seconds in its worker: a generous budget.
  const { page, errors } = await open('?budget=600000');
  const big = longArticle(5);
  await stageFiles(page, [{ name: 'long.txt', mimeType: 'text/plain', buffer: big }]);
  await watchLongTasks(page);
  const stop = await traceTasks(page);
  const t0 = Date.now();
  await dropStaged(page);
  await waitBatch(page, 600000);
  const analyzed = Date.now() - t0;
  // After the batch its first row opens: this article. The whole text ends up in the DOM.
  const art = page.locator('#detail article[data-file="long.txt"]');
  await art.locator('.text p').first().waitFor({ timeout: 60000 });
  const firstScreen = Date.now() - t0;
  await page.locator('#detail article[data-file="long.txt"][data-ready]').waitFor({ timeout: 120000 });
  const all = Date.now() - t0;
  // Only what the checks need crosses to the test (sending the whole 25 MB report would itself hold the
  // page's thread for seconds).
  const report = await page.evaluate(async () => {
    const r = await readout.report(0);
    return { paragraphs: r.body.length, last: r.body.at(-1), entities: r.terms.entities.length, topic: r.topics[0].id, mention: r.topics[0].mentions[2] };
  });
  assert.equal(await art.locator('.text p').count(), report.paragraphs, 'every paragraph rendered');
  assert.equal(await art.locator('.text p').last().textContent(), report.last);
  // A topic's chip cycles through its mentions in the text.
  const chip = art.locator(`[data-field="topic"][data-value="${report.topic}"]`);
  for (let i = 0; i < 3; i++) await chip.click();
  const m = report.mention;
  await page.waitForFunction((want) => document.querySelector('#detail .text').dataset.evidence === want, `${m.start16}-${m.end16}`);
  await page.locator('#detail .text').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await page.waitForTimeout(500);
  const max = await longest(page);
  const tasks = await page.evaluate(() => __long.length);
  const trace = await stop();
  console.log(`5 MB article (${(big.length / 1048576).toFixed(1)} MB, ${report.paragraphs} paragraphs, ${report.entities} entities): analyzed in ${analyzed} ms, first screen at ${firstScreen} ms, whole text at ${all} ms; longest main-thread task ${max} ms wall (${tasks} over 50 ms), ${trace.cpu} ms CPU; JS heap ${await heap(page)} MB`);
  assert.ok(trace.cpu < 200, `longest main-thread task ${trace.cpu} ms of CPU (${trace.wall} ms wall)`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('8,000 files: no main-thread task over 200 ms, the overview within 2 s of the last file, exports at once', async () => {
  const { page, errors } = await open();
  const files = readouts(8000);
  await stageFiles(page, files);
  await watchLongTasks(page);
  const stop = await traceTasks(page);
  const t0 = Date.now();
  await dropStaged(page);
  await waitBatch(page, 30 * 60000);
  const wall = Date.now() - t0;
  await page.waitForFunction(() => readout.stats.overview?.reports === readout.state.totals.ok, null, { timeout: 60000, polling: 100 });
  const s = await page.evaluate(() => {
    const b = readout.state.batch;
    return { end: b.t0 + b.ms, overview: readout.stats.overview.at, ok: readout.state.totals.ok, groups: readout.coll.groups.size,
      runs: readout.stats.collectRuns, collectMs: readout.stats.collectMs.at(-1), mainMax: readout.stats.mainMaxMs, workers: readout.pool.slots.length };
  });
  const lag = s.overview - s.end;
  assert.equal(s.ok, 8000);
  assert.ok(s.groups > 7000, `${s.groups} distinct contacts`);
  // The timeline and both tables are windowed: a few dozen rows in the DOM, whatever the batch.
  assert.ok(await page.locator('#groups tbody.group').count() < 200);
  assert.ok(await page.locator('#timeline li.tl-item').count() < 100);
  await page.locator('#groups-wrap').evaluate((el) => { el.scrollTop = el.scrollHeight / 2; });
  await page.waitForTimeout(200);
  assert.ok(await page.locator('#groups tbody.group').count() > 5, 'rows in the middle of the table');
  await page.evaluate(() => scrollTo(0, 0));
  await shot(page, 'batch-8000');
  // Exports are Blob parts of what the workers wrote: no task of their own.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('.export button[data-format="json"]')]);
  const json = JSON.parse(await (await import('node:fs')).promises.readFile(await dl.path(), 'utf8'));
  assert.equal(json.length, 8000);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('.export button[data-format="csv"]')]);
  const csvLines = (await (await import('node:fs')).promises.readFile(await csv.path(), 'utf8')).trim().split('\r\n').length;
  assert.ok(csvLines > 8000, `${csvLines} CSV lines`);
  await page.waitForTimeout(300);
  const max = await longest(page);
  const trace = await stop();
  console.log(`8,000 files: ${wall} ms (${Math.round(8000 / (wall / 1000))} files/s, ${s.workers} workers), ${s.groups} groups; overview ${Math.round(lag)} ms after the last file (${s.runs} snapshots, the last ${Math.round(s.collectMs)} ms in its worker); longest main-thread task ${max} ms wall, ${trace.cpu} ms CPU (the page's own code: ${Math.round(s.mainMax)} ms wall); JSON export ${(json.length)} reports; JS heap ${await heap(page)} MB`);
  assert.ok(lag < 2000, `the overview followed ${Math.round(lag)} ms after the last file`);
  assert.ok(trace.cpu < 200, `longest main-thread task ${trace.cpu} ms of CPU (${trace.wall} ms wall)`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('1,000 files dropped: the time until all are shown, measured', async () => {
  for (const query of ['', '?workers=2']) {
    const { page, errors } = await open(query);
    await stageFiles(page, readouts(1000, 'thousand'));
    await watchLongTasks(page);
    const t0 = await page.evaluate(() => performance.now());
    await dropStaged(page);
    await waitBatch(page, 10 * 60000);
    await page.waitForFunction(() => readout.stats.overview?.reports === readout.state.totals.ok, null, { timeout: 60000, polling: 50 });
    const s = await page.evaluate((t0) => ({ batch: readout.state.batch.t0 + readout.state.batch.ms - t0, shown: readout.stats.overview.at - t0, workers: readout.pool.slots.length }), t0);
    const per = await page.evaluate(() => readout.stats.files.map((f) => f.ms).sort((a, b) => a - b));
    console.log(`1,000 files${query}: all analyzed at ${Math.round(s.batch)} ms, shown with the overview at ${Math.round(s.shown)} ms (${s.workers} workers, per file median ${per[500].toFixed(1)} ms, p95 ${per[950].toFixed(1)} ms); longest main-thread task ${await longest(page)} ms; JS heap ${await heap(page)} MB`);
    assert.equal(await page.evaluate(() => readout.state.totals.ok), 1000);
    assert.deepEqual(errors, []);
    await page.close();
  }
});
