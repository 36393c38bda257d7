//! Shared checks for the robustness tests (adversarial, properties, superlinear, regressions).
//! Every report the analyzer returns must satisfy [`check_report`]; every error must name its file.
#![allow(dead_code)] // each test crate uses a different subset

use readout::{Error, Report};
use serde_json::Value;
use std::time::{Duration, Instant};

/// Time budgets are written for a release build; a debug build (plain `cargo test`) gets more room.
pub fn budget(release_secs: f64) -> Duration {
    let factor = if cfg!(debug_assertions) { 12.0 } else { 1.0 };
    Duration::from_secs_f64(release_secs * factor)
}

/// Run `f`, returning its value and the CPU time this thread spent on it (the analysis is
/// single-threaded). CPU time, not wall time: the machines that run these tests are shared, and
/// under load wall time measured the neighbours. Falls back to wall time where the thread's CPU
/// time cannot be read.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let (cpu, wall) = (thread_cpu(), Instant::now());
    let v = f();
    let took = match (cpu, thread_cpu()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => wall.elapsed(),
    };
    (v, took)
}

/// CPU time of the calling thread (`CLOCK_THREAD_CPUTIME_ID`, nanoseconds).
#[cfg(unix)]
pub fn thread_cpu() -> Option<Duration> {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec through the valid pointer it is given.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0).then(|| Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
}

#[cfg(not(unix))]
pub fn thread_cpu() -> Option<Duration> {
    None
}

/// An error must say which file it is about and what is wrong.
pub fn check_error(e: &Error, name: &str) {
    assert_eq!(e.file.as_deref(), Some(name), "error does not name the file: {e:?}");
    assert!(!e.message.trim().is_empty(), "error has no message: {e:?}");
    assert!(e.to_string().contains(name), "displayed error does not name the file: {e}");
}

/// Every invariant a report must hold, whatever the input: spans index `body.join("\n")` on char
/// boundaries with agreeing UTF-16 offsets, the JSON round-trips, scores are finite numbers.
pub fn check_report(report: &Report) {
    let text = report.body.join("\n");
    let json = serde_json::to_string(report).expect("report serializes");
    let parsed: Value = serde_json::from_str(&json).expect("report JSON parses");
    let direct = serde_json::to_value(report).expect("report converts to a JSON value");
    assert!(same_json(&parsed, &direct), "JSON does not round-trip:\n{json}");
    let again: Value = serde_json::from_str(&serde_json::to_string(&parsed).unwrap()).unwrap();
    assert!(same_json(&parsed, &again), "JSON does not round-trip twice:\n{json}");

    // UTF-16 offset at every byte offset (meaningful at char boundaries), so each span is checked in
    // O(1): recounting from the start per span made the check itself quadratic on big reports.
    let mut u16_at = vec![0u32; text.len() + 1];
    let mut u = 0u32;
    for (i, c) in text.char_indices() {
        u16_at[i] = u;
        u += c.len_utf16() as u32;
    }
    u16_at[text.len()] = u;
    walk_spans(&parsed, &mut |obj, path| check_span(&text, &u16_at, obj, path));
    for k in &report.terms.keywords {
        assert!(k.score.is_finite(), "keyword {:?} has a non-finite score {}", k.word, k.score);
    }
    for p in &report.body {
        assert!(!p.contains('\n'), "a body paragraph holds a newline, so offsets would shift: {p:?}");
    }
}

fn get_usize(obj: &serde_json::Map<String, Value>, key: &str, path: &str) -> usize {
    obj.get(key)
        .and_then(Value::as_u64)
        .unwrap_or_else(|| panic!("{path}.{key} is not an unsigned integer: {obj:?}")) as usize
}

fn check_span(text: &str, u16_at: &[u32], obj: &serde_json::Map<String, Value>, path: &str) {
    let (s, e) = (get_usize(obj, "start", path), get_usize(obj, "end", path));
    let (s16, e16) = (get_usize(obj, "start16", path), get_usize(obj, "end16", path));
    assert!(s <= e && e <= text.len(), "{path}: span {s}..{e} outside the text of {} bytes", text.len());
    assert!(
        text.is_char_boundary(s) && text.is_char_boundary(e),
        "{path}: span {s}..{e} does not fall on char boundaries"
    );
    let want16 = u16_at[s] as usize;
    assert_eq!(s16, want16, "{path}: start16 {s16} disagrees with start {s} (want {want16})");
    let want16 = u16_at[e] as usize;
    assert_eq!(e16, want16, "{path}: end16 {e16} disagrees with end {e} (want {want16})");
}

/// Call `f` on every JSON object that carries a span (`start`, `end`, `start16`, `end16`).
pub fn walk_spans(v: &Value, f: &mut dyn FnMut(&serde_json::Map<String, Value>, &str)) {
    fn go(v: &Value, path: &mut String, f: &mut dyn FnMut(&serde_json::Map<String, Value>, &str)) {
        match v {
            Value::Object(m) => {
                if ["start", "end", "start16", "end16"].iter().any(|k| m.contains_key(*k)) {
                    f(m, path);
                }
                for (k, child) in m {
                    let len = path.len();
                    path.push('.');
                    path.push_str(k);
                    go(child, path, f);
                    path.truncate(len);
                }
            }
            Value::Array(a) => {
                for (i, child) in a.iter().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    go(child, path, f);
                    path.truncate(len);
                }
            }
            _ => {}
        }
    }
    go(v, &mut String::from("$"), f)
}

/// JSON equality where floats may differ in the last bits (serde_json's default float parser is
/// not guaranteed to be exact, and that is not the analyzer's fault).
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            _ if x == y => true,
            (Some(p), Some(q)) => (p - q).abs() <= 1e-12 * p.abs().max(q.abs()),
            _ => false,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_json(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, p)| y.get(k).is_some_and(|q| same_json(p, q)))
        }
        _ => a == b,
    }
}

/// Analyze, turning a panic into a test failure that names the input, and check the outcome.
pub fn analyze_checked(bytes: &[u8], name: &str, opts: &readout::Options) -> readout::Result<Report> {
    analyze_timed(bytes, name, opts).0
}

/// [`analyze_checked`], also returning the CPU time of the analysis alone (not of the checks).
pub fn analyze_timed(
    bytes: &[u8],
    name: &str,
    opts: &readout::Options,
) -> (readout::Result<Report>, Duration) {
    let (result, took) = timed(|| std::panic::catch_unwind(|| readout::analyze(bytes, name, opts)));
    let result = result.unwrap_or_else(|_| panic!("analyze panicked on {name} ({} bytes)", bytes.len()));
    match &result {
        Ok(r) => check_report(r),
        Err(e) => check_error(e, name),
    }
    (result, took)
}
