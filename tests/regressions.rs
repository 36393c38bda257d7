//! Replays every regression input natively (no nightly, no cargo-fuzz): `tests/fixtures/regressions/`
//! (one file per bug fixed) and `fuzz/regressions/` (inputs the fuzzers found). Each must give a
//! report or an error naming the file, hold every report invariant, and finish within a budget.
//!
//! A file may have a sidecar `<file>.expect` whose first line is `ok` or `error: <kind>`, pinning
//! the outcome (e.g. `error: binary`); a following `contains: <text>` line requires that text in
//! the body, a `warning: <kind>` line a warning of that kind.
#![cfg(not(target_arch = "wasm32"))]

mod harden;

use harden::{analyze_timed, budget};
use readout::Options;
use std::path::{Path, PathBuf};

const DIRS: &[&str] = &["tests/fixtures/regressions", "fuzz/regressions"];

fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in DIRS {
        let mut stack = vec![root.join(dir)];
        while let Some(d) = stack.pop() {
            let Ok(rd) = std::fs::read_dir(&d) else { continue };
            for e in rd {
                let p = e.unwrap().path();
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                if p.is_dir() {
                    stack.push(p);
                } else if !name.ends_with(".expect") && !name.starts_with('.') && name != "README.md" {
                    files.push(p);
                }
            }
        }
    }
    files.sort();
    files
}

#[test]
fn replay_regression_corpus() {
    let files = inputs();
    let mut failures = Vec::new();
    for path in &files {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).unwrap();
        let expect = std::fs::read_to_string(format!("{name}.expect")).ok();
        let outcome = std::panic::catch_unwind(|| {
            let (result, took) = analyze_timed(&bytes, &name, &Options::default());
            assert!(took <= budget(2.0), "took {took:?}");
            if let Some(expect) = &expect {
                check_expectation(&result, expect);
            }
        });
        if let Err(panic) = outcome {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!("{name}: {msg}"));
        }
    }
    eprintln!("replayed {} regression inputs", files.len());
    assert!(failures.is_empty(), "{} regression input(s) failed:\n{}", failures.len(), failures.join("\n"));
}

fn check_expectation(result: &readout::Result<readout::Report>, expect: &str) {
    for line in expect.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        if line == "ok" {
            assert!(result.is_ok(), "expected a report, got {:?}", result.as_ref().err());
        } else if let Some(kind) = line.strip_prefix("error:") {
            match result {
                Err(e) => assert_eq!(e.kind.as_str(), kind.trim(), "wrong error: {e}"),
                Ok(_) => panic!("expected error {kind}, got a report"),
            }
        } else if let Some(text) = line.strip_prefix("contains:") {
            let body = result.as_ref().map(|r| r.body.join("\n")).unwrap_or_default();
            assert!(body.contains(text.trim()), "body lacks {:?}", text.trim());
        } else if let Some(kind) = line.strip_prefix("warning:") {
            let r = result.as_ref().expect("a warning needs a report");
            assert!(
                r.warnings.iter().any(|w| w.kind == kind.trim()),
                "no {kind:?} warning: {:?}",
                r.warnings
            );
        } else {
            panic!("unknown expectation line {line:?}");
        }
    }
}
