//! How much pruning the tables changes the analysis: segments and analyses every file given with
//! the full dictionary and IDF table and with each pruned version, and prints the share of tokens,
//! keywords, TextRank words and entities that differ.
//!
//!     cargo run --release --example tables_diff -- [--min-freq 3,10,20] FILE|DIR…
//!
//! Reads the files in place and writes nothing.

#[path = "source.rs"]
mod source;

use readout::terms::tables::{encode, Tables};
use readout::terms::{self, segment};
use std::collections::HashSet;
#[path = "../walk.rs"]
mod walk;

use std::path::Path;
use std::time::Instant;
use walk::files;

#[derive(Default)]
struct Diff {
    tokens: (usize, usize),
    keywords: (usize, usize),
    textrank: (usize, usize),
    entities: (usize, usize),
}

/// How many of `a` are not in `b`, and how many `a` has.
fn missing<T: std::hash::Hash + Eq>(a: &[T], b: &[T]) -> (usize, usize) {
    let b: HashSet<&T> = b.iter().collect();
    (a.iter().filter(|x| !b.contains(x)).count(), a.len())
}

fn add(acc: &mut (usize, usize), d: (usize, usize)) {
    acc.0 += d.0;
    acc.1 += d.1;
}

fn pct((n, of): (usize, usize)) -> String {
    format!("{:.3} % ({n} of {of})", 100.0 * n as f64 / of.max(1) as f64)
}

fn main() {
    let mut thresholds = vec![3u64];
    let mut zipfs = vec![f32::INFINITY];
    let mut usage_path = None;
    let mut chars = vec![1usize];
    let mut show = 0usize;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--min-zipf" {
            let v = args.next().expect("--min-zipf Z[,Z…]");
            zipfs = v.split(',').map(|x| x.parse().expect("a number")).collect();
        } else if a == "--max-chars" {
            let v = args.next().expect("--max-chars N[,N…]");
            chars = v.split(',').map(|x| x.parse().expect("a number")).collect();
        } else if a == "--usage" {
            usage_path = args.next();
        } else if a == "--show" {
            show = args.next().and_then(|v| v.parse().ok()).expect("--show N");
        } else if a == "--min-freq" {
            let v = args.next().expect("--min-freq N[,N…]");
            thresholds = v.split(',').map(|x| x.parse().expect("a number")).collect();
        } else {
            files(Path::new(&a), &mut paths);
        }
    }
    let (entries, median) = source::full_entries(&source::jieba_data_dir());
    let t0 = Instant::now();
    let full = Tables::from_bytes(encode(&entries, 0, median)).unwrap();
    eprintln!("full tables: {} words, built in {:?}", entries.len(), t0.elapsed());
    let opts = readout::Options::default();
    let docs: Vec<_> = paths
        .iter()
        .filter_map(|p| {
            let doc = readout::ingest::read(&std::fs::read(p).ok()?, &p.to_string_lossy(), &opts).ok()?;
            let contacts = readout::contacts::extract(&doc);
            Some((doc, contacts))
        })
        .collect();
    println!("{} files analyzed of {}", docs.len(), paths.len());
    let usage = usage_path.map(|p| source::read_usage(Path::new(&p))).unwrap_or_default();
    let mut rules = Vec::new();
    for &min_freq in &thresholds {
        for &min_zipf in &zipfs {
            for &max_chars in &chars {
                rules.push(source::Rule { min_freq, min_zipf, max_chars });
            }
        }
    }
    for rule in rules {
        let (kept, mass) = source::prune(&entries, rule, &usage);
        let bytes = encode(&kept, mass, median);
        let t0 = Instant::now();
        let pruned = Tables::from_bytes(bytes.clone()).unwrap();
        let load = t0.elapsed();
        let mut d = Diff::default();
        for (doc, contacts) in &docs {
            let names = terms::participant_names(contacts);
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let span = |t: &segment::Token| (t.start, t.end);
            let a: Vec<_> = segment::segment(&full, &doc.simplified, &names).iter().map(span).collect();
            let b: Vec<_> = segment::segment(&pruned, &doc.simplified, &names).iter().map(span).collect();
            add(&mut d.tokens, missing(&a, &b));
            if show > 0 && a != b {
                show -= 1;
                let text = &doc.simplified;
                let bs: HashSet<_> = b.iter().collect();
                if let Some(&(s, e)) = a.iter().find(|x| !bs.contains(x)) {
                    let around = |v: &[(usize, usize)]| {
                        v.iter()
                            .filter(|t| t.1 + 12 > s && t.0 < e + 12)
                            .map(|t| &text[t.0..t.1])
                            .collect::<Vec<_>>()
                            .join("/")
                    };
                    println!("  full:   {}\n  pruned: {}", around(&a), around(&b));
                }
            }
            let ta = terms::extract_with(&full, doc, contacts);
            let tb = terms::extract_with(&pruned, doc, contacts);
            let words = |k: &[terms::Keyword]| k.iter().map(|k| k.word.clone()).collect::<Vec<_>>();
            add(&mut d.keywords, missing(&words(&ta.keywords), &words(&tb.keywords)));
            add(&mut d.textrank, missing(&words(&ta.textrank), &words(&tb.textrank)));
            let ents = |e: &[terms::Entity]| {
                e.iter().map(|e| (e.span.start, e.span.end, e.category)).collect::<Vec<_>>()
            };
            add(&mut d.entities, missing(&ents(&ta.entities), &ents(&tb.entities)));
        }
        println!(
            "{rule:?}: {} words, {} bytes, loads in {load:?}\n  tokens changed   {}\n  \
             keywords changed {}\n  textrank changed {}\n  entities changed {}",
            kept.len(),
            bytes.len(),
            pct(d.tokens),
            pct(d.keywords),
            pct(d.textrank),
            pct(d.entities)
        );
    }
}
