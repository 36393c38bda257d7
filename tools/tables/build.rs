//! Build `data/jieba_news.bin`, the segmentation tables (src/terms/tables.rs), from jieba's
//! dictionary and IDF table as jieba-rs ships them (the version in Cargo.lock):
//!
//!     cargo run --release --example build_tables [-- --min-freq N] [--out FILE] [--check]
//!
//! `--check` builds in memory and fails when the committed file differs (build.sh test runs it).
//! The rule and the figures are in data/jieba_news.md.

#[path = "source.rs"]
mod source;

use readout::terms::tables::encode;

/// Words jieba counted this often or less are left out (data/jieba_news.md says why this value).
const RULE: source::Rule = source::Rule { min_freq: 1000, min_zipf: 1.0, max_chars: 2 };

fn main() {
    let mut args = std::env::args().skip(1);
    let mut rule = RULE;
    let mut usage = concat!(env!("CARGO_MANIFEST_DIR"), "/target/tables/wordfreq_zh.tsv").to_string();
    let mut out = concat!(env!("CARGO_MANIFEST_DIR"), "/data/jieba_news.bin").to_string();
    let mut check = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--min-freq" => rule.min_freq = args.next().and_then(|v| v.parse().ok()).expect("--min-freq N"),
            "--min-zipf" => rule.min_zipf = args.next().and_then(|v| v.parse().ok()).expect("--min-zipf Z"),
            "--max-chars" => {
                rule.max_chars = args.next().and_then(|v| v.parse().ok()).expect("--max-chars N")
            }
            "--usage" => usage = args.next().expect("--usage FILE"),
            "--out" => out = args.next().expect("--out FILE"),
            "--check" => check = true,
            _ => {
                eprintln!(
                    "usage: build_tables [--min-freq N] [--min-zipf Z] [--usage FILE] [--out FILE] [--check]"
                );
                std::process::exit(2);
            }
        }
    }
    let (entries, median) = source::full_entries(&source::jieba_data_dir());
    let usage = source::read_usage(std::path::Path::new(&usage));
    let (kept, mass) = source::prune(&entries, rule, &usage);
    let bytes = encode(&kept, mass, median);
    eprintln!(
        "{} of {} words ({rule:?}, and every single character); {} with an IDF; \
         pruned mass {mass}; median IDF {median}; {} bytes",
        kept.len(),
        entries.len(),
        kept.iter().filter(|e| e.idf.is_some()).count(),
        bytes.len()
    );
    if check {
        let have = std::fs::read(&out).unwrap_or_default();
        if have != bytes {
            eprintln!("{out} is not what the tool builds: run `cargo run --release --example build_tables`");
            std::process::exit(1);
        }
        eprintln!("{out} is up to date");
    } else {
        std::fs::write(&out, &bytes).unwrap_or_else(|e| panic!("{out}: {e}"));
        eprintln!("wrote {out}");
    }
}
