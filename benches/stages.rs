//! Criterion micro-benchmarks of each stage on the seed articles: `cargo bench --bench stages`
//! (results under target/criterion). `./build.sh bench` prints the corpus figures; these are for
//! comparing one change of a stage against the last.

use criterion::{criterion_group, criterion_main, Criterion};
use readout::terms::{self, keywords, segment, tables};
use std::hint::black_box;

const SEEDS: [(&str, &[u8]); 5] = [
    ("000", include_bytes!("../tests/fixtures/seeds/000_17957999e5caf0d5.txt")),
    ("001", include_bytes!("../tests/fixtures/seeds/001_740b901baec55788.txt")),
    ("002", include_bytes!("../tests/fixtures/seeds/002_b92dd8eb99d0e8bd.txt")),
    ("003", include_bytes!("../tests/fixtures/seeds/003_8a2d2585a03c0fd9.txt")),
    ("004", include_bytes!("../tests/fixtures/seeds/004_3b8ebc5eb80ec1e5.txt")),
];

fn stages(c: &mut Criterion) {
    let opts = readout::Options::default();
    let t = tables::get().expect("native builds embed the tables");
    let docs: Vec<(readout::Document, readout::contacts::Contacts, Vec<String>)> = SEEDS
        .iter()
        .map(|(name, bytes)| {
            let doc = readout::ingest::read(bytes, name, &opts).expect("seed reads");
            let contacts = readout::contacts::extract(&doc);
            let names = terms::participant_names(&contacts);
            (doc, contacts, names)
        })
        .collect();

    c.bench_function("ingest (5 seeds)", |b| {
        b.iter(|| {
            for (name, bytes) in SEEDS {
                black_box(readout::ingest::read(black_box(bytes), name, &opts).unwrap());
            }
        })
    });
    c.bench_function("contacts (5 seeds)", |b| {
        b.iter(|| {
            for (doc, _, _) in &docs {
                black_box(readout::contacts::extract(black_box(doc)));
            }
        })
    });
    c.bench_function("segmentation (5 seeds)", |b| {
        b.iter(|| {
            for (doc, _, names) in &docs {
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                black_box(segment::segment(t, black_box(&doc.simplified), &names));
            }
        })
    });
    let tokens: Vec<_> = docs
        .iter()
        .map(|(doc, _, names)| {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            segment::segment(t, &doc.simplified, &names)
        })
        .collect();
    c.bench_function("keywords: candidates, TF-IDF, TextRank (5 seeds)", |b| {
        b.iter(|| {
            for ((_, _, names), tokens) in docs.iter().zip(&tokens) {
                let context = keywords::Context {
                    names: names.iter().map(String::as_str).collect(),
                    ..Default::default()
                };
                let cands = keywords::candidates(t, black_box(tokens), &context.names);
                black_box(keywords::tfidf(&cands, &context, terms::KEYWORDS));
                black_box(keywords::textrank(&cands, &context, terms::KEYWORDS));
            }
        })
    });
    c.bench_function("terms, whole (5 seeds)", |b| {
        b.iter(|| {
            for (doc, contacts, _) in &docs {
                black_box(terms::extract_with(t, black_box(doc), contacts));
            }
        })
    });
    c.bench_function("analyze, whole (5 seeds)", |b| {
        b.iter(|| {
            for (name, bytes) in SEEDS {
                black_box(readout::analyze(black_box(bytes), name, &opts).unwrap());
            }
        })
    });
    let mut slow = c.benchmark_group("start-up");
    slow.sample_size(10);
    slow.bench_function("tables load (jieba trie + word table)", |b| {
        b.iter(|| black_box(tables::Tables::from_bytes(tables::EMBEDDED).unwrap()))
    });
    slow.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
