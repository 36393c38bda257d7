//! The batch: files analyzed in parallel, results handed on in input order as soon as each one and
//! all before it are ready, and no file allowed to stall the others.
//!
//! Time budget. A running analysis cannot be interrupted from outside its thread in Rust, so the
//! budget has two halves. The watchdog is this module's loop, on the main thread: it knows when
//! each file started and, when one runs over `--timeout`, reports it `timeout` at once and moves
//! on; a replacement worker takes the next file, while the abandoned one finishes on its own
//! thread and its result is thrown away. And each analysis carries a stop flag
//! ([`readout::Options::stop`]) that the watchdog raises, checked between stages, so abandoned
//! work ends at the next stage boundary instead of running to completion. The pool has spare
//! threads for abandoned work (twice `jobs`, at least 4): `jobs` files keep running whatever is
//! abandoned (sharing the cores with it); only when more than the spare count are abandoned at once
//! does the batch wait for one of them to end, which bounds the threads and memory held by
//! abandoned work. The process never waits for them at exit. (A thread cannot be killed; a
//! process per file could be, but would load the dictionaries once per worker process.)
//!
//! Memory. At most `jobs` files are read and analyzed at once, and no more than 24 MiB of files
//! unless one file alone is bigger, so a 20 MB file never runs beside another big one; results wait for those before them in a bounded buffer (a byte
//! budget): a slow file stops new work from starting rather than letting finished results pile up.

use crate::inputs::{Entry, What};
use readout::{Error, ErrorKind, Options, Report};
use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

pub struct Settings {
    /// Files analyzed at once.
    pub jobs: usize,
    /// Wall-clock budget per file (reading and analysis); `None`: no limit.
    pub timeout: Option<Duration>,
    pub opts: Options,
}

/// Results waiting for an earlier file may hold at most this many bytes (as weighed by the caller)
/// before new work waits.
const MAX_BUFFERED: usize = 64 << 20;

/// Files running may add up to this many bytes before the next waits, unless nothing else runs:
/// the analysis holds several times a file's size, so two 20 MB files at once would double the
/// memory a big file needs, while small files still run side by side. (Abandoned files are not
/// counted: waiting for them would let a stuck file stall the batch.)
const MAX_IN_FLIGHT: u64 = 24 << 20;

struct Running {
    started: Instant,
    stop: Arc<AtomicBool>,
    name: String,
    size: u64,
}

/// What the coordinating loop hears about.
enum Event<T> {
    /// The next entry of the input (the walk and stdin lists run on their own thread).
    Entry(Entry),
    /// The input is over.
    End,
    /// A file's outcome.
    Done(usize, Result<T, Error>),
}

