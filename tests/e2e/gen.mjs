// Generated articles for the browser tests at scale: made-up readouts (no real article's text), each
// with its own date and counterpart, so a batch of thousands is thousands of distinct contacts; and a
// long article built from a seed's paragraphs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SEEDS_DIR, seedNames } from './helpers.mjs';

const COUNTRIES = ['法国', '德国', '意大利', '西班牙', '巴西', '阿根廷', '智利', '秘鲁', '埃及', '南非', '肯尼亚', '尼日利亚', '印度尼西亚', '越南', '泰国', '马来西亚', '新西兰', '加拿大', '墨西哥', '土耳其'];
const NAMES = ['阿尔维斯', '贝尔纳', '卡斯特罗', '杜兰特', '埃斯特万', '费尔南德', '加西亚', '赫尔曼', '伊万诺', '约翰森', '克莱因', '洛佩兹', '马丁内', '诺瓦克', '奥利维', '佩雷拉', '基罗加', '罗德里', '索萨', '塔瓦雷'];
const VERBS = ['通电话', '举行会谈', '会见', '举行视频通话'];

/** The i-th made-up readout: its own date (2000–2031) and counterpart. */
export function readout(i) {
  const y = 2000 + (i % 32);
  const m = 1 + (Math.floor(i / 32) % 12);
  const d = 1 + (Math.floor(i / 384) % 28);
  const country = COUNTRIES[i % COUNTRIES.length];
  const name = NAMES[Math.floor(i / 7) % NAMES.length];
  const verb = VERBS[i % VERBS.length];
  const head = verb === '会见' ? `王毅会见${country}外长${name}` : `王毅同${country}外长${name}${verb}`;
  return [
    head,
    `新华社北京${m}月${d}日电 ${y}年${m}月${d}日，国务委员兼外长${head.slice(2)}。`,
    `王毅表示，中方愿同${country}方一道，落实两国领导人重要共识，推动双边关系持续健康发展。`,
    `${name}表示，${country}方坚持一个中国政策，愿同中方加强经贸、人文等领域合作。`,
    `双方还就共同关心的国际和地区问题交换了意见。（第${i}号）`,
  ].join('\n');
}

/** `n` made-up readouts as files. */
export const readouts = (n, dir = 'many') =>
  Array.from({ length: n }, (_, i) => ({ name: `${dir}/${String(i).padStart(5, '0')}.txt`, mimeType: 'text/plain', buffer: Buffer.from(readout(i)) }));

/** A plain-text article of about `mb` MB: a title, then the first seed's paragraphs, numbered, over and over. */
export function longArticle(mb) {
  const seed = readFileSync(path.join(SEEDS_DIR, seedNames()[0]), 'utf8');
  const paras = [...seed.matchAll(/<p[^>]*>([^<]+)<\/p>/g)].map((m) => m[1].trim()).filter((p) => p.length > 20);
  const out = ['王毅同智利外长阿拉芒通电话', ''];
  let bytes = 0;
  for (let n = 0; bytes < mb * 1048576; n++) {
    const p = `${paras[n % paras.length]}（${n}）`;
    out.push(p, '');
    bytes += Buffer.byteLength(p) + 2;
  }
  return Buffer.from(out.join('\n'));
}

/** Chromium's long tasks (> 50 ms) on the page, from now on: `__long` holds [start, duration]. */
export async function watchLongTasks(page) {
  await page.evaluate(() => {
    globalThis.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) __long.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask' });
  });
}

export const longest = async (page) => page.evaluate(() => Math.max(0, ...__long.map((x) => x[1])));

/**
 * The page's main-thread tasks from Chromium's own trace, as they stream in: for every task over 50 ms
 * of wall time, its wall time and its CPU time (`tdur`, the time the thread really ran). On a loaded
 * machine the operating system can deschedule the browser in the middle of a short task and make it
 * look long; its CPU time says what the page itself held the thread for. Tasks that run the test's own
 * DevTools commands are left out. Call the returned stop().
 */
export async function traceTasks(page) {
  const cdp = await page.context().newCDPSession(page);
  const tasks = [];
  const mains = new Map(); // pid → the renderer's main thread
  let pid = null; // the page's renderer
  const url = page.url();
  const pending = [];
  const tools = []; // the test's own commands (evaluate, waitFor…) run as tasks on the page's thread
  cdp.on('Tracing.dataCollected', ({ value }) => {
    for (const e of value) {
      if (e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mains.set(e.pid, e.tid);
      else if (e.name === 'TracingStartedInBrowser') pid ??= e.args?.data?.frames?.find((f) => f.url === url)?.processId ?? null;
      else if (e.name === 'RunTask' && e.ph === 'X' && e.dur > 50000) pending.push(e);
      else if (e.name === 'DevToolsSession::DispatchProtocolCommand' && e.ph === 'X') tools.push(e);
    }
  });
  await cdp.send('Tracing.start', { categories: 'disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach();
    if (pid == null) throw new Error(`the trace does not name the renderer of ${url}`);
    const ours = (e) => e.pid === pid && e.tid === mains.get(pid);
    const driven = (t) => tools.some((d) => ours(d) && d.ts >= t.ts && d.ts < t.ts + t.dur);
    for (const e of pending) if (ours(e) && !driven(e)) tasks.push({ wall: e.dur / 1000, cpu: (e.tdur ?? e.dur) / 1000 });
    const max = (k) => Math.round(Math.max(0, ...tasks.map((x) => x[k])));
    return { tasks, wall: max('wall'), cpu: max('cpu') };
  };
}
