// The workbench across many files: find with keyword in context, filters that combine (table, overview
// and exports follow them, the address keeps them), sorting, identical files counted once, a new
// session, the keyboard, the Chinese interface, and axe-core's accessibility rules.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { withBrowser, openPage, seedFiles, seedNames, cliReports, dropFiles, waitBatch, shot, SEEDS_DIR, OUT, ROOT } from './helpers.mjs';
import { readouts } from './gen.mjs';

const ctx = withBrowser();
let cli;
before(() => {
  cli = cliReports(seedNames().map((n) => path.join(SEEDS_DIR, n)));
});

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Seeds and generated readouts, analyzed, with the collection's answer drawn. */
async function loaded(files, view = 'groups', query = '') {
  const { page, log } = await openPage(ctx, { view, query });
  await dropFiles(page, files);
  await waitBatch(page);
  await settle(page);
  return { page, log };
}

/** The collection has answered for every file and two frames have drawn it. */
async function settle(page) {
  await page.waitForFunction(() => readout.coll.reports === readout.state.items.filter((i) => i.status === 'ok').length && !readout.collection.asked && !readout.collection.dirty);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r)))));
}

async function download(page, format) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`.export button[data-format="${format}"]`)]);
  return readFileSync(await dl.path(), 'utf8');
}

function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let q = false;
  text = text.replace(/^\ufeff/, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') q = false; else cell += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n') { row.push(cell.replace(/\r$/, '')); rows.push(row); row = []; cell = ''; } else cell += c;
  }
  return rows;
}

const count = (hay, needle) => {
  let n = 0;
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) n++;
  return n;
};

