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

// ---- hostile inputs: special files, links, odd names, time budget, order, lists on stdin ----

/// Run the CLI with `stdin` fed to it; fail the test (after killing it) if it has not finished
/// within `secs`: a hang must fail, not stall the suite.
fn readout_within(secs: f64, args: &[&str], stdin: &[u8]) -> (Output, std::time::Duration) {
    use std::io::Write;
    let started = std::time::Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_readout"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("readout runs");
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(std::time::Duration::from_secs_f64(secs)) {
        Ok(out) => (out.expect("readout output"), started.elapsed()),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("readout {args:?} did not finish within {secs} s");
        }
    }
}

fn two_seeds(dir: &Path) -> (PathBuf, PathBuf) {
    let (a, b) = (dir.join("a.txt"), dir.join("c.txt"));
    std::fs::copy(fixture("seeds/000_17957999e5caf0d5.txt"), &a).unwrap();
    std::fs::copy(fixture("seeds/001_740b901baec55788.txt"), &b).unwrap();
    (a, b)
}

fn kinds(recs: &[Value]) -> Vec<(String, String)> {
    recs.iter()
        .map(|r| {
            let file = r["file"].as_str().unwrap();
            let name = file.rsplit('/').next().unwrap().to_string();
            (name, r["error"]["kind"].as_str().unwrap_or("ok").to_string())
        })
        .collect()
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().map(|s| s.success()).unwrap_or(false);
    assert!(ok, "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn fifos_are_refused_alone_and_in_a_folder() {
    let dir = scratch("fifo");
    let (a, c) = two_seeds(&dir);
    let fifo = dir.join("b.fifo");
    mkfifo(&fifo);
    // Alone: nobody ever writes to it; reading it would block for ever.
    let (out, _) = readout_within(20.0, &["analyze", fifo.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(kinds(&recs), [("b.fifo".to_string(), "not_a_file".to_string())]);
    assert!(recs[0]["error"]["message"].as_str().unwrap().contains("FIFO"), "{:?}", recs[0]);
    // In a folder with good files: the others are all reported, in order.
    let (out, _) = readout_within(30.0, &["analyze", dir.to_str().unwrap()], b"");
    let got = kinds(&records(&out));
    let want = [("a.txt", "ok"), ("b.fifo", "not_a_file"), ("c.txt", "ok")];
    assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));
    let _ = (a, c);
}

#[cfg(unix)]
#[test]
fn devices_are_refused_and_reads_are_bounded_whatever_the_size_says() {
    let dir = scratch("devices");
    let link = dir.join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    // /dev/zero never ends; given by path or through a link it is refused without reading.
    let (out, took) = readout_within(20.0, &["analyze", "/dev/zero", link.to_str().unwrap()], b"");
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    for r in &recs {
        assert_eq!(r["error"]["kind"], "not_a_file", "{r}");
        assert!(r["error"]["message"].as_str().unwrap().contains("device"), "{r}");
    }
    assert!(took.as_secs_f64() < 10.0, "took {took:?}");
    // A file whose size the system reports as 0 but which holds more than --max-bytes.
    if Path::new("/proc/self/status").exists() {
        let (out, _) = readout_within(20.0, &["analyze", "--max-bytes", "64", "/proc/self/status"], b"");
        let r = &records(&out)[0];
        assert_eq!(r["error"]["kind"], "too_large", "{r}");
    }
}

#[cfg(unix)]
#[test]
fn links_inside_folders_are_never_followed_and_loops_reported_once() {
    let dir = scratch("links");
    let (a, _) = two_seeds(&dir);
    let outside = scratch("links-outside");
    std::fs::copy(fixture("seeds/002_b92dd8eb99d0e8bd.txt"), outside.join("elsewhere.txt")).unwrap();
    let link = |target: &Path, name: &str| std::os::unix::fs::symlink(target, dir.join(name)).unwrap();
    link(Path::new("."), "dot1");
    link(Path::new("."), "dot2");
    link(Path::new("self"), "self");
    link(&outside.join("elsewhere.txt"), "out.txt");
    link(&a, "same.txt");
    let (out, _) = readout_within(30.0, &["analyze", dir.to_str().unwrap()], b"");
    let got = kinds(&records(&out));
    let want = [
        ("a.txt", "ok"),
        ("c.txt", "ok"),
        ("dot1", "not_a_file"),
        ("dot2", "not_a_file"),
        ("out.txt", "not_a_file"),
        ("same.txt", "not_a_file"),
        ("self", "not_a_file"),
    ];
    assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));
    let recs = records(&out);
    let message = |name: &str| {
        recs.iter().find(|r| r["file"].as_str().unwrap().ends_with(name)).unwrap()["error"]["message"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(message("dot1").contains("loop"), "{}", message("dot1"));
    assert!(message("self").contains("loop"), "{}", message("self"));
    // A link given on the command line is followed: the user named it.
    let (out, _) = readout_within(20.0, &["analyze", dir.join("out.txt").to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let title = records(&out)[0]["meta"]["title"].as_str().unwrap().to_string();
    assert!(title.starts_with("王毅同俄外長拉夫羅夫通電話"), "{title}");
}

#[cfg(unix)]
#[test]
fn odd_file_names_are_printed_escaped_on_one_line() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("names");
    let text = std::fs::read(fixture("seeds/000_17957999e5caf0d5.txt")).unwrap();
    let names: [&[u8]; 3] = [b"new\nline.txt", b"bad\xff.txt", "rlo\u{202e}txt.exe.md".as_bytes()];
    for n in names {
        std::fs::write(dir.join(std::ffi::OsStr::from_bytes(n)), &text).unwrap();
    }
    std::fs::write(dir.join(std::ffi::OsStr::from_bytes(b"empty\n.txt")), b"").unwrap();
    let (out, _) = readout_within(30.0, &["analyze", dir.to_str().unwrap()], b"");
    let stdout = String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8 even for non-UTF-8 names");
    assert_eq!(stdout.lines().count(), 4, "one line per file:\n{stdout}");
    let files: Vec<String> = records(&out).iter().map(|r| r["file"].as_str().unwrap().to_string()).collect();
    let base = dir.display().to_string();
    let want = ["bad\\xff.txt", "empty\\n.txt", "new\\nline.txt", "rlo\\u{202e}txt.exe.md"];
    assert_eq!(files, want.map(|n| format!("{base}/{n}")));
    // The failed file's stderr line is one line, naming the file escaped.
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("empty\\n.txt"), "{stderr}");
}

#[test]
fn a_file_over_its_time_budget_is_reported_and_the_batch_goes_on() {
    let dir = scratch("timeout");
    let (a, c) = two_seeds(&dir);
    // 6 MB of dense readout text: more than a second of analysis (2 MB of it analysed), against a
    // budget of 0.3 s; a seed takes milliseconds (the dictionaries load before the clock starts).
    let para = "2021年10月13日，国务委员兼外长王毅同智利外长阿拉芒通电话。王毅说，中方愿同智方加强合作。\n";
    let big = dir.join("big.txt");
    std::fs::write(&big, para.repeat(6 << 20 >> 7)).unwrap();
    let paths = [a.to_str().unwrap(), big.to_str().unwrap(), c.to_str().unwrap()];
    let budget = if cfg!(debug_assertions) { "4" } else { "0.3" };
    let mut args = vec!["analyze", "-j", "1", "--timeout", budget, "--max-bytes", "100000000"];
    args.extend(paths);
    let (out, took) = readout_within(60.0, &args, b"");
    assert_eq!(out.status.code(), Some(1));
    let got = kinds(&records(&out));
    let want = [("a.txt", "ok"), ("big.txt", "timeout"), ("c.txt", "ok")];
    assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("big.txt") && stderr.contains("time budget"), "{stderr}");
    // The abandoned analysis is not waited for (it stops at its next stage boundary anyway).
    let args = ["analyze", "--timeout", "0", "--max-bytes", "100000000", big.to_str().unwrap()];
    let (alone, alone_took) = readout_within(300.0, &args, b"");
    assert!(alone.status.success());
    eprintln!("the batch with a budget of {budget} s: {took:?}; the big file alone: {alone_took:?}");
}

