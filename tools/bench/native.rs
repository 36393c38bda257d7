//! Per-article cost of the analysis on one core, stage by stage, for `./build.sh bench`:
//!
//!     cargo run --release --example bench_native -- [--rounds N] FILE|DIR…
//!
//! Loads the tables (timed), analyzes every file once to warm up, then `--rounds` more times, timing
//! each article and each stage (ingest, contacts, segmentation, keywords, entities, summary, report
//! JSON). Prints one JSON object; writes nothing.

use readout::terms::{self, tables};
#[path = "../walk.rs"]
mod walk;

use std::path::Path;
use std::time::{Duration, Instant};
use walk::files;

const STAGES: [&str; 7] = ["ingest", "contacts", "segment", "keywords", "entities", "summary", "report"];

fn main() {
    let mut rounds = 5;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--rounds" {
            rounds = args.next().and_then(|v| v.parse().ok()).expect("--rounds N");
        } else {
            files(Path::new(&a), &mut paths);
        }
    }
    let inputs: Vec<(String, Vec<u8>)> =
        paths.iter().map(|p| (p.to_string_lossy().into_owned(), std::fs::read(p).unwrap())).collect();
    let t0 = Instant::now();
    let t = tables::Tables::from_bytes(tables::EMBEDDED).expect("tables load");
    let load = t0.elapsed();
    let opts = readout::Options::default();

    let mut per_article: Vec<Duration> = Vec::new();
    let mut stage = [Duration::ZERO; STAGES.len()];
    let mut failed = 0;
    for round in 0..=rounds {
        for (name, bytes) in &inputs {
            let mut laps = [Duration::ZERO; STAGES.len()];
            let start = Instant::now();
            let mut last = start;
            let mut lap = |i: usize| {
                let now = Instant::now();
                laps[i] += now - last;
                last = now;
            };
            let Ok(doc) = readout::ingest::read(bytes, name, &opts) else {
                failed += 1;
                continue;
            };
            lap(0);
            let mut contacts = readout::contacts::extract(&doc);
            let warnings = std::mem::take(&mut contacts.warnings);
            lap(1);
            let found = terms::extract_timed(&t, &doc, &contacts, &mut |step| {
                lap(STAGES.iter().position(|s| *s == step).unwrap());
            });
            let report = readout::Report::new(doc, contacts, Some(found), warnings);
            std::hint::black_box(serde_json::to_string(&report).unwrap());
            lap(6);
            if round > 0 {
                per_article.push(start.elapsed());
                for (s, l) in stage.iter_mut().zip(laps) {
                    *s += l;
                }
            }
        }
    }
    per_article.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let pick = |q: f64| {
        per_article.get(((per_article.len() as f64 - 1.0) * q).round() as usize).map_or(0.0, |d| ms(*d))
    };
    let total: Duration = stage.iter().sum();
    let bytes: usize = inputs.iter().map(|i| i.1.len()).sum();
    let shares: Vec<String> = STAGES
        .iter()
        .zip(stage)
        .map(|(n, d)| format!("\"{n}\": {:.4}", d.as_secs_f64() / total.as_secs_f64().max(1e-12)))
        .collect();
    println!(
        "{{\"files\": {}, \"bytes\": {bytes}, \"rounds\": {rounds}, \"failed\": {failed}, \"tables_load_ms\": {:.2}, \
         \"tables_words\": {}, \"median_ms\": {:.4}, \"p95_ms\": {:.4}, \"mean_ms\": {:.4}, \"min_ms\": {:.4}, \
         \"shares\": {{{}}}}}",
        inputs.len(),
        ms(load),
        t.words,
        pick(0.5),
        pick(0.95),
        ms(total) / per_article.len().max(1) as f64,
        pick(0.0),
        shares.join(", ")
    );
}