/// Analyze each entry's file with `work` applied to its report on a worker thread, and give every
/// entry's outcome to `emit` in input order. `weigh` sizes a result for the reorder buffer; `tick`
/// hears how many entries were found so far and whether that is all of them.
///
/// The input is read on a thread of its own, a bounded number of entries ahead (each entry handed
/// on returns a credit), so that a list still being written on stdin or a slow folder never keeps
/// finished results from printing.
pub fn run<T, W>(
    entries: impl Iterator<Item = Entry> + Send + 'static,
    s: &Settings,
    work: W,
    weigh: fn(&T) -> usize,
    mut tick: impl FnMut(usize, bool),
    mut emit: impl FnMut(String, Result<T, Error>) -> ControlFlow<()>,
) where
    T: Send + 'static,
    W: Fn(Report) -> T + Send + Sync + 'static,
{
    // The dictionaries load on first use (a fraction of a second): once, before any file's clock
    // starts, so that the first file's budget is its own.
    let _ = readout::analyze("预热。".as_bytes(), "warm-up", &s.opts);
    let jobs = s.jobs.max(1);
    let spare = (2 * jobs).max(4);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs + spare)
        .thread_name(|i| format!("readout-{i}"))
        .build()
        .expect("the thread pool starts");
    let window = 8 * jobs + 16;
    let work = Arc::new(work);
    let (tx, rx) = mpsc::channel::<Event<T>>();
    let (credit_tx, credit_rx) = mpsc::channel::<()>();
    for _ in 0..window {
        let _ = credit_tx.send(());
    }
    let input = tx.clone();
    std::thread::spawn(move || {
        for entry in entries {
            // Wait for room; the loop has ended when the credits are gone.
            if credit_rx.recv().is_err() || input.send(Event::Entry(entry)).is_err() {
                return;
            }
        }
        let _ = input.send(Event::End);
    });
    let mut pending: std::collections::VecDeque<(usize, Entry)> = Default::default();
    let mut running: BTreeMap<usize, Running> = BTreeMap::new();
    let mut ready: BTreeMap<usize, (String, Result<T, Error>)> = BTreeMap::new();
    let (mut found, mut emitted, mut abandoned, mut buffered) = (0usize, 0usize, 0usize, 0usize);
    // Bytes of the files running.
    let mut in_flight = 0u64;
    let mut ended = false;
    loop {
        // Start work while a worker is free and the results waiting and the files in the works have room.
        while running.len() < jobs && running.len() + abandoned < jobs + spare && buffered <= MAX_BUFFERED {
            let Some((_, entry)) = pending.front() else { break };
            let size = match entry.what {
                What::File(_, size) => size,
                What::Refused(_) => 0,
            };
            if in_flight > 0 && in_flight + size > MAX_IN_FLIGHT {
                break;
            }
            let (i, entry) = pending.pop_front().expect("a pending entry");
            match entry.what {
                What::Refused(e) => {
                    ready.insert(i, (entry.name, Err(e)));
                }
                What::File(path, size) => {
                    let stop = Arc::new(AtomicBool::new(false));
                    let opts = Options { stop: Some(stop.clone()), ..s.opts.clone() };
                    let (tx, work, name) = (tx.clone(), work.clone(), entry.name.clone());
                    pool.spawn(move || {
                        let outcome =
                            catch_unwind(AssertUnwindSafe(|| analyze(&path, &name, &opts).map(&*work)));
                        let outcome = outcome.unwrap_or_else(|panic| Err(internal(&name, panic.as_ref())));
                        let _ = tx.send(Event::Done(i, outcome)); // the receiver is gone once the batch is over
                    });
                    in_flight += size;
                    running.insert(i, Running { started: Instant::now(), stop, name: entry.name, size });
                }
            }
        }
        // Hand on what is ready, in order.
        while let Some((name, outcome)) = ready.remove(&emitted) {
            if let Ok(t) = &outcome {
                buffered = buffered.saturating_sub(weigh(t));
            }
            emitted += 1;
            let _ = credit_tx.send(());
            if emit(name, outcome).is_break() {
                return;
            }
        }
        if ended && pending.is_empty() && running.is_empty() && ready.is_empty() {
            return; // abandoned work, if any, ends with the process
        }
        // Wait for an entry, a result, or the first file to run out of time.
        let deadline = s.timeout.and_then(|t| running.values().map(|r| r.started + t).min());
        let event = match deadline {
            Some(d) => rx.recv_timeout(d.saturating_duration_since(Instant::now())).ok(),
            None => rx.recv().ok(),
        };
        match event {
            Some(Event::Entry(entry)) => {
                pending.push_back((found, entry));
                found += 1;
                tick(found, false);
            }
            Some(Event::End) => {
                ended = true;
                tick(found, true);
            }
            Some(Event::Done(i, outcome)) => match running.remove(&i) {
                Some(r) => {
                    in_flight -= r.size;
                    if let Ok(t) = &outcome {
                        buffered += weigh(t);
                    }
                    ready.insert(i, (r.name, outcome));
                }
                None => abandoned -= 1, // an abandoned file finished: its thread is free again
            },
            None => {
                let (now, budget) = (Instant::now(), s.timeout.unwrap_or_default());
                let late: Vec<usize> =
                    running.iter().filter(|(_, r)| r.started + budget <= now).map(|(&i, _)| i).collect();
                for i in late {
                    let r = running.remove(&i).expect("a running file");
                    r.stop.store(true, Ordering::Relaxed);
                    abandoned += 1;
                    in_flight -= r.size;
                    let e = Error::new(
                        ErrorKind::Timeout,
                        format!(
                            "not done within the time budget of {} s (--timeout): abandoned, the batch goes on",
                            budget.as_secs_f64()
                        ),
                    );
                    ready.insert(i, (r.name.clone(), Err(e.in_file(&r.name))));
                }
            }
        }
    }
}

fn analyze(path: &Path, name: &str, opts: &Options) -> Result<Report, Error> {
    let bytes = crate::read::read(path, opts.max_bytes).map_err(|e| e.in_file(name))?;
    opts.check_stop().map_err(|e| e.in_file(name))?;
    readout::analyze(&bytes, name, opts)
}

/// A panic in the analysis is a bug; the file is reported and the batch goes on.
fn internal(name: &str, panic: &(dyn std::any::Any + Send)) -> Error {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    Error::new(ErrorKind::Parse, format!("internal error while analyzing (please report it): {what}"))
        .in_file(name)
}
