//! Ingest tests, driven by fixtures: each `tests/fixtures/ingest/<name>.<ext>` (and each seed in
//! `tests/fixtures/seeds/`) has a `<name>.expected.json` next to it that says what ingest must make of
//! it. Keys present are checked, absent keys are not:
//! `error` (kind) and `message_contains`; `format`, `encoding`, `script`; `title`, `title_source`,
//! `published`, `published_source`, `published_date` (date part only), `author`, `url`, `editor`,
//! `original_title`, `tags`, `categories`; `paragraphs` (all, exactly), `first_starts`, `last_ends`;
//! `absent` (strings the body must not contain); `warnings` (kinds that must be present).
//!
//! Inputs too big to commit (50 MB, 10,000-deep nesting, alias bombs) are generated here.

use readout::ingest;
use readout::{ErrorKind, Options};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn fixtures(dir: &str) -> Vec<(PathBuf, Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(dir);
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        if name.ends_with(".expected.json") {
            continue;
        }
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        let exp = p.with_file_name(format!("{stem}.expected.json"));
        if let Ok(text) = std::fs::read_to_string(&exp) {
            out.push((p.clone(), serde_json::from_str(&text).unwrap()));
        }
    }
    out
}

fn to_json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap()
}

/// Check one fixture; returns the list of failures (empty when it passes).
fn check(path: &Path, exp: &Value) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_str().unwrap();
    let mut fails = Vec::new();
    let result = ingest::read(&bytes, name, &Options::default());
    if let Some(kind) = exp.get("error") {
        match result {
            Ok(_) => fails.push(format!("expected error {kind}, got a document")),
            Err(e) => {
                if to_json(&e.kind) != *kind {
                    fails.push(format!("error kind {:?} != {kind}", e.kind));
                }
                if let Some(m) = exp.get("message_contains").and_then(Value::as_str) {
                    if !e.message.contains(m) {
                        fails.push(format!("message {:?} lacks {m:?}", e.message));
                    }
                }
            }
        }
        return fails;
    }
    let doc = match result {
        Ok(d) => d,
        Err(e) => return vec![format!("unexpected error: {e}")],
    };
    let meta = to_json(&doc.meta);
    let mut eq = |field: &str, got: Value| {
        if let Some(want) = exp.get(field) {
            if *want != got {
                fails.push(format!("{field}: got {got}, want {want}"));
            }
        }
    };
    eq("format", to_json(&doc.format));
    eq("encoding", Value::from(doc.encoding.clone()));
    eq("script", to_json(&doc.script));
    for f in [
        "title",
        "title_source",
        "published",
        "published_source",
        "author",
        "url",
        "editor",
        "original_title",
        "tags",
        "categories",
    ] {
        eq(f, meta[f].clone());
    }
    let date = doc.meta.published.as_deref().map(|p| p.chars().take(10).collect::<String>());
    eq("published_date", to_json(&date));
    eq("paragraphs", to_json(&doc.paragraphs));
    if let Some(s) = exp.get("first_starts").and_then(Value::as_str) {
        if !doc.paragraphs.first().is_some_and(|p| p.starts_with(s)) {
            fails.push(format!("first paragraph {:?} does not start with {s:?}", doc.paragraphs.first()));
        }
    }
    if let Some(s) = exp.get("last_ends").and_then(Value::as_str) {
        if !doc.paragraphs.last().is_some_and(|p| p.ends_with(s)) {
            fails.push(format!("last paragraph {:?} does not end with {s:?}", doc.paragraphs.last()));
        }
    }
    for a in exp.get("absent").and_then(Value::as_array).into_iter().flatten() {
        let a = a.as_str().unwrap();
        if doc.text.contains(a) {
            fails.push(format!("body contains {a:?}"));
        }
    }
    for w in exp.get("warnings").and_then(Value::as_array).into_iter().flatten() {
        if !doc.warnings.iter().any(|x| x.kind == w.as_str().unwrap()) {
            fails.push(format!("no warning of kind {w}; warnings: {:?}", doc.warnings));
        }
    }
    fails
}

fn run_dir(dir: &str) {
    let cases = fixtures(dir);
    assert!(!cases.is_empty(), "no fixtures in {dir}");
    let mut report = Vec::new();
    for (path, exp) in &cases {
        for f in check(path, exp) {
            report.push(format!("{}: {f}", path.display()));
        }
    }
    assert!(report.is_empty(), "{} failure(s):\n{}", report.len(), report.join("\n"));
}

#[test]
fn ingest_fixtures() {
    run_dir("ingest");
}

#[test]
fn seed_fixtures() {
    run_dir("seeds");
}

#[test]
fn zip_is_binary() {
    let mut zip = b"PK\x03\x04\x14\0\0\0\x08\0".to_vec();
    zip.extend(std::iter::repeat_n(0xA5u8, 200));
    let e = ingest::read(&zip, "a.zip", &Options::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Binary);
    assert!(e.message.contains("ZIP"), "{}", e.message);
}

