//! Segmentation cost: `readout::terms::segment` (domain dictionary + per-article names kept whole,
//! with part-of-speech tags) against plain `jieba-rs` `cut` with the same dictionary, on the seed
//! articles. A plain timing loop (`harness = false`): `cargo bench --bench segment`.
//!
//! Also times the alternative the per-article name handling avoids: cloning the dictionary to add an
//! article's names to a private copy.

use readout::terms::segment::{segment, JIEBA};
use std::hint::black_box;
use std::time::{Duration, Instant};

const SEEDS: [&[u8]; 5] = [
    include_bytes!("../tests/fixtures/seeds/000_17957999e5caf0d5.txt"),
    include_bytes!("../tests/fixtures/seeds/001_740b901baec55788.txt"),
    include_bytes!("../tests/fixtures/seeds/002_b92dd8eb99d0e8bd.txt"),
    include_bytes!("../tests/fixtures/seeds/003_8a2d2585a03c0fd9.txt"),
    include_bytes!("../tests/fixtures/seeds/004_3b8ebc5eb80ec1e5.txt"),
];

/// Runs `f` over and over for about `budget` and returns the mean time of one run.
fn time(budget: Duration, mut f: impl FnMut()) -> Duration {
    for _ in 0..20 {
        f();
    }
    let start = Instant::now();
    let mut runs = 0u32;
    while start.elapsed() < budget {
        f();
        runs += 1;
    }
    start.elapsed() / runs
}

fn main() {
    let docs: Vec<(String, Vec<String>)> = SEEDS
        .iter()
        .enumerate()
        .map(|(i, bytes)| {
            let report =
                readout::analyze(bytes, &format!("seed{i}"), &Default::default()).expect("seed analyzes");
            let text = readout::script::to_simplified(&report.body.join("\n"));
            (text, readout::terms::participant_names(&report.contacts))
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let budget = Duration::from_secs(2);

    let plain = time(budget, || {
        for (text, _) in &docs {
            black_box(JIEBA.cut(black_box(text), true));
        }
    });
    let ours = time(budget, || {
        for (text, names) in &docs {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            black_box(segment(black_box(text), &names));
        }
    });
    let full_docs: Vec<(readout::Document, readout::contacts::Contacts)> = SEEDS
        .iter()
        .map(|bytes| {
            let doc = readout::ingest::read(bytes, "seed", &Default::default()).expect("seed reads");
            let contacts = readout::contacts::extract(&doc);
            (doc, contacts)
        })
        .collect();
    let extract = time(budget, || {
        for (doc, contacts) in &full_docs {
            black_box(readout::terms::extract(doc, contacts));
        }
    });
    let clone = time(Duration::from_secs(1), || {
        black_box(JIEBA.clone());
    });
    let mb = |d: Duration| bytes as f64 / d.as_secs_f64() / 1e6;
    println!("seeds: {} articles, {bytes} bytes of simplified text", docs.len());
    println!("plain jieba cut (domain dict, hmm): {plain:?} per pass, {:.1} MB/s", mb(plain));
    println!("readout segment (names kept whole): {ours:?} per pass, {:.1} MB/s", mb(ours));
    println!("ratio: {:.2}x", ours.as_secs_f64() / plain.as_secs_f64());
    println!("whole terms::extract (segment, keywords, entities, summary): {extract:?} per pass");
    println!("cloning the dictionary once (per-article copy alternative): {clone:?}");
}