#[test]
fn parallel_output_keeps_the_input_order() {
    let dir = scratch("order");
    // Files of very different sizes, so that they finish out of order on several workers.
    let mut paths = Vec::new();
    for i in 0..24 {
        let p = dir.join(format!("{i:02}.txt"));
        let para = format!("2021年10月{}日，国务委员兼外长王毅同智利外长阿拉芒通电话。\n", 1 + i % 28);
        std::fs::write(&p, para.repeat(if i % 3 == 0 { 4000 } else { 1 })).unwrap();
        paths.push(p.display().to_string());
    }
    let mut args: Vec<&str> = vec!["analyze", "-j", "1"];
    args.extend(paths.iter().map(String::as_str));
    let (serial, _) = readout_within(120.0, &args, b"");
    args[2] = "4";
    let (parallel, _) = readout_within(120.0, &args, b"");
    assert!(parallel.status.success());
    let files: Vec<String> =
        records(&parallel).iter().map(|r| r["file"].as_str().unwrap().to_string()).collect();
    assert_eq!(files, paths);
    assert_eq!(parallel.stdout, serial.stdout, "-j 4 printed something else than -j 1");
}

#[test]
fn file_lists_are_read_from_stdin() {
    let dir = scratch("stdin");
    let (a, c) = two_seeds(&dir);
    let list = format!("{}\n{}\n", c.display(), a.display());
    let (out, _) = readout_within(30.0, &["analyze", "-"], list.as_bytes());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let got = kinds(&records(&out));
    assert_eq!(got, [("c.txt", "ok"), ("a.txt", "ok")].map(|(a, b)| (a.to_string(), b.to_string())));
    // NUL-separated, mixed with paths on the command line.
    let list = format!("{}\0", c.display());
    let (out, _) = readout_within(30.0, &["analyze", "-0", a.to_str().unwrap(), "-"], list.as_bytes());
    let got = kinds(&records(&out));
    assert_eq!(got, [("a.txt", "ok"), ("c.txt", "ok")].map(|(a, b)| (a.to_string(), b.to_string())));
}