test('find: a name gives exactly its occurrences across files, each line opens its article at that spot', async () => {
  const gen = readouts(12, 'gen');
  // The CLI's reports of the generated files too (written under target/ for it).
  const dir = path.join(OUT, 'find-gen');
  mkdirSync(path.join(dir, 'gen'), { recursive: true });
  for (const f of gen) writeFileSync(path.join(dir, f.name), f.buffer);
  const genCli = cliReports(gen.map((f) => path.join(dir, f.name)));
  const { page, log } = await loaded([...seedFiles(), ...gen]);
  // The name of the Chilean foreign minister of seed 000 and a name the generated files share.
  for (const q of ['阿拉芒', '王毅', '贝尔纳']) {
    await page.fill('#find', q);
    await page.press('#find', 'Enter');
    await page.waitForFunction((q) => document.querySelector(`#kwic ol[data-kwic="${q}"]`), q);
    // Expected: occurrences in each file's clean text, from the CLI's reports and the generated texts.
    const want = new Map();
    for (const n of seedNames()) want.set(n, count(cli.get(n).body.join('\n'), q));
    for (const f of gen) want.set(f.name, count(genCli.get(path.basename(f.name)).body.join('\n'), q));
    const got = await page.locator('#kwic .kwic-list li').evaluateAll((els) => els.map((e) => [e.dataset.file, e.querySelector('.kwic-term').textContent]));
    const total = [...want.values()].reduce((a, b) => a + b, 0);
    assert.ok(total > 0, `${q} occurs somewhere`);
    assert.equal(got.length, total, `${q}: one line per occurrence`);
    assert.ok(got.every(([, term]) => term === q));
    const per = new Map();
    for (const [f] of got) per.set(f, (per.get(f) || 0) + 1);
    for (const [f, n] of want) assert.equal(per.get(f) || 0, n, `${q} in ${f}`);
    // The term view counts the same occurrences per month and per counterpart.
    const perMonth = await page.locator('#kwic .tv-month li').evaluateAll((els) => els.map((e) => +e.dataset.n));
    assert.equal(perMonth.reduce((a, b) => a + b, 0), total, `${q}: occurrences per month add up`);
    assert.ok(await page.locator('#kwic .tv-cp li').count() >= 1);
    // The term is centred: context on both sides where the text has it.
    const ctx1 = await page.locator('#kwic .kwic-list li').first().evaluate((li) => [li.querySelector('.kwic-left').textContent.length, li.querySelector('.kwic-right').textContent.length]);
    assert.ok(ctx1[0] + ctx1[1] > 10);
  }
  // A line opens its article with the occurrence shown in the text.
  const line = page.locator('#kwic .kwic-list li').nth(2);
  const [file, start] = await line.evaluate((li) => [li.dataset.file, +li.dataset.start]);
  await line.locator('button').click();
  const art = page.locator(`#detail article[data-file="${file}"]`);
  await art.waitFor();
  await page.waitForFunction((s) => document.querySelector('#text')?.dataset.evidence?.startsWith(`${s}-`), start);
  assert.equal(await page.locator('#text').getAttribute('data-evidence-text'), '贝尔纳');
  // A highlighted term offers the same list for itself.
  const mark = page.locator('#text mark.hl-people').first();
  const term = await mark.textContent();
  await mark.click();
  await page.waitForFunction((q) => document.querySelector(`#kwic ol[data-kwic="${q}"] li`), term);
  await page.locator('#kwic').scrollIntoViewIfNeeded();
  await shot(page, 'find-kwic');
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('combined filters narrow the table, the overview and the CSV to the same contacts; the address keeps them', async () => {
  // Generated readouts where a country's contacts are of more than one kind (every second block of
  // twenty has its phone calls as talks), so that a country and a kind each narrow the other.
  const gen = readouts(60, 'gen').map((f, i) => (Math.floor(i / 20) % 2 ? { ...f, buffer: Buffer.from(f.buffer.toString('utf8').replaceAll('通电话', '举行会谈')) } : f));
  const { page, log } = await loaded([...seedFiles(), ...gen]);
  // Expected from each file's own contacts: a country (France, 法国) and a kind (phone call) together.
  const events = await page.evaluate(() => readout.state.items.flatMap((it) => (it.summary?.events || []).map((e, k) => ({ file: it.name, k, e }))));
  const fr = events.filter(({ e }) => e.counterparts.some((p) => p.country === 'FR'));
  const want = fr.filter(({ e }) => e.kind === 'phone_call').map(({ file, k }) => `${file}#${k + 1}`).sort();
  assert.ok(want.length >= 2 && want.length < fr.length, 'France has phone calls and other contacts');
  assert.ok(events.filter(({ e }) => e.kind === 'phone_call').length > want.length, 'other countries have phone calls');
  // France is not among the top bars: "… and N more" shows every counterpart.
  await page.click('#by-counterpart .more-btn');
  await page.click('#by-counterpart button.cbar[data-key="country:FR"]');
  await page.click('#by-kind button.cbar[data-key="phone_call"]');
  await settle(page);
  // Both apply: chips for each, the table's contacts, the timeline, the bars and the CSV agree.
  assert.deepEqual(await page.locator('#chips li').evaluateAll((els) => els.map((e) => e.dataset.field)), ['country', 'kind']);
  const groups = page.locator('#groups tbody.group');
  assert.equal(await groups.count(), want.length);
  for (const t of await groups.locator('.c-cp').allTextContents()) assert.match(t, /France/);
  for (const t of await groups.locator('.c-kind').allTextContents()) assert.match(t, /Phone call/);
  assert.equal(await page.locator('#timeline li.tl-item').count(), want.length);
  assert.equal(await page.locator('#by-kind button.cbar').count(), 1);
  assert.equal(await page.locator('#by-kind button.cbar').getAttribute('data-groups'), String(want.length));
  assert.equal(await page.locator('#by-counterpart button.cbar[data-key="country:FR"]').getAttribute('data-groups'), String(want.length));
  assert.match(await page.locator('#overview-counts').textContent(), new RegExp(`^${want.length} files · ${want.length} contacts`));
  const [head, ...body] = parseCsv(await download(page, 'csv'));
  assert.deepEqual(body.map((r) => `${r[head.indexOf('File')]}#${r[head.indexOf('Contact no.')]}`).sort(), want);
  const jsonl = (await download(page, 'jsonl')).trim().split('\n').map((l) => JSON.parse(l).file).sort();
  assert.deepEqual(jsonl, [...new Set(want.map((w) => w.split('#')[0]))].sort());
  // The per-file view follows too.
  await page.click('.seg button[data-view="files"]');
  assert.equal(await page.locator('#results tbody[data-seq]').count(), want.length);
  await page.click('.seg button[data-view="groups"]');

  // A date range narrows further; free text too; a chip removed widens again.
  const dates = (await groups.locator('.c-date').allTextContents()).sort();
  await page.fill('#date-from', dates[1]);
  await page.dispatchEvent('#date-from', 'change');
  assert.equal(await groups.count(), dates.filter((d) => d >= dates[1]).length);
  await page.waitForFunction(() => /from=/.test(location.hash));
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /country=country%3AFR/);
  assert.match(hash, /kind=phone_call/);
  assert.match(hash, /from=/);
  await shot(page, 'filtered-overview');
  await page.locator('#chips li[data-field="from"] button').click();
  assert.equal(await groups.count(), want.length);

  // The address reopens the view: same files, same chips, same rows.
  await page.waitForFunction(() => !/from=/.test(location.hash));
  const url = await page.evaluate(() => location.href);
  const again = await openPage(ctx, { view: 'groups', query: url.slice(url.indexOf('?') >= 0 ? url.indexOf('?') : url.indexOf('#')) });
  await dropFiles(again.page, [...seedFiles(), ...gen]);
  await waitBatch(again.page);
  await settle(again.page);
  assert.deepEqual(await again.page.locator('#chips li').evaluateAll((els) => els.map((e) => e.dataset.field)), ['country', 'kind']);
  assert.equal(await again.page.locator('#groups tbody.group').count(), want.length);
  await again.page.close();

  // Every counterpart is reachable: the type-ahead adds one outside the top bars.
  await page.click('#clear-filter');
  const rare = await page.evaluate(() => readout.coll.counts.by_counterpart.at(-1));
  await page.click('#pick');
  await page.fill('#pick', rare.label.slice(0, 2));
  await page.press('#pick', 'Enter');
  await settle(page);
  assert.deepEqual(await page.locator('#chips li').evaluateAll((els) => els.map((e) => e.dataset.value)), [rare.key]);
  assert.equal(await groups.count(), rare.groups);
  // The bars' "… and N more" showed them all.
  await page.click('#clear-filter');
  assert.equal(await page.locator('#by-counterpart button.cbar').count(), await page.evaluate(() => readout.coll.counts.by_counterpart.length));
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('the timeline by month: a drag or the keyboard picks a date range that filters; undated contacts counted apart', async () => {
  const undated = { name: 'undated.txt', mimeType: 'text/plain', buffer: Buffer.from('王毅同法国外长贝尔纳通电话\n3月15日，国务委员兼外长王毅同法国外长贝尔纳通电话。\n王毅表示，中方愿同法方一道推动双边关系发展。\n') };
  const { page, log } = await loaded([...seedFiles(), undated]);
  const dates = seedNames().flatMap((n) => cli.get(n).events.map((e) => e.date)).filter(Boolean).sort();
  const months = await page.locator('#tl-chart .mbar').evaluateAll((els) => els.map((e) => [e.dataset.month, +e.dataset.n]));
  // One bar per month from the first contact to the last, each counting that month's contacts.
  assert.equal(months[0][0], dates[0].slice(0, 7));
  assert.equal(months.at(-1)[0], dates.at(-1).slice(0, 7));
  for (const [m, n] of months) assert.equal(n, dates.filter((d) => d.startsWith(m)).length, m);
  assert.match(await page.locator('#tl-chart .undated').textContent(), /^1 undated/);
  assert.ok(await page.locator('#tl-chart .mlegend li').count() >= 1, 'a legend names the kinds');
  // Drag from the first month to the seventh.
  const a = await page.locator('#tl-chart .mbar').nth(0).boundingBox();
  const b = await page.locator('#tl-chart .mbar').nth(6).boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
  await settle(page);
  const [from, to] = [`${months[0][0]}-01`, months[6][0]];
  const inRange = dates.filter((d) => d >= from && d.slice(0, 7) <= to);
  assert.deepEqual((await page.locator('#groups tbody.group .c-date').allTextContents()).sort(), inRange);
  assert.equal(await page.inputValue('#date-from'), from);
  assert.match(await page.inputValue('#date-to'), new RegExp(`^${to}-\\d\\d$`));
  assert.equal(await page.locator('#timeline li.tl-item').count(), inRange.length);
  const [, ...csv] = parseCsv(await download(page, 'csv'));
  assert.equal(csv.length, inRange.length);
  // The chart still shows every month, the range marked.
  assert.equal(await page.locator('#tl-chart .mbar').count(), months.length);
  assert.equal(await page.locator('#tl-chart .mbar.in').count(), 7);
  await shot(page, 'timeline-chart');
  // Keyboard: Escape drops the range; End, Shift+← twice and Enter pick the last three months.
  await page.focus('#tl-chart .mplot');
  await page.keyboard.press('Escape');
  await settle(page);
  assert.equal(await page.locator('#groups tbody.group').count(), dates.length + 1);
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Enter');
  await settle(page);
  const last3 = months.slice(-3).map(([m]) => m);
  assert.deepEqual((await page.locator('#groups tbody.group .c-date').allTextContents()).sort(), dates.filter((d) => last3.includes(d.slice(0, 7))));
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('every column sorts; dates in order, undated last, both ways', async () => {
  const { page, log } = await loaded([...seedFiles(), ...readouts(24, 'gen')]);
  const th = (col) => page.locator(`#groups th[data-sort="${col}"] button`);
  const dates = () => page.locator('#groups tbody.group .c-date').allTextContents();
  await th('date').click();
  assert.equal(await page.locator('#groups th[data-sort="date"]').getAttribute('aria-sort'), 'ascending');
  let d = await dates();
  const dated = d.filter(Boolean);
  assert.deepEqual(dated, [...dated].sort());
  assert.deepEqual(d, [...dated, ...d.filter((x) => !x)], 'undated last');
  await th('date').click();
  assert.equal(await page.locator('#groups th[data-sort="date"]').getAttribute('aria-sort'), 'descending');
  d = (await dates()).filter(Boolean);
  assert.deepEqual(d, [...d].sort().reverse());
  await page.waitForFunction(() => /sort=date-/.test(location.hash));
  // Counterpart and kind sort too (by the words shown).
  await th('counterpart').click();
  const cps = await page.locator('#groups tbody.group .c-cp').allTextContents();
  const coll = new Intl.Collator(['zh-Hans-CN', 'en'], { numeric: true });
  assert.deepEqual(cps, [...cps].sort(coll.compare));
  await th('kind').click();
  const kinds = await page.locator('#groups tbody.group .c-kind .kind').allTextContents();
  assert.deepEqual(kinds, [...kinds].sort(coll.compare));
  // The per-file view sorts by date as well.
  await page.click('.seg button[data-view="files"]');
  await page.locator('#results th[data-sort="date"] button').click();
  const fd = (await page.locator('#results tbody[data-seq] tr:first-child .c-date').allTextContents()).filter(Boolean);
  assert.deepEqual(fd, [...fd].sort());
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('identical files count once, with a note; "New session" empties the set', async () => {
  const once = seedFiles();
  const { page, log } = await loaded([...once, ...once.map((f) => ({ ...f, name: `again-${f.name}` }))]);
  const contacts = seedNames().reduce((n, s) => n + cli.get(s).events.length, 0);
  assert.equal(await page.evaluate(() => readout.state.items.length), once.length, 'each distinct file analyzed once');
  assert.match(await page.locator('#overview-counts').textContent(), new RegExp(`^${once.length} files · ${contacts} contacts`));
  assert.match(await page.locator('#dups summary').textContent(), new RegExp(`${once.length} identical files counted once`));
  assert.deepEqual(await page.locator('#groups tbody.group').evaluateAll((els) => els.map((e) => e.dataset.files)), Array(contacts).fill('1'));
  // Dropped again later: still once.
  await dropFiles(page, [once[0]]);
  await page.waitForFunction(() => readout.state.duplicates.length === 6);
  const [, ...csv] = parseCsv(await download(page, 'csv'));
  assert.equal(new Set(csv.map((r) => r[0])).size, once.length);

  await page.click('#new-session');
  assert.equal(await page.locator('#empty').isVisible(), true);
  assert.equal(await page.evaluate(() => readout.state.items.length), 0);
  await dropFiles(page, [once[1]]);
  await waitBatch(page);
  await settle(page);
  assert.match(await page.locator('#overview-counts').textContent(), /^1 file · 1 contact/);
  assert.equal(await page.locator('#dups').isHidden(), true);
  assert.equal(await page.locator('#groups tbody.group').count(), 1);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('a correction shows on the card, in the table and every export, survives a reload; a file can be dropped; the session travels as one file', async () => {
  const { page, log } = await openPage(ctx, { view: 'groups' });
  // The store is shared by this file's tests: start from an empty one.
  await dropFiles(page, seedFiles().slice(0, 1));
  await waitBatch(page);
  await page.click('#new-session');
  await dropFiles(page, seedFiles());
  await waitBatch(page);
  await settle(page);
  const name = seedNames().find((n) => cli.get(n).events.length && cli.get(n).events[0].date);
  const was = cli.get(name).events[0];
  const openIt = async (p) => {
    await p.evaluate((n) => readout.state.items.find((i) => i.name === n) && document.querySelector('.seg button[data-view="files"]').click(), name);
    await p.click(`#results tbody[data-file="${name}"] button.link`);
    await p.locator(`#detail article[data-file="${name}"][data-ready]`).waitFor();
    await p.click('.seg button[data-view="groups"]');
  };
  await openIt(page);
  await page.click('#detail .event[data-event="0"] .correct-btn');
  await page.fill('#detail .cf input[name="date"]', '2019-05-17');
  await page.selectOption('#detail .cf select[name="kind"]', 'meeting');
  await page.click('#detail .cf .cf-save');
  await settle(page);
  // The card says so, with the original values.
  const note = page.locator('#detail .event[data-event="0"] .corrected-note');
  await note.waitFor();
  assert.match(await note.textContent(), new RegExp(`corrected.*Date ${was.date}.*Kind ${was.kind}`));
  // The table groups by the corrected contact; the CSV and the JSON Lines carry it, marked.
  assert.ok((await page.locator('#groups tbody.group .c-date').allTextContents()).includes('2019-05-17'));
  const [head, ...rows] = parseCsv(await download(page, 'csv'));
  const row = rows.find((r) => r[0] === name && r[head.indexOf('Contact no.')] === '1');
  assert.equal(row[head.indexOf('Date')], '2019-05-17');
  assert.equal(row[head.indexOf('Kind')], 'Meeting');
  assert.equal(row[head.indexOf('Corrected')], 'yes');
  const rep = (await download(page, 'jsonl')).trim().split('\n').map((l) => JSON.parse(l)).find((r) => r.file === name);
  assert.equal(rep.events[0].date, '2019-05-17');
  assert.equal(rep.events[0].corrected, true);
  assert.deepEqual(rep.events[0].original, { date: was.date, kind: was.kind });

  // A reload: the session is offered back, and the correction with it.
  await page.waitForFunction(() => !readout.store.pending.length && !readout.store.timer);
  await page.reload();
  await page.waitForFunction(() => globalThis.readout?.stats.initMs.length > 0);
  const restore = page.locator('#restore');
  await restore.waitFor();
  assert.equal(await restore.getAttribute('data-n'), String(seedNames().length));
  await restore.click();
  await waitBatch(page);
  await settle(page);
  assert.ok((await page.locator('#groups tbody.group .c-date').allTextContents()).includes('2019-05-17'));
  await openIt(page);
  await page.locator('#detail .event[data-event="0"] .corrected-note').waitFor();

  // The session as one file, opened in a new session: same files, same correction.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#session-save')]);
  const file = await dl.path();
  await page.click('#new-session');
  await page.setInputFiles('#session-input', file);
  await waitBatch(page);
  await settle(page);
  assert.equal(await page.evaluate(() => readout.state.items.length), seedNames().length);
  assert.ok((await page.locator('#groups tbody.group .c-date').allTextContents()).includes('2019-05-17'));

  // Dropping a file takes it and its contacts out of the set.
  const before = await page.locator('#groups tbody.group').count();
  await openIt(page);
  await page.click('#drop-file');
  await settle(page);
  assert.equal(await page.evaluate(() => readout.state.items.length), seedNames().length - 1);
  assert.equal(await page.locator('#groups tbody.group').count(), before - cli.get(name).events.length);
  assert.match(await page.locator('#overview-counts').textContent(), new RegExp(`^${seedNames().length - 1} files`));
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('groups by hand: a report split off and two contacts merged follow into the table, counts, chart and CSV, survive a reload and travel in the session', async () => {
  const { page, log } = await openPage(ctx, { view: 'groups' });
  // The store is shared by this file's tests: start from an empty one.
  await dropFiles(page, readouts(1, 'x'));
  await waitBatch(page);
  await page.click('#new-session');
  // Two reports of one contact (the same made-up readout, each with a line of its own) and another one.
  const [a, b] = readouts(5, 'g').slice(3);
  const files = [
    { ...a, name: 'g/a1.txt' },
    { ...a, name: 'g/a2.txt', buffer: Buffer.concat([a.buffer, Buffer.from('\n（另一家媒体的报道）')]) },
    { ...b, name: 'g/b.txt' },
  ];
  await dropFiles(page, files);
  await waitBatch(page);
  await settle(page);
  const groups = () => page.evaluate(() => readout.coll.order.map((k) => readout.coll.groups.get(k).members.map(([s]) => readout.state.bySeq.get(s).name).sort().join('+')));
  const chartTotal = () => page.locator('#tl-chart .mbar').evaluateAll((els) => els.reduce((n, e) => n + +e.dataset.n, 0));
  assert.deepEqual((await groups()).sort(), ['g/a1.txt+g/a2.txt', 'g/b.txt'], 'the two reports of one contact are one group');
  const key = (name) => page.evaluate((n) => readout.coll.order.find((k) => readout.coll.groups.get(k).members.some(([s]) => readout.state.bySeq.get(s).name === n)), name);

  // Split: the group opened, its second report split off.
  await page.click(`#groups tbody[data-group="${await key('g/a2.txt')}"] button.reports`);
  await page.click('#groups tr.member[data-file="g/a2.txt"] .split-btn');
  await settle(page);
  assert.deepEqual((await groups()).sort(), ['g/a1.txt', 'g/a2.txt', 'g/b.txt']);
  assert.match(await page.locator('#overview-counts').textContent(), /^3 files · 3 contacts/);
  assert.equal(await chartTotal(), 3);
  let [head, ...rows] = parseCsv(await download(page, 'csv'));
  const col = (r, h) => r[head.indexOf(h)];
  const byFile = (n) => rows.find((r) => r[0] === n);
  assert.notEqual(col(byFile('g/a1.txt'), 'Group'), col(byFile('g/a2.txt'), 'Group'), 'split: two group ids');
  assert.equal(col(byFile('g/a2.txt'), 'Corrected'), 'yes');
  assert.equal(col(byFile('g/b.txt'), 'Corrected'), 'no');
  assert.equal(await page.locator(`#groups tbody[data-group="${await key('g/a2.txt')}"] .g-corrected`).count(), 1, 'the table marks it');
  assert.equal(await page.locator(`#groups tbody[data-group="${await key('g/b.txt')}"] .g-corrected`).count(), 0);

  // Merge: "Merge with…" on b's group, "Merge here" on a1's.
  await page.click(`#groups tbody[data-group="${await key('g/b.txt')}"] button.reports`);
  await page.click(`#groups tbody[data-group="${await key('g/b.txt')}"] .merge-btn`);
  assert.equal(await page.locator('#merge-bar').isVisible(), true);
  await page.click(`#groups tbody[data-group="${await key('g/a1.txt')}"] .merge-here`);
  await settle(page);
  assert.equal(await page.locator('#merge-bar').isVisible(), false);
  const after = ['g/a1.txt+g/b.txt', 'g/a2.txt'];
  assert.deepEqual((await groups()).sort(), after);
  assert.match(await page.locator('#overview-counts').textContent(), /^3 files · 2 contacts/);
  assert.equal(await chartTotal(), 2);
  assert.equal(await page.locator('#by-kind button.cbar').evaluateAll((els) => els.reduce((n, e) => n + +e.dataset.groups, 0)), 2);
  [head, ...rows] = parseCsv(await download(page, 'csv'));
  assert.equal(col(byFile('g/a1.txt'), 'Group'), col(byFile('g/b.txt'), 'Group'), 'merged: one group id');
  assert.equal(col(byFile('g/b.txt'), 'Corrected'), 'yes');
  const jsonl = (await download(page, 'jsonl')).trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(jsonl.find((r) => r.file === 'g/a2.txt').events[0].grouping, 'split');
  assert.equal(jsonl.find((r) => r.file === 'g/b.txt').events[0].grouping, 'merged');
  // The card of the report split off says it was regrouped by hand.
  await page.click(`#groups tbody[data-group="${await key('g/a2.txt')}"] tr.g-row`, { position: { x: 400, y: 10 } });
  await page.locator('#detail article[data-file="g/a2.txt"][data-ready]').waitFor();
  assert.match(await page.locator('#detail .event[data-event="0"] .corrected-note').textContent(), /split off by hand/);
  await shot(page, 'groups-by-hand');

  // A reload restores the grouping; the session file carries it to a new session.
  await page.waitForFunction(() => !readout.store.pending.length && !readout.store.timer);
  await page.reload();
  await page.waitForFunction(() => globalThis.readout?.stats.initMs.length > 0);
  await page.locator('#restore').click();
  await waitBatch(page);
  await settle(page);
  assert.deepEqual((await groups()).sort(), after);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#session-save')]);
  const saved = JSON.parse(readFileSync(await dl.path(), 'utf8'));
  assert.ok(Object.values(saved.corrections).some((c) => Object.values(c).some((e) => e.alone)), 'the split is in the session file');
  await page.click('#new-session');
  await page.setInputFiles('#session-input', await dl.path());
  await waitBatch(page);
  await settle(page);
  assert.deepEqual((await groups()).sort(), after);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('find folds scripts: a simplified query finds traditional text shown as written, and back; with a filter on it searches the files shown', async () => {
  // Made-up sentences: one article in traditional script, one in simplified.
  const trad = '習近平同法國總統通電話\n新華社北京3月5日電 國家主席習近平5日同法國總統馬克龍通電話。\n習近平指出，中法關係保持良好發展勢頭。';
  const simp = '习近平会见巴西外长\n新华社北京4月2日电 国家主席习近平2日在北京会见巴西外长。';
  const { page, log } = await loaded([
    { name: 'trad.txt', mimeType: 'text/plain', buffer: Buffer.from(trad) },
    { name: 'simp.txt', mimeType: 'text/plain', buffer: Buffer.from(simp) },
  ]);
  const lines = async (q) => {
    await page.fill('#find', q);
    await page.press('#find', 'Enter');
    await page.waitForFunction((q) => document.querySelector(`#kwic ol[data-kwic="${q}"]`) && readout.corpus.complete && readout.corpus.folded.get(q) !== undefined, q);
    // The fold of the query arrives from the collection worker: the list is drawn again then.
    await page.waitForFunction((q) => document.querySelectorAll(`#kwic ol[data-kwic="${q}"] li`).length >= 2, q);
    return page.locator('#kwic .kwic-list li').evaluateAll((els) => els.map((e) => [e.dataset.file, e.querySelector('.kwic-term').textContent]));
  };
  const got = await lines('习近平');
  // The clean texts the page searched (titles are not in them), as written.
  const text = (n) => page.evaluate((n) => readout.corpus.text(readout.state.items.find((i) => i.name === n).seq), n);
  const [nTrad, nSimp] = [count(await text('trad.txt'), '習近平'), count(await text('simp.txt'), '习近平')];
  assert.ok(nTrad >= 2 && nSimp >= 1);
  assert.deepEqual(got.filter(([f]) => f === 'trad.txt'), Array(nTrad).fill(['trad.txt', '習近平']), 'the traditional text as written');
  assert.deepEqual(got.filter(([f]) => f === 'simp.txt'), Array(nSimp).fill(['simp.txt', '习近平']));
  const back = await lines('習近平');
  assert.equal(back.length, nTrad + nSimp);
  assert.equal(await page.locator('#kwic ol').getAttribute('data-scope'), 'all');
  // A kind on: only the files the table shows. The chart is drawn when the collection's counts arrive, which
  // on a loaded machine may come after the find list: wait for both kinds' bars.
  await page.waitForFunction(() => document.querySelectorAll('#by-kind button.cbar').length >= 2);
  const kinds = await page.locator('#by-kind button.cbar').evaluateAll((els) => els.map((e) => e.dataset.key));
  assert.ok(kinds.length >= 2, `two kinds (${kinds})`);
  await page.click(`#by-kind button.cbar[data-key="${kinds[0]}"]`);
  await page.waitForFunction(() => document.querySelector('#kwic ol')?.dataset.scope === 'filtered');
  const shown = await page.evaluate(() => [...readout.state.shown.seqs].map((s) => readout.state.bySeq.get(s).name));
  const files = await page.locator('#kwic .kwic-list li').evaluateAll((els) => [...new Set(els.map((e) => e.dataset.file))]);
  assert.deepEqual(files, shown);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('the CSV\'s file column is escaped like the CLI\'s: commas, quotes, a formula sign, invisible characters shown', async () => {
  const names = ['a,"b"\u202etxt.exe.txt', '=1+2 \u200bx.txt'];
  const seed = seedFiles()[0].buffer;
  const files = names.map((name, i) => ({ name, mimeType: 'text/plain', buffer: Buffer.concat([seed, Buffer.from(`\n（${i}）`)]) }));
  const dir = path.join(OUT, 'csv-names');
  mkdirSync(dir, { recursive: true });
  for (const f of files) writeFileSync(path.join(dir, f.name), f.buffer);
  const cliText = spawnSync(path.join(ROOT, 'target/release/readout'), ['analyze', '--csv', ...names], { cwd: dir, encoding: 'utf8' }).stdout;
  const { page, log } = await loaded(files);
  const pageText = await download(page, 'csv');
  // Byte for byte the CLI's rows (the page writes the same columns in the same order).
  const lines = (t) => t.replace(/^\ufeff/, '').split('\r\n').filter(Boolean);
  assert.deepEqual(lines(pageText), lines(cliText));
  const cells = parseCsv(pageText).slice(1).map((r) => r[0]);
  assert.ok(cells.includes('a,"b"\\u{202e}txt.exe.txt'), cells.join(' | '));
  assert.ok(cells.includes("'=1+2 \\u{200b}x.txt"), cells.join(' | '));
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('the timeline is one Tab stop; arrows move inside it', async () => {
  const { page, log } = await loaded(readouts(8, 'gen'));
  assert.equal(await page.locator('#timeline button[tabindex="0"]').count(), 1);
  await page.focus('#timeline button[tabindex="0"]');
  const at = () => page.evaluate(() => document.activeElement.closest('li')?.dataset.group);
  const first = await at();
  await page.keyboard.press('ArrowDown');
  const second = await at();
  assert.notEqual(second, first);
  assert.equal(await page.locator('#timeline button[tabindex="0"]').count(), 1);
  assert.equal(await page.evaluate(() => document.activeElement.tabIndex), 0);
  await page.keyboard.press('ArrowUp');
  assert.equal(await at(), first);
  // Tab leaves the list at once.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => !!document.activeElement.closest('#timeline')), false);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('keyboard only: the table in ≤ 3 Tab presses, arrows move, Enter opens, Escape returns', async () => {
  const { page, log } = await loaded([...seedFiles(), ...readouts(6, 'gen')]);
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  await page.evaluate(() => document.body.focus());
  let presses = 0;
  for (; presses < 3; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.id === 'skip')) break;
  }
  assert.ok(presses < 3, 'the skip link within three Tab presses');
  await page.keyboard.press('Enter');
  const focused = () => page.evaluate(() => {
    const a = document.activeElement;
    return a?.matches('tr[data-row]') ? +a.closest('tbody').dataset.i : null;
  });
  assert.equal(await focused(), 0, 'the first row has the focus');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), 2);
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), 1);
  await page.keyboard.press('End');
  const n = await page.locator('#groups tbody[data-i]').evaluateAll((els) => Math.max(...els.map((e) => +e.dataset.i)));
  assert.equal(await focused(), n);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  // Enter opens the row's article and moves there; Escape comes back to the same row.
  const key = await page.evaluate(() => document.activeElement.closest('tbody').dataset.group);
  await page.keyboard.press('Enter');
  const rep = await page.evaluate((k) => readout.state.bySeq.get(readout.coll.groups.get(k).rep[0]).name, key);
  await page.locator(`#detail article[data-file="${rep}"]`).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'detail');
  await page.keyboard.press('Escape');
  assert.equal(await focused(), 1);
  // The rows are one tab stop: Tab leaves the table.
  assert.equal(await page.locator('#groups tr[data-row][tabindex="0"]').count(), 1);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('on a phone the contacts are cards: kind, date, counterpart and title readable, groups expandable', async () => {
  const { page, log } = await loaded([...seedFiles(), ...readouts(12, 'gen')]);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.click('#insights-toggle');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const cards = await page.locator('#groups tbody.group tr.g-row').evaluateAll((rows) => rows.slice(0, 6).map((tr) => {
    const box = (sel) => tr.querySelector(sel).getBoundingClientRect();
    const full = (sel) => { const el = tr.querySelector(sel); return el.scrollWidth <= el.clientWidth + 1; };
    return { h: tr.getBoundingClientRect().height, cp: box('.c-cp').width, kindFull: full('.c-kind'), dateFull: full('.c-date') };
  }));
  assert.ok(cards.length >= 4);
  for (const c of cards) {
    assert.ok(c.h >= 70, `a card of three lines (${c.h} px)`);
    assert.ok(c.cp > 300, `the counterpart has the card's width (${c.cp} px)`);
    assert.ok(c.kindFull && c.dateFull, 'kind and date are not cut');
  }
  // The export label stays; a group still expands, and the windowed table keeps its cards in step.
  assert.equal(await page.locator('.export-label').isVisible(), true);
  await page.locator('#groups tbody.group').first().locator('button.reports').click();
  assert.equal(await page.locator('#groups tbody.group').first().locator('tr.member').count(), 1);
  await page.locator('#groups-wrap').scrollIntoViewIfNeeded();
  await shot(page, 'phone-table');
  await page.click('#insights-toggle'); // the choice is remembered: the next tests want the overview
  assert.deepEqual(log.errors, []);
  await page.close();
});

/** Visible interface text and labels that are English words (article content, names and codes aside). */
async function englishLeft(page) {
  return page.evaluate(() => {
    const ALLOWED = /^(Readout|JSON|JSON Lines|CSV|CAMEO|EN|Shift|Esc|Enter|HTML|Markdown|GBK|Big5|UTF-8|Ctrl\+V|[A-Z]{2,3}|[A-Z]{2}\d*|\d+.*|.*\.(txt|md|html?))$/;
    const out = [];
    const isContent = (el) => el.closest('bdi, .text, .fname, #paste-area, datalist, .tag, [data-kind] .badge.warn, .cc, .flag, .tl-date');
    const visible = (el) => el.checkVisibility?.() ?? !!el.offsetParent;
    const check = (s, where) => {
      for (const w of String(s).replaceAll('JSON Lines', 'JSON').split(/[\s,·:;()（）/|“”"—–…]+/)) if (/[A-Za-z]{3,}/.test(w) && !ALLOWED.test(w)) out.push(`${where}: ${w} (in "${String(s).slice(0, 60)}")`);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || isContent(el) || !visible(el) || el.closest('script, style')) continue;
      check(n.textContent, el.tagName.toLowerCase() + (el.className ? `.${String(el.className).split(' ')[0]}` : ''));
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (isContent(el) && !el.matches('mark')) continue;
      for (const a of ['aria-label', 'title', 'placeholder']) {
        const v = el.getAttribute(a);
        // Labels built from article content (titles, file names) carry it; the interface's own words are checked.
        if (v && !el.closest('tbody, .kwic-list, #detail .article[aria-label]')) check(v, `${el.tagName.toLowerCase()}[${a}]`);
      }
    }
    return [...new Set(out)];
  });
}

test('the Chinese interface has no English label left', async () => {
  const { page, log } = await loaded([...seedFiles(), ...readouts(4, 'gen')]);
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  // Open the article of the seed with front matter and page stamps: its sources are named in Chinese.
  for (const n of seedNames()) {
    await page.evaluate((n) => readout.state.items.find((i) => i.name === n) && globalThis.readout.state, n);
  }
  await page.locator('#groups tbody.group').first().locator('tr.g-row').click({ position: { x: 300, y: 10 } });
  await page.locator('#detail article[data-ready]').waitFor();
  await page.fill('#find', '王毅');
  await page.press('#find', 'Enter');
  await page.locator('#kwic .kwic-list li').first().waitFor();
  await page.click('#by-counterpart button.cbar >> nth=0');
  // A group open and a merge begun: its buttons and the merge bar in Chinese too.
  await page.locator('#groups tbody.group button.reports').first().click();
  await page.locator('#groups tbody.group .merge-btn').first().click();
  await page.locator('#merge-bar').waitFor();
  const left = await englishLeft(page);
  assert.deepEqual(left, []);
  // Sources and highlight tooltips in Chinese; counts without "1 files".
  const formats = await page.locator('[data-field="meta.format"] dd').textContent();
  assert.doesNotMatch(formats, /html_fragment|front_matter|page_stamp/);
  const titles = await page.locator('#text mark').evaluateAll((els) => [...new Set(els.map((e) => e.title))]);
  for (const tt of titles) assert.doesNotMatch(tt, /person|treaty|place|org/i);
  await shot(page, 'workbench-zh');
  // And in English, one is singular.
  await page.click('#lang');
  await page.click('#clear-filter');
  assert.doesNotMatch(await page.locator('body').innerText(), /\b1 (files|reports|contacts)\b/);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test('axe-core: no serious or critical violation (empty page, overview, article, occurrences, Chinese)', async () => {
  const { page, log } = await openPage(ctx, { view: 'groups' });
  const check = async (what) => {
    await page.evaluate(AXE);
    const res = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
    const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${what}: ${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    assert.deepEqual(bad, []);
  };
  await check('empty page');
  await dropFiles(page, [...seedFiles(), ...readouts(8, 'gen')]);
  await waitBatch(page);
  await settle(page);
  await page.locator('#detail article[data-ready]').waitFor();
  await check('overview and article');
  await page.fill('#find', '王毅');
  await page.press('#find', 'Enter');
  await page.locator('#kwic .kwic-list li').first().waitFor();
  await page.click('#by-kind button.cbar >> nth=0');
  await check('filtered, with occurrences');
  await page.locator('#groups tbody.group button.reports').first().click();
  await page.locator('#groups tbody.group .merge-btn').first().click();
  await page.locator('#merge-bar').waitFor();
  await check('a group open, merging');
  await page.click('#merge-bar button');
  await page.click('#lang');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await check('Chinese');
  assert.deepEqual(log.errors, []);
  await page.close();
});
