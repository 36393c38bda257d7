//! Adversarial inputs: every file gets a report or a clear error naming it, never a panic, a hang or
//! unbounded memory, each within a time budget. Small inputs live in `tests/fixtures/adversarial/`;
//! big ones are generated here.
#![cfg(not(target_arch = "wasm32"))]

mod harden;

use harden::{analyze_checked, analyze_timed, budget, timed};
use readout::{ErrorKind, Options, Report};
use std::path::{Path, PathBuf};
use std::process::Command;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/adversarial");
const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seeds");

/// A synthetic news paragraph (not from any real article).
const PARA: &str = "新华社北京10月13日电 国务委员兼外长王毅13日在北京会见来访的某国外长。";
/// The last paragraph of the small fixtures; must survive decoding.
const LAST: &str = "双方就双边关系和共同关心的国际问题交换意见";

/// What an input must give.
enum Want {
    /// A report whose body contains this text.
    Ok(&'static str),
    /// An error of this kind.
    Err(ErrorKind),
    /// A report whose body contains this text, or an error of one of these kinds. Used where either
    /// answer is defensible; a report with the wrong text (mojibake) is never accepted.
    OkOr(&'static str, &'static [ErrorKind]),
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(FIXTURES).join(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

fn body_of(r: &Report) -> String {
    r.body.join("\n")
}

/// Analyze `bytes` as `name` and hold the outcome to `want` and the time to `secs` (release).
fn case(name: &str, bytes: &[u8], want: Want, secs: f64) -> Option<Report> {
    case_with(name, bytes, want, secs, &Options::default())
}

fn case_with(name: &str, bytes: &[u8], want: Want, secs: f64, opts: &Options) -> Option<Report> {
    let (result, took) = analyze_timed(bytes, name, opts);
    eprintln!("{name}: {} bytes in {:.0} ms of CPU", bytes.len(), took.as_secs_f64() * 1000.0);
    assert!(took <= budget(secs), "{name}: took {took:?}, over its budget of {:?}", budget(secs));
    match (want, result) {
        (Want::Ok(text) | Want::OkOr(text, _), Ok(r)) => {
            assert!(body_of(&r).contains(text), "{name}: body lacks {text:?}: {:?}", r.body);
            Some(r)
        }
        (Want::Err(kind), Err(e)) => {
            assert_eq!(e.kind, kind, "{name}: wrong error kind: {e}");
            None
        }
        (Want::OkOr(_, kinds), Err(e)) if kinds.contains(&e.kind) => None,
        (Want::Ok(_) | Want::OkOr(..), Err(e)) => panic!("{name}: wanted a report, got the error {e}"),
        (Want::Err(kind), Ok(r)) => panic!("{name}: wanted a {kind:?} error, got a report: {:?}", r.body),
    }
}

#[test]
fn empty_and_blank_files_are_empty() {
    case("empty.txt", &fixture("empty.txt"), Want::Err(ErrorKind::Empty), 0.5);
    case("whitespace.txt", &fixture("whitespace.txt"), Want::Err(ErrorKind::Empty), 0.5);
    case("bom_only.txt", &fixture("bom_only.txt"), Want::Err(ErrorKind::Empty), 0.5);
}

#[test]
fn binary_files_are_refused_as_binary() {
    case("image.png", &fixture("image.png"), Want::Err(ErrorKind::Binary), 0.5);
    case("archive.zip", &fixture("archive.zip"), Want::Err(ErrorKind::Binary), 0.5);
    case("only_nuls.txt", &fixture("only_nuls.txt"), Want::Err(ErrorKind::Binary), 0.5);
    // A big PNG-like file: signature then noise (generated, deterministic).
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(noise(2 << 20, 7));
    case("big.png", &png, Want::Err(ErrorKind::Binary), 2.0);
    // Random bytes without any signature.
    case("noise.bin", &noise(1 << 20, 11), Want::Err(ErrorKind::Binary), 2.0);
}

#[test]
fn broken_text_still_reads() {
    // ~7 % of the characters damaged: still UTF-8, never a legacy-encoding misreading.
    let r = case("invalid_utf8.txt", &fixture("invalid_utf8.txt"), Want::Ok("交换意见"), 0.5).unwrap();
    assert_eq!(r.encoding, "UTF-8");
    // Over 10 % damaged: the right text or a refusal.
    let dense = fixture("invalid_utf8_dense.txt");
    case("invalid_utf8_dense.txt", &dense, Want::OkOr(LAST, &[ErrorKind::Binary]), 0.5);
    // Stray NULs in text: read around them, or refused as binary saying why.
    let nul = fixture("nul_bytes.txt");
    match case("nul_bytes.txt", &nul, Want::OkOr(LAST, &[ErrorKind::Binary]), 0.5) {
        Some(r) => assert!(body_of(&r).contains("会见来访"), "text around NUL bytes lost: {:?}", r.body),
        None => {
            let e = readout::analyze(&nul, "nul_bytes.txt", &Options::default()).unwrap_err();
            assert!(e.message.contains("NUL"), "the refusal does not say why: {e}");
        }
    }
    // Old Mac line ends and CRLF must split paragraphs like LF does.
    let cr = format!("{PARA}\r{LAST}。\r").into_bytes();
    let r = case("cr_only.txt", &cr, Want::Ok(LAST), 0.5).unwrap();
    assert!(r.body.iter().all(|p| !p.contains('\r')), "CR left in the body: {:?}", r.body);
    let crlf = format!("{PARA}\r\n\r\n{LAST}。\r\n").into_bytes();
    let r = case("crlf.txt", &crlf, Want::Ok(LAST), 0.5).unwrap();
    assert!(r.body.iter().all(|p| !p.contains('\r')), "CR left in the body: {:?}", r.body);
}

#[test]
fn utf8_with_cesu8_emoji_is_utf8_with_a_warning() {
    // A made-up UTF-8 readout with sixty emoji appended as CESU-8 (surrogates encoded one by one,
    // as Java and some database exports write them): once read as windows-1252, its contact lost.
    let name = "utf8_cesu8_emoji.txt";
    let r = case(name, &fixture(name), Want::Ok("阿拉芒表示"), 0.5).unwrap();
    assert_eq!(r.encoding, "UTF-8");
    assert!(
        r.warnings.iter().any(|w| w.kind == "encoding" && w.message.contains("CESU-8")),
        "{:?}",
        r.warnings
    );
    assert!(body_of(&r).contains('\u{1f600}'), "the emoji were not decoded: {:?}", r.body);
    let cps: Vec<_> = r.contacts.events.iter().flat_map(|e| &e.counterparts).collect();
    assert!(cps.iter().any(|p| p.country.as_deref() == Some("CL")), "the contact was lost: {cps:?}");
}

#[test]
fn utf16_with_bom_decodes() {
    for name in ["utf16le_bom.txt", "utf16be_bom.txt"] {
        let r = case(name, &fixture(name), Want::Ok(LAST), 0.5).unwrap();
        assert!(!body_of(&r).contains('\0'), "{name}: NULs in the body: {:?}", r.body);
    }
}

#[test]
fn utf16_without_bom_decodes_or_is_refused() {
    // Either the right text or a clear refusal: never mojibake.
    for name in ["utf16le_nobom.txt", "utf16be_nobom.txt"] {
        case(name, &fixture(name), Want::OkOr(LAST, &[ErrorKind::Binary, ErrorKind::Parse]), 0.5);
    }
}

#[test]
fn legacy_encodings_decode() {
    case("gbk.txt", &fixture("gbk.txt"), Want::Ok(LAST), 0.5);
    case("big5.txt", &fixture("big5.txt"), Want::Ok("雙方就雙邊關係"), 0.5);
}

#[test]
fn front_matter_only_is_empty_or_keeps_its_metadata() {
    let r = case(
        "front_matter_only.md",
        &fixture("front_matter_only.md"),
        Want::OkOr("", &[ErrorKind::Empty]),
        0.5,
    );
    if let Some(r) = r {
        assert_eq!(r.meta.title.as_deref(), Some("王毅会见某国外长"), "front matter not read");
        assert!(!r.body.iter().any(|p| p.contains("title:")), "front matter in the body: {:?}", r.body);
    }
}

#[test]
fn broken_front_matter_keeps_the_body() {
    let body = "正文第一段";
    case(
        "front_matter_unclosed.md",
        &fixture("front_matter_unclosed.md"),
        Want::OkOr(body, &[ErrorKind::Parse]),
        0.5,
    );
    case("yaml_bad_alias.md", &fixture("yaml_bad_alias.md"), Want::Ok("王毅同某国外长通电话"), 0.5);
}

#[test]
fn yaml_alias_bomb_is_not_expanded() {
    // 9 levels of 9 aliases: ~387 million nodes if expanded, which would exhaust memory.
    let r = case(
        "yaml_billion_laughs.md",
        &fixture("yaml_billion_laughs.md"),
        Want::Ok("王毅同某国外长通电话"),
        1.0,
    )
    .unwrap();
    let title_len = r.meta.title.as_deref().map_or(0, str::len);
    assert!(title_len < 1000, "an alias bomb became a {title_len}-byte title");
    let json = serde_json::to_string(&r).unwrap();
    assert!(json.len() < 100_000, "an alias bomb blew the report up to {} bytes", json.len());
}

#[test]
fn deep_front_matter_is_bounded() {
    let n = 10_000;
    let yaml_block = format!("---\n{}x\n---\n\n{PARA}\n", "- ".repeat(n));
    case("yaml_deep_block.md", yaml_block.as_bytes(), Want::Ok(PARA), 1.0);
    let mut yaml_nested_map = String::from("---\n");
    for i in 0..2_000 {
        yaml_nested_map.push_str(&" ".repeat(i));
        yaml_nested_map.push_str("k:\n");
    }
    yaml_nested_map.push_str(&format!("---\n\n{PARA}\n"));
    case("yaml_deep_map.md", yaml_nested_map.as_bytes(), Want::Ok(PARA), 1.0);
    let yaml_flow = format!("---\ntitle: {}{}\n---\n\n{PARA}\n", "[".repeat(n), "]".repeat(n));
    case("yaml_deep_flow.md", yaml_flow.as_bytes(), Want::Ok(PARA), 1.0);
    let toml = format!("+++\ntitle = {}{}\n+++\n\n{PARA}\n", "[".repeat(n), "]".repeat(n));
    case("toml_deep.md", toml.as_bytes(), Want::Ok(PARA), 1.0);
    let toml_tables = format!("+++\ntitle = {}1{}\n+++\n\n{PARA}\n", "{a=".repeat(n), "}".repeat(n));
    case("toml_deep_tables.md", toml_tables.as_bytes(), Want::Ok(PARA), 1.0);
}

#[test]
fn many_front_matter_keys() {
    let mut s = String::from("---\n");
    for i in 0..100_000 {
        s.push_str(&format!("key{i}: 值{i}\n"));
    }
    s.push_str(&format!("title: 王毅会见某国外长\n---\n\n{PARA}\n"));
    case("many_keys.md", s.as_bytes(), Want::Ok(PARA), 3.0);
}

#[test]
fn deep_html_nesting() {
    let n = 10_000;
    for tag in ["div", "span", "b", "blockquote", "table", "ul", "a"] {
        let html = format!("<{tag}>{}{PARA}{}", format!("<{tag}>").repeat(n), format!("</{tag}>").repeat(n));
        let name = format!("deep_{tag}.html");
        // Tables and links may be cut as boilerplate; the file must still answer, fast.
        let want =
            if tag == "table" || tag == "a" { Want::OkOr(PARA, &[ErrorKind::Empty]) } else { Want::Ok(PARA) };
        case(&name, html.as_bytes(), want, 2.0);
    }
    // Unclosed everything, in a full page.
    let page = format!(
        "<!DOCTYPE html><html><head><title>王毅会见某国外长</title></head><body>{}<p>{PARA}",
        "<div><p><b><i><font>".repeat(n / 5)
    );
    case("deep_unclosed_page.html", page.as_bytes(), Want::OkOr(PARA, &[ErrorKind::Empty]), 2.0);
}

#[test]
fn deep_markdown_nesting() {
    let n = 10_000;
    let quotes = format!("# 标题\n\n{}{PARA}\n", "> ".repeat(n));
    case("deep_quote.md", quotes.as_bytes(), Want::Ok(PARA), 2.0);
    let mut list = String::from("# 标题\n\n");
    for i in 0..2_000 {
        list.push_str(&"  ".repeat(i));
        list.push_str("- 项\n");
    }
    list.push_str(&format!("\n{PARA}\n"));
    case("deep_list.md", list.as_bytes(), Want::Ok(PARA), 2.0);
    let emphasis = format!("# 标题\n\n{}{PARA}{}\n", "*_".repeat(n), "_*".repeat(n));
    case("deep_emphasis.md", emphasis.as_bytes(), Want::Ok("王毅"), 2.0);
    let links = format!("# 标题\n\n{}{PARA}{}\n", "[".repeat(n), "](x)".repeat(n));
    case("deep_links.md", links.as_bytes(), Want::Ok("王毅"), 2.0);
}

#[test]
fn a_hundred_thousand_tiny_paragraphs() {
    let n = by_build(100_000, 10_000);
    let mut text = format!("{PARA}\n\n");
    for i in 0..n {
        text.push_str(&format!("第{i}段。\n\n"));
    }
    case("tiny_paragraphs.txt", text.as_bytes(), Want::Ok(PARA), 5.0);
    let mut html = format!("<p>{PARA}</p>");
    for _ in 0..n {
        html.push_str("<p>短。</p>");
    }
    case("tiny_paragraphs.html", html.as_bytes(), Want::Ok(PARA), 5.0);
}

#[test]
fn one_enormous_line() {
    let line = PARA.repeat(by_build(20_000, 500)); // ~1.9 MB, no line break
    case("one_line.txt", line.as_bytes(), Want::Ok(PARA), 8.0);
    let attr = format!("<p title=\"{}\">{PARA}</p>", "x".repeat(by_build(4 << 20, 1 << 20)));
    case("huge_attribute.html", attr.as_bytes(), Want::Ok(PARA), 5.0);
    // 1.5 MB: under the 2 MiB of text analysed, so the paragraph after it must be read.
    let comment = format!("<!--{}\n{PARA}\n", "注释".repeat(by_build(1 << 18, 1 << 16)));
    case("unclosed_comment.html", comment.as_bytes(), Want::OkOr(PARA, &[ErrorKind::Empty]), 5.0);
}

#[test]
fn crowds_of_attributes_and_elements_are_cut_before_the_parser() {
    // 200,000 distinct attributes on one element took 30 s inside the HTML tokenizer.
    let n = by_build(200_000, 20_000);
    let attrs: Vec<String> = (0..n).map(|i| format!("data-a{i}=\"{i}\"")).collect();
    let html = format!("<p {}>{PARA}</p>", attrs.join(" "));
    let r = case("attributes.html", html.as_bytes(), Want::Ok(PARA), 2.0).unwrap();
    assert!(r.warnings.iter().any(|w| w.kind == "attributes"), "{:?}", r.warnings);
    // More elements than a page may have: the text stays, the tags past the limit go.
    let opts = Options { max_elements: 1000, ..Options::default() };
    let html: String =
        (0..3000).map(|i| format!("<p>第{i}段。</p>")).collect::<String>() + &format!("<p>{PARA}</p>");
    let r = case_with("elements.html", html.as_bytes(), Want::Ok(PARA), 2.0, &opts).unwrap();
    assert!(r.warnings.iter().any(|w| w.kind == "elements"), "{:?}", r.warnings);
    assert!(body_of(&r).contains("第2999段"), "text past the element limit lost");
    // Numeric entities (plain, and spelling a name) decode; their cost stays linear.
    let html = format!("<p>{}{PARA}</p>", "&#x4e2d;&#22269;".repeat(by_build(200_000, 20_000)));
    case("entities.html", html.as_bytes(), Want::Ok(PARA), 3.0);
}

#[test]
fn invisible_characters_leave_names_whole_and_labels_clean() {
    // A zero-width joiner inside names, a bidi override in the title and the outlet: the names are
    // found whole and reported clean, the body keeps the characters as written.
    let text = "---\ntitle: 王\u{200d}毅同智利外长阿拉芒通电话\u{202e}\noutlet: 新\u{200b}华社\n---\n\n\
                新华社北京10月13日电 2021年10月13日，国务委员兼外长王\u{200d}毅同智利外长阿\u{200b}拉芒通电话。\n\n\
                王\u{2066}毅说，中方愿同智方加强合作。\n";
    let r = case("invisible.md", text.as_bytes(), Want::Ok("王\u{200d}毅同智利外长"), 0.5).unwrap();
    assert_eq!(r.meta.title.as_deref(), Some("王毅同智利外长阿拉芒通电话"));
    assert_eq!(r.meta.outlet.as_deref(), Some("新华社"));
    let e = r.contacts.events.first().expect("the call is found");
    let names = |ps: &[readout::contacts::Participant]| -> Vec<String> {
        ps.iter().filter_map(|p| p.name.clone()).collect()
    };
    assert_eq!(names(&e.china), ["王毅"]);
    assert_eq!(names(&e.counterparts), ["阿拉芒"]);
    // The name's span still covers the characters as written.
    let span = e.china[0].span.expect("a span");
    assert_eq!(&body_of(&r)[span.start..span.end], "王\u{200d}毅");
    let speakers: Vec<&str> = r.contacts.statements.iter().map(|s| s.speaker.as_str()).collect();
    assert!(speakers.contains(&"王毅"), "{speakers:?}");
    let kinds: Vec<&str> = r.warnings.iter().map(|w| w.kind.as_str()).collect();
    assert!(kinds.contains(&"invisible_characters"), "{kinds:?}");
    // One contact reported by two files, one with the joiner: one group.
    let clean = text.replace(['\u{200d}', '\u{200b}', '\u{202e}', '\u{2066}'], "");
    let r2 = readout::analyze(clean.as_bytes(), "clean.md", &Options::default()).unwrap();
    let c = readout::collection::collect(&[r, r2]);
    assert_eq!(c.groups.len(), 1, "{:?}", c.groups.iter().map(|g| &g.members).collect::<Vec<_>>());
}

#[test]
fn very_long_text_is_analysed_up_to_the_limit() {
    let opts = Options { max_text: 64 << 10, ..Options::default() };
    let text = format!("{PARA}\n\n").repeat(4000); // ~400 KB
    let r = case_with("long.txt", text.as_bytes(), Want::Ok(PARA), 5.0, &opts).unwrap();
    assert!(body_of(&r).len() <= 64 << 10, "{} bytes analysed", body_of(&r).len());
    assert!(r.warnings.iter().any(|w| w.kind == "text_truncated"), "{:?}", r.warnings);
}

#[test]
fn over_the_size_limit_is_refused_with_the_limit_named() {
    let big = PARA.repeat(50 * 1024 * 1024 / PARA.len() + 1); // > 50 MB
    let opts = Options::default();
    let (r, took) = timed(|| analyze_checked(big.as_bytes(), "fifty.txt", &opts));
    let e = r.expect_err("a 50 MB file is over the default limit");
    assert_eq!(e.kind, ErrorKind::TooLarge);
    assert!(names_limit(&e.message, opts.max_bytes), "message does not give the limit: {}", e.message);
    assert!(took <= budget(0.1), "refusing took {took:?}");
    // The limit is the option's, not a constant.
    let small = Options { max_bytes: 1000, ..Options::default() };
    let e = analyze_checked(&big.as_bytes()[..2000], "small.txt", &small).expect_err("over 1000 bytes");
    assert_eq!(e.kind, ErrorKind::TooLarge);
    assert!(names_limit(&e.message, 1000), "message does not give the limit: {}", e.message);
}

#[test]
fn a_big_file_under_the_limit_is_analyzed_in_time() {
    // 4 MB of dense readout text, under the 20 MB default: the cost must stay proportionate.
    let size = by_build(4 << 20, 64 << 10);
    let mut text = String::with_capacity(size + 1000);
    let mut i = 0;
    while text.len() < size {
        text.push_str(&format!("{i}日，{PARA}双方就双边关系交换意见。\n\n"));
        i += 1;
    }
    case("big_under_limit.txt", text.as_bytes(), Want::Ok(PARA), 20.0);
}

/// Sizes for a release build (`./build.sh test`) and a smaller one for a debug build, whose
/// analysis runs 10-20 times slower: the debug run checks the behaviour, the release run the scale.
fn by_build(release: usize, debug: usize) -> usize {
    if cfg!(debug_assertions) {
        debug
    } else {
        release
    }
}

fn names_limit(msg: &str, limit: usize) -> bool {
    let mib = limit / (1024 * 1024);
    msg.contains(&limit.to_string())
        || (limit >= 1 << 20 && (msg.contains(&format!("{mib} MB")) || msg.contains(&format!("{mib} MiB"))))
}

/// Deterministic pseudo-random bytes (xorshift), so failures reproduce.
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

// ---- through the CLI binary ----

/// A fresh scratch folder under the target dir: tests write nowhere else.
fn scratch(tag: &str) -> PathBuf {
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("readout-harden-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run_cli(args: &[&str], files: &[PathBuf]) -> (Vec<serde_json::Value>, String, Option<i32>) {
    let out = Command::new(env!("CARGO_BIN_EXE_readout"))
        .arg("analyze")
        .args(args)
        .args(files)
        .output()
        .expect("the CLI runs");
    let stdout = String::from_utf8(out.stdout).expect("CLI output is UTF-8");
    let lines = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("CLI line is not JSON ({e}): {l}")))
        .collect();
    (lines, String::from_utf8_lossy(&out.stderr).into_owned(), out.status.code())
}

#[test]
fn cli_batch_good_results_unaffected_by_bad_files() {
    let dir = scratch("batch");
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(SEEDS).unwrap().map(|e| e.unwrap().path()).collect();
    seeds.sort();
    assert!(!seeds.is_empty());
    let bad_names = ["image.png", "archive.zip", "empty.txt", "only_nuls.txt"];
    let mut bad: Vec<PathBuf> = bad_names.iter().map(|n| Path::new(FIXTURES).join(n)).collect();
    let huge = dir.join("huge.txt");
    std::fs::write(&huge, PARA.repeat(2000)).unwrap();
    bad.push(huge.clone());
    let missing = dir.join("missing.txt");
    bad.push(missing.clone());

    let (alone, _, status) = run_cli(&["--max-bytes", "100000"], &seeds);
    assert_eq!(status, Some(0), "seeds alone must succeed");
    assert_eq!(alone.len(), seeds.len());

    // Interleave bad files between the good ones.
    let mut mixed = Vec::new();
    for (i, s) in seeds.iter().enumerate() {
        if let Some(b) = bad.get(i) {
            mixed.push(b.clone());
        }
        mixed.push(s.clone());
    }
    mixed.extend(bad.iter().skip(seeds.len()).cloned());
    let (lines, stderr, status) = run_cli(&["--max-bytes", "100000"], &mixed);
    assert_eq!(status, Some(1), "a batch with bad files exits 1");
    assert_eq!(lines.len(), mixed.len(), "one line per file");
    for (path, line) in mixed.iter().zip(&lines) {
        let name = path.display().to_string();
        assert_eq!(line["file"], name.as_str(), "lines out of order");
        if let Some(i) = seeds.iter().position(|s| s == path) {
            assert_eq!(line, &alone[i], "{name}: result changed by the bad files around it");
        } else {
            let err = &line["error"];
            let kind = err["kind"].as_str().unwrap_or_else(|| panic!("{name}: no error kind: {line}"));
            let msg = err["message"].as_str().unwrap_or_else(|| panic!("{name}: no message: {line}"));
            assert!(!msg.is_empty(), "{name}: empty message");
            assert_eq!(line.as_object().unwrap().len(), 2, "{name}: error line has extra fields: {line}");
            assert!(stderr.contains(&name), "stderr does not name {name}: {stderr}");
            let want = if path == &huge {
                "too_large"
            } else if path == &missing {
                "io"
            } else if path.ends_with("empty.txt") {
                "empty"
            } else {
                "binary"
            };
            assert_eq!(kind, want, "{name}: {msg}");
            if path == &huge {
                assert!(names_limit(msg, 100_000), "{name}: the limit is not named: {msg}");
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cli_refuses_a_50mb_file_naming_file_and_limit() {
    let dir = scratch("fifty");
    let path = dir.join("fifty.txt");
    std::fs::write(&path, PARA.repeat(50 * 1024 * 1024 / PARA.len() + 1)).unwrap();
    // Wall time: the work happens in the child process.
    let wall = std::time::Instant::now();
    let (lines, stderr, status) = run_cli(&[], std::slice::from_ref(&path));
    let took = wall.elapsed();
    assert_eq!(status, Some(1));
    assert_eq!(lines.len(), 1);
    let name = path.display().to_string();
    assert_eq!(lines[0]["file"], name.as_str());
    assert_eq!(lines[0]["error"]["kind"], "too_large");
    let msg = lines[0]["error"]["message"].as_str().unwrap();
    assert!(names_limit(msg, Options::default().max_bytes), "limit not named: {msg}");
    assert!(stderr.contains(&name), "stderr does not name the file: {stderr}");
    // The CLI checks the size before reading: refusing must not cost a read of 50 MB.
    assert!(took <= budget(2.0), "refusing took {took:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The hostile inputs of issue #9, through the CLI with its default time budget: each gets its
/// record within the budget (no `timeout`) and the good file after them is reported; a 20 MB file
/// alone keeps the process under 300 MB.
#[test]
fn cli_answers_hostile_inputs_within_the_budget_and_300_mb() {
    let dir = scratch("issue9");
    let w = |name: &str, text: String| std::fs::write(dir.join(name), text).unwrap();
    let n = |release: usize| by_build(release, release / 16);
    w("names_before_verb.txt", format!("标题\n{}会见布林肯。\n", "王毅".repeat(n(32_000))));
    let runon: Vec<String> =
        (0..n(60_000)).map(|i| format!("王毅{}日同智利外长阿拉芒通电话", 1 + i % 28)).collect();
    w("runon.txt", format!("标题\n{}。\n", runon.join("，")));
    w("flat_list.md", (0..n(262_144)).map(|i| format!("- 项{i}\n")).collect());
    w("plain_lines.txt", (0..n(262_144)).map(|i| format!("中国外交部长{i}\n")).collect());
    let attrs: Vec<String> = (0..n(200_000)).map(|i| format!("a{i}=\"x\"")).collect();
    w("attributes.html", format!("<p {}>王毅会见布林肯。</p>", attrs.join(" ")));
    w("entities.html", format!("<p>{}会见布林肯。</p>", "&#29579;&#27589;".repeat(n(100_000))));
    w("contacts_paragraph.txt", "王毅同智利外长阿拉芒通电话。".repeat(n(20_000)));
    std::fs::copy(Path::new(SEEDS).join("000_17957999e5caf0d5.txt"), dir.join("zz_good.txt")).unwrap();
    // Wall-clock budget: the slowest of these takes about 3 s of CPU; a loaded 2-core CI box stretches
    // that several times, and a hang (the bug) never ends, so a wide budget still tells them apart.
    let timeout = if cfg!(debug_assertions) { "240" } else { "60" };
    let para = "2021年10月13日，国务委员兼外长王毅同智利外长阿拉芒通电话。王毅说，中方愿同智方加强合作。\n";
    let big = scratch("issue9-big").join("twenty_mb.txt");
    std::fs::write(&big, para.repeat(by_build(20 << 20, 1 << 20) / para.len())).unwrap();
    let (stdout, took, rss) = run_measured(&["analyze", "--timeout", timeout, big.to_str().unwrap()]);
    assert!(stdout.starts_with("{\"file\""), "{}", &stdout[..stdout.len().min(300)]);
    assert!(!stdout.contains("\"error\":{\"kind\""), "the 20 MB file failed");
    eprintln!("a 20 MB file: {took:?}, peak RSS {rss:?} MB");
    if let (Some(mb), false) = (rss, cfg!(debug_assertions)) {
        assert!(mb <= 300, "the CLI grew to {mb} MB on a 20 MB file");
    }
    let (stdout, took, _) =
        run_measured(&["analyze", "-j", "2", "--timeout", timeout, dir.to_str().unwrap()]);
    let recs: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(recs.len(), 8, "one record per file");
    let mut slow = Vec::new();
    for r in &recs {
        let file = r["file"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
        match r["error"]["kind"].as_str() {
            None => {}
            Some("timeout") => slow.push(file),
            Some(kind) => panic!("{file}: {kind}: {}", r["error"]["message"]),
        }
    }
    eprintln!("issue #9 inputs through the CLI: {took:?}");
    assert!(recs[7].get("error").is_none(), "the good file after them: {}", recs[7]);
    assert!(slow.is_empty(), "over the time budget: {slow:?}");

    let _ = std::fs::remove_dir_all(&dir);
}

/// Run the CLI; its stdout, wall time, and (on Linux) its peak resident set in MB, read from its
/// `VmHWM` while it runs (the rusage of a spawned child counts the parent's memory: a child started
/// with `vfork`-style spawning records the test process's own peak when it execs).
fn run_measured(args: &[&str]) -> (String, std::time::Duration, Option<i64>) {
    use std::io::Read;
    let wall = std::time::Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_readout"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the CLI runs");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        stdout.read_to_string(&mut s).map(|_| s)
    });
    let status = format!("/proc/{}/status", child.id());
    let mut peak_kb: Option<i64> = None;
    while child.try_wait().unwrap().is_none() {
        let hwm = std::fs::read_to_string(&status).ok().and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?.to_string();
            line.split_whitespace().nth(1)?.parse::<i64>().ok()
        });
        if let Some(kb) = hwm {
            peak_kb = Some(peak_kb.unwrap_or(0).max(kb));
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let stdout = reader.join().unwrap().expect("stdout is UTF-8");
    (stdout, wall.elapsed(), peak_kb.map(|kb| kb / 1024))
}