#[test]
fn results_stream_before_the_input_ends() {
    use std::io::{BufRead, Write};
    let dir = scratch("stream");
    let (a, _) = two_seeds(&dir);
    let mut child = Command::new(env!("CARGO_BIN_EXE_readout"))
        .args(["analyze", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{}", a.display()).unwrap();
    stdin.flush().unwrap();
    // The list is still open: the first record must arrive anyway.
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = std::io::BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let first = rx.recv_timeout(std::time::Duration::from_secs(30));
    drop(stdin);
    let _ = child.kill();
    let _ = child.wait();
    let first = first.expect("no record before the list was closed");
    let r: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(r["file"], a.display().to_string());
}

#[test]
fn csv_has_one_row_per_contact_with_readable_values() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/collection");
    let files = ["a_wire.txt", "b_paper.txt", "c_next_day.txt"].map(|n| dir.join(n).display().to_string());
    let png = fixture("ingest/tiny.png");
    let mut args = vec!["analyze", "--csv"];
    args.extend(files.iter().map(String::as_str));
    args.push(&png);
    let (out, _) = readout_within(30.0, &args, b"");
    assert_eq!(out.status.code(), Some(1), "the PNG fails");
    let text = String::from_utf8(out.stdout).unwrap();
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    let header = &rows[0];
    for h in [
        "File",
        "Kind",
        "Date",
        "Counterpart: names",
        "Topics",
        "URL",
        "Summary",
        "Statements",
        "Group",
        "Corrected",
    ] {
        assert!(header.iter().any(|c| c == h), "no {h} column: {header:?}");
    }
    let col = |name: &str| header.iter().position(|c| c == name).unwrap();
    let body = &rows[1..];
    assert_eq!(body.len(), 4, "{text}");
    assert!(body[..3].iter().all(|r| r[col("Kind")] == "Phone call"), "{text}");
    // a and b report the same call: one group; c is the next day.
    assert_eq!(body[0][col("Group")], body[1][col("Group")]);
    assert_ne!(body[0][col("Group")], body[2][col("Group")]);
    assert!(body[3][col("Error")].starts_with("binary:"), "{text}");
    let (zh, _) = readout_within(30.0, &["analyze", "--csv", "--lang", "zh", &files[0]], b"");
    let zh = String::from_utf8(zh.stdout).unwrap();
    assert!(zh.starts_with("文件,标题") && zh.contains(",通电话,"), "{zh}");
}

#[test]
fn collection_pretty_is_a_readable_timeline() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/collection");
    let files = ["a_wire.txt", "b_paper.txt", "c_next_day.txt"].map(|n| dir.join(n).display().to_string());
    let mut args = vec!["analyze", "--collection", "--pretty"];
    args.extend(files.iter().map(String::as_str));
    let (out, _) = readout_within(30.0, &args, b"");
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("== 3 report(s), 3 contact(s) reported, 2 distinct contact(s)"), "{s}");
    assert!(s.contains("Phone call") && s.contains("reported by 2 file(s)"), "{s}");
    assert!(s.contains("by counterpart"), "{s}");
}
