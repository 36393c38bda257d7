//! The `readout` command line: JSON Lines per file, errors as records plus a stderr line, exit status,
//! folder walking, `--pretty`, `--max-bytes`, and a `--help` that explains every option.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn readout(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_readout")).args(args).output().expect("readout runs")
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name).display().to_string()
}

fn records(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// A fresh scratch folder under the target dir (no temp-dir crate needed).
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn analyze_prints_one_record_per_file() {
    let out = readout(&["analyze", "--jsonl", &fixture("seeds/000_17957999e5caf0d5.txt")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    let r = &recs[0];
    assert_eq!(r["meta"]["title"], "王毅同智利外长阿拉芒通电话");
    assert_eq!(r["meta"]["published"], "2021-10-13T08:48:07Z");
    assert_eq!(r["meta"]["editor"], "刘万里");
    assert!(r["body"][0].as_str().unwrap().starts_with("新华社北京10月13日电"));
}

#[test]
fn failures_are_records_with_a_stderr_line_and_exit_1() {
    let good = fixture("seeds/001_740b901baec55788.txt");
    let png = fixture("ingest/tiny.png");
    let missing = fixture("ingest/no_such_file.txt");
    let out = readout(&["analyze", &good, &png, &missing]);
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs.len(), 3);
    assert!(recs[0].get("error").is_none());
    assert_eq!(recs[1]["file"], png.as_str());
    assert_eq!(recs[1]["error"]["kind"], "binary");
    assert!(recs[1]["error"]["message"].as_str().unwrap().contains("PNG"));
    assert_eq!(recs[2]["error"]["kind"], "io");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(&png) && stderr.contains(&missing), "{stderr}");
}

#[test]
fn folders_are_walked_in_order_and_hidden_files_skipped() {
    let dir = scratch("walk");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("b.txt"), "乙文\n第二篇正文。\n").unwrap();
    std::fs::write(dir.join("sub/a.txt"), "甲文\n第一篇正文。\n").unwrap();
    std::fs::write(dir.join(".hidden.txt"), "不该读\n").unwrap();
    let out = readout(&["analyze", dir.to_str().unwrap()]);
    assert!(out.status.success());
    let files: Vec<String> = records(&out).iter().map(|r| r["file"].as_str().unwrap().to_string()).collect();
    assert_eq!(files.len(), 2, "{files:?}");
    assert!(files[0].ends_with("b.txt") && files[1].ends_with("a.txt"), "{files:?}");
}

#[test]
fn max_bytes_refuses_larger_files() {
    let out = readout(&["analyze", "--max-bytes", "100", &fixture("seeds/000_17957999e5caf0d5.txt")]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(records(&out)[0]["error"]["kind"], "too_large");
}

#[test]
fn pretty_shows_metadata_and_paragraphs() {
    let out = readout(&["analyze", "--pretty", &fixture("seeds/002_b92dd8eb99d0e8bd.txt")]);
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("title:     王毅同俄外長拉夫羅夫通電話"), "{s}");
    assert!(s.contains("editor:    連政"), "{s}");
    assert!(s.contains("  | 據外交部網站消息"), "{s}");
}

#[test]
fn help_explains_every_option() {
    let out = readout(&["analyze", "--help"]);
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    for opt in ["--jsonl", "--pretty", "--max-bytes", "FILE|DIR", "exit status", "error"] {
        assert!(s.contains(opt), "help lacks {opt}:\n{s}");
    }
}
