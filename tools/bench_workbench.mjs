// A browser benchmark of the workbench (issue #12), not a test: with N generated readouts loaded (5,000
// distinct contacts by default), the time from a filter change to the next frame painted, and the frame
// rate while the grouped table scrolls. Writes nothing (the browser profile lives under target/e2e/).
//
//   node tools/bench_workbench.mjs [--files N] [--repeats N]
import { withBrowser, openPage, stageFiles, dropStaged, waitBatch } from '../tests/e2e/helpers.mjs';
import { readouts } from '../tests/e2e/gen.mjs';
import { test } from 'node:test';

const opt = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const FILES = opt('--files', 5000);
const REPEATS = opt('--repeats', 5);
const ctx = withBrowser();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

test(`workbench with ${FILES} generated contacts`, { timeout: 900000 }, async () => {
  const { page } = await openPage(ctx, { view: 'groups' });
  // Every generated readout is its own contact (its own date, counterpart and number).
  await stageFiles(page, readouts(FILES));
  const t0 = Date.now();
  await dropStaged(page);
  await waitBatch(page, 600000);
  await page.waitForFunction(() => readout.coll.reports === readout.state.items.length && !readout.collection.asked && !readout.collection.dirty, null, { timeout: 600000 });
  console.log(`loaded ${FILES} files in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${await page.evaluate(() => readout.coll.groups.size)} contacts`);

  /** Run `steps` in the page ([kind, arg]: click a selector, find text, set the from date); the time
   * until the frame after them has been painted (the page's CSP forbids evaluating strings). */
  // The renderer's main-thread CPU time (CDP Performance.getMetrics `ThreadTime`) over each change as
  // well: on a loaded machine the wall time waits for a core, the CPU time says what the page costs.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const cpu = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value * 1000;
  const timed = async (steps) => {
    const c0 = await cpu();
    const r = await timedWall(steps);
    return { ...r, cpu: (await cpu()) - c0 };
  };
  const timedWall = (steps) => page.evaluate(async (steps) => {
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    const t0 = performance.now();
    readout.stats.mainMaxMs = 0;
    for (const [kind, arg] of steps) {
      if (kind === 'click') document.querySelector(arg).click();
      else if (kind === 'find') {
        const f = document.querySelector('#find');
        f.value = arg;
        f.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
      } else if (kind === 'from') {
        const d = document.querySelector('#date-from');
        d.value = arg;
        d.dispatchEvent(new Event('change'));
      }
    }
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    return { ms: performance.now() - t0, longest: readout.stats.mainMaxMs };
  }, steps);
  const click = (sel) => [['click', sel]];
  const find = (q) => [['find', q]];
  const rows = [];
  const row = async (name, on, off) => {
    const a = [];
    const b = [];
    const c = [];
    for (let r = 0; r < REPEATS; r++) {
      const x = await timed(on);
      a.push(x.ms);
      c.push(x.cpu);
      if (off) b.push((await timed(off)).ms);
    }
    rows.push([name, median(a), Math.max(...a), off ? median(b) : null, median(c)]);
  };
  // The first search reads every file's text once: measured alone.
  const first = await timed(find('卡斯特罗'));
  await page.waitForFunction(() => readout.corpus.complete);
  const firstDone = await page.evaluate(() => performance.now());
  await timed(click('#clear-filter'));
  await row('country (a bar)', click('#by-counterpart button.cbar'), click('#clear-filter'));
  await row('kind (a bar)', click('#by-kind button.cbar'), click('#clear-filter'));
  await row('country + kind', [...click('#by-counterpart button.cbar'), ...click('#by-kind button.cbar')], click('#clear-filter'));
  await row('free text "卡斯特罗"', find('卡斯特罗'), click('#clear-filter'));
  await row('date from 2015-01-01', [['from', '2015-01-01']], click('#clear-filter'));
  await row('sort by date', click('#groups th[data-sort="date"] button'), null);
  await row('sort by counterpart', click('#groups th[data-sort="counterpart"] button'), null);
  console.log(`first search (reads ${FILES} texts): ${first.ms.toFixed(0)} ms to the first frame, texts all read ${(firstDone).toFixed(0)} ms after page start`);
  console.log('| change | median ms to next frame | max | clearing it, median | main-thread CPU ms, median |');
  console.log('|---|---|---|---|---|');
  for (const [n, med, max, off, c] of rows) console.log(`| ${n} | ${med.toFixed(1)} | ${max.toFixed(1)} | ${off == null ? '' : off.toFixed(1)} | ${c.toFixed(1)} |`);

  // Scrolling: the grouped table moved by 120 px every frame for 3 s; frames counted.
  const fps = await page.evaluate(async () => {
    const wrap = document.querySelector('#groups-wrap');
    wrap.scrollIntoView();
    const gaps = [];
    let last = performance.now();
    const end = last + 3000;
    await new Promise((done) => {
      const step = (now) => {
        gaps.push(now - last);
        last = now;
        wrap.scrollTop += 120;
        if (now < end) requestAnimationFrame(step); else done();
      };
      requestAnimationFrame(step);
    });
    gaps.sort((a, b) => a - b);
    return { frames: gaps.length, fps: gaps.length / 3, p50: gaps[gaps.length >> 1], p95: gaps[Math.floor(gaps.length * 0.95)], max: gaps.at(-1), rows: document.querySelectorAll('#groups tbody[data-i]').length };
  });
  console.log(`scrolling the grouped table: ${fps.fps.toFixed(1)} frames/s, frame gap median ${fps.p50.toFixed(1)} ms, p95 ${fps.p95.toFixed(1)} ms, max ${fps.max.toFixed(1)} ms; ${fps.rows} row blocks in the DOM`);
  await page.close();
});

