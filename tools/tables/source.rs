//! jieba's dictionary and IDF table as the crate ships them, read into table entries; shared by the
//! build and the diff tool.

use readout::terms::tables::{Class, Entry};
use std::path::{Path, PathBuf};

/// The jieba-rs crate's data folder (`src/data/`: `dict.txt`, `idf.txt`), found with `cargo metadata`
/// so that it is the exact version in Cargo.lock.
pub fn jieba_data_dir() -> PathBuf {
    let out = std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["metadata", "--format-version", "1"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "cargo metadata: {}", String::from_utf8_lossy(&out.stderr));
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON");
    let pkg = meta["packages"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["name"] == "jieba-rs"))
        .expect("jieba-rs is a dependency");
    let manifest = Path::new(pkg["manifest_path"].as_str().unwrap());
    eprintln!("jieba-rs {} at {}", pkg["version"].as_str().unwrap_or("?"), manifest.display());
    manifest.parent().unwrap().join("src/data")
}

/// Every word of `dict.txt` (`word freq tag`) with its class and, for the classes that can be
/// keywords, its IDF from `idf.txt`; and the lower median of all of `idf.txt` (jieba's default for a
/// word it has no value for).
pub fn full_entries(dir: &Path) -> (Vec<Entry>, f64) {
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .unwrap_or_else(|e| panic!("{}: {e}", dir.join(name).display()))
    };
    let idf_text = read("idf.txt");
    let mut idf: std::collections::HashMap<&str, f64> = std::collections::HashMap::new();
    let mut values: Vec<f64> = Vec::new();
    for line in idf_text.lines() {
        let mut parts = line.split_whitespace();
        if let (Some(w), Some(v)) = (parts.next(), parts.next().and_then(|v| v.parse::<f64>().ok())) {
            idf.insert(w, v);
            values.push(v);
        }
    }
    let mid = values.len().saturating_sub(1) / 2;
    values.sort_by(f64::total_cmp);
    let median = values[mid];
    let dict_text = read("dict.txt");
    let mut entries = Vec::new();
    for line in dict_text.lines() {
        let mut parts = line.split_whitespace();
        let Some(word) = parts.next() else { continue };
        let freq: u64 = parts.next().and_then(|f| f.parse().ok()).unwrap_or(0);
        let class = Class::of_tag(parts.next().unwrap_or(""));
        let idf = (class != Class::Other).then(|| idf.get(word).copied()).flatten();
        entries.push(Entry { word: word.to_string(), freq, class, idf });
    }
    (entries, median)
}

/// How often each word is used in current text, as a Zipf value (log10 of uses per billion words):
/// `word<TAB>zipf` lines as `tools/tables/wordfreq_zh.py` writes them from wordfreq.
pub fn read_usage(path: &Path) -> std::collections::HashMap<String, f32> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .filter_map(|(w, z)| Some((w.to_string(), z.parse().ok()?)))
        .collect()
}

/// Which words of jieba's dictionary to keep.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Keep a word jieba's own corpus counted more often than this…
    pub min_freq: u64,
    /// …or one that current text (wordfreq) uses at least this often (Zipf).
    pub min_zipf: f32,
    /// …or one of at most this many characters.
    pub max_chars: usize,
}

/// Keep every single character (one missing from the dictionary would segment differently) and
/// the words `rule` keeps; return them with the frequency mass of the words left out.
pub fn prune(
    entries: &[Entry],
    rule: Rule,
    usage: &std::collections::HashMap<String, f32>,
) -> (Vec<Entry>, u64) {
    let mut mass = 0;
    let mut kept = Vec::new();
    for e in entries {
        let used = usage.get(&e.word).is_some_and(|&z| z >= rule.min_zipf);
        if e.freq > rule.min_freq || used || e.word.chars().count() <= rule.max_chars.max(1) {
            kept.push(e.clone());
        } else {
            mass += e.freq;
        }
    }
    (kept, mass)
}