#[test]
fn random_bytes_are_binary() {
    // A deterministic pseudo-random byte soup with NULs and control codes.
    let mut x: u32 = 12345;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect();
    let e = ingest::read(&bytes, "noise.bin", &Options::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Binary);
}

#[test]
fn invalid_utf8_is_read_with_a_warning() {
    let mut bytes = "甲国外长同乙国外长通电话。双方同意保持沟通，加强合作。".as_bytes().to_vec();
    bytes.insert(9, 0xFF);
    let doc = ingest::read(&bytes, "bad.txt", &Options::default()).unwrap();
    assert_eq!(doc.encoding, "UTF-8");
    assert!(doc.text.contains("双方同意保持沟通"));
    assert!(doc.warnings.iter().any(|w| w.kind == "encoding"));
}

fn big_article(bytes: usize) -> Vec<u8> {
    let para = "<p>甲国外长同乙国外长举行会谈，双方就双边关系和共同关心的国际地区问题深入交换了意见。</p>\n";
    let mut s = String::from("---\ntitle: 大文件\n---\n<div>\n");
    while s.len() < bytes {
        s.push_str(para);
    }
    s.push_str("</div>\n");
    s.into_bytes()
}

#[test]
fn fifty_megabytes_is_too_large_by_default_and_bounded_when_allowed() {
    let bytes = big_article(50 * 1024 * 1024);
    let e = ingest::read(&bytes, "big.md", &Options::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::TooLarge);
    assert!(e.message.contains("limit"));
    // Every element and the whole text kept (no caps): ingest alone must stay bounded.
    let opts = Options {
        max_bytes: 64 * 1024 * 1024,
        max_text: usize::MAX,
        max_elements: usize::MAX,
        ..Options::default()
    };
    let t = Instant::now();
    let doc = ingest::read(&bytes, "big.md", &opts).unwrap();
    assert!(doc.paragraphs.len() > 100_000);
    assert!(t.elapsed() < Duration::from_secs(120), "took {:?}", t.elapsed());
}

#[test]
fn html_nested_ten_thousand_deep() {
    for page in [false, true] {
        let open = "<div><span>".repeat(10_000);
        let close = "</span></div>".repeat(10_000);
        let html = if page {
            format!("<html><body>{open}甲国外长同乙国外长通电话。{close}</body></html>")
        } else {
            format!("{open}甲国外长同乙国外长通电话。{close}")
        };
        let t = Instant::now();
        let doc = ingest::read(html.as_bytes(), "deep.html", &Options::default()).unwrap();
        assert_eq!(doc.paragraphs, ["甲国外长同乙国外长通电话。"]);
        assert!(t.elapsed() < Duration::from_secs(30));
    }
}

#[test]
fn yaml_alias_bomb_is_bounded() {
    let mut y = String::from(
        "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m"];
    let mut prev = "a";
    for n in names {
        y.push_str(&format!(
            "{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
        prev = n;
    }
    y.push_str("title: 炸弹\n---\n\n正文一段。\n");
    let t = Instant::now();
    let doc = ingest::read(y.as_bytes(), "bomb.md", &Options::default()).unwrap();
    assert!(t.elapsed() < Duration::from_secs(5), "took {:?}", t.elapsed());
    assert_eq!(doc.meta.title.as_deref(), Some("炸弹"));
    assert_eq!(doc.paragraphs, ["正文一段。"]);
}

#[test]
fn simplified_view_maps_back() {
    let doc =
        ingest::read("據外交部網站消息，王毅同拉夫羅夫通電話。".as_bytes(), "t.txt", &Options::default())
            .unwrap();
    let i = doc.simplified.find("拉夫罗夫").unwrap();
    assert_eq!(doc.original_of_simplified(i..i + "拉夫罗夫".len()), "拉夫羅夫");
}

#[test]
fn markdown_line_opening_ten_thousand_lists_is_bounded() {
    let md = format!("# 标题\n\n{}x\n\n甲国外长同乙国外长举行会谈。\n", "- ".repeat(10_000));
    let t = Instant::now();
    let doc = ingest::read(md.as_bytes(), "deep_list.md", &Options::default()).unwrap();
    assert!(t.elapsed() < Duration::from_secs(5), "took {:?}", t.elapsed());
    assert_eq!(doc.paragraphs.last().map(String::as_str), Some("甲国外长同乙国外长举行会谈。"));
}

#[test]
fn yaml_nested_ten_thousand_deep_is_read_line_by_line() {
    let y =
        format!("---\ntitle: 深\ntags: {}{}\n---\n\n正文一段。\n", "[".repeat(10_000), "]".repeat(10_000));
    let doc = ingest::read(y.as_bytes(), "deep.md", &Options::default()).unwrap();
    assert_eq!(doc.meta.title.as_deref(), Some("深"));
    assert!(doc.warnings.iter().any(|w| w.kind == "front_matter"));
    assert_eq!(doc.paragraphs, ["正文一段。"]);
}
