// The analysis workers: a pool sized to the cores, grown only when the queue is long, each worker
// instantiating the page's one compiled module. A worker over its time budget, or one that traps, is
// ended and replaced; the file is reported and the batch goes on.
import { FILE_TIME_BUDGET_MS, MAX_FILE_BYTES } from './config.js';
import { makeWorker, initMessage, engineTimes } from './engine.js';
import { t } from './i18n.js';
import { fmtBytes } from './dom.js';
import { timed } from './state.js';

export class Pool {
  /** `onStatus(text, bad)`: the engine's state for the footer. */
  /** `port()`: a new channel to the collection worker, for each analysis worker. */
  constructor(max, stats, onStatus, port) {
    this.port = port;
    this.max = max;
    this.stats = stats;
    this.onStatus = onStatus;
    this.slots = [];
    this.queue = [];
    this.head = 0; // the queue is consumed from `head` (shift() on 8,000 jobs is quadratic)
    this.initFailures = 0;
    this.broken = null;
  }

  get pending() {
    return this.queue.length - this.head;
  }

  spawn() {
    const slot = { w: makeWorker('readout'), job: null, ready: false, timer: 0 };
    slot.w.onmessage = timed(this.stats, (ev) => this.onMessage(slot, ev.data), 'result');
    slot.w.onerror = (ev) => {
      ev.preventDefault();
      this.onCrash(slot, ev.message || 'worker error');
    };
    initMessage('analyze').then(
      (msg) => {
        const port = this.port();
        slot.w.postMessage({ ...msg, port }, [port]);
      },
      (e) => this.fail(String(e.message || e)),
    );
    this.slots.push(slot);
  }

  /** Stop trying: every queued file gets the engine's error. */
  fail(msg) {
    this.broken = msg;
    this.onStatus(t('err_init', { msg }), true);
    for (const job of this.take()) job.done({ error: { name: 'init', message: t('err_init', { msg }) } });
  }

  take() {
    const jobs = this.queue.slice(this.head);
    this.queue = [];
    this.head = 0;
    return jobs;
  }

  submit(job) {
    if (this.broken) {
      job.done({ error: { name: 'init', message: t('err_init', { msg: this.broken }) } });
      return;
    }
    this.queue.push(job);
  }

  /** After a burst of submits: size the pool to the queue (a few files are done by one warm worker). */
  start() {
    const want = Math.min(this.max, Math.max(1, Math.ceil(this.pending / 3)));
    while (this.slots.length < want) this.spawn();
    this.pump();
  }

  pump() {
    for (const s of this.slots) {
      if (s.ready && !s.job && this.pending) {
        const job = this.queue[this.head++];
        if (this.head > 1024 && this.head * 2 > this.queue.length) {
          this.queue = this.queue.slice(this.head);
          this.head = 0;
        }
        this.dispatch(s, job);
      }
    }
  }

  dispatch(s, job) {
    s.job = job;
    job.started = performance.now();
    job.onStart?.();
    s.timer = setTimeout(() => this.onTimeout(s), FILE_TIME_BUDGET_MS);
    s.w.postMessage({ type: 'analyze', id: job.id, name: job.name, file: job.blob, maxBytes: MAX_FILE_BYTES });
  }

  onMessage(s, m) {
    if (m.type === 'ready') {
      s.ready = true;
      this.initFailures = 0;
      this.stats.initMs.push(m.ms);
      const ms = Math.round((engineTimes.compileMs || 0) + m.ms);
      this.onStatus(() => t('engine_ready', { ms }));
      this.pump();
    } else if (m.type === 'init-error') {
      this.onCrash(s, m.error.message);
    } else if (m.type === 'result' || m.type === 'error') {
      clearTimeout(s.timer);
      const job = s.job;
      s.job = null;
      if (m.fatal) this.replace(s);
      if (m.heap != null) this.stats.heapBytes = Math.max(this.stats.heapBytes || 0, m.heap);
      if (job) job.done(m.type === 'result' ? m : { error: this.message(job, m.error), ms: m.ms });
      this.pump();
    }
  }

  /** The error as the page shows it: out of memory gets the file's name and size. */
  message(job, e) {
    if (e.name === 'out_of_memory') {
      return { name: 'out_of_memory', message: t('err_oom', { name: job.name, size: fmtBytes(job.blob.size) }) };
    }
    return e;
  }

  onTimeout(s) {
    const job = s.job;
    this.replace(s);
    job?.done({ error: { name: 'timeout', message: t('err_timeout', { name: job.name, s: FILE_TIME_BUDGET_MS / 1000 }) } });
    this.pump();
  }

  onCrash(s, msg) {
    clearTimeout(s.timer);
    const job = s.job;
    const wasReady = s.ready;
    this.replace(s, !wasReady);
    if (job) {
      // A worker killed by the browser for its memory says so only in its message.
      const oom = /out of memory|allocation failed/i.test(msg);
      job.done({ error: oom ? this.message(job, { name: 'out_of_memory' }) : { name: 'worker', message: t('err_worker', { name: job.name, msg }) } });
    }
    if (!wasReady && ++this.initFailures >= 3) this.fail(msg);
    this.pump();
  }

  replace(s, noRespawn = false) {
    clearTimeout(s.timer);
    s.w.terminate();
    this.slots = this.slots.filter((x) => x !== s);
    if (!noRespawn || this.initFailures < 2) this.spawn();
  }

  cancel() {
    const jobs = this.take();
    for (const s of [...this.slots]) {
      if (s.job) {
        jobs.push(s.job);
        s.job = null;
        this.replace(s);
      }
    }
    for (const job of jobs) job.done({ cancelled: true });
  }
}
