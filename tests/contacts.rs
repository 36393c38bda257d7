//! Contact extraction, pinned by fixtures: `tests/fixtures/contacts/<name>.txt` (small synthetic articles:
//! `title:` and `published:` header lines, a blank line, then one paragraph a line) next to
//! `<name>.expected.json` (only the fields given there are compared), and the seeds end to end.

use readout::contacts::{self, Contacts};
use readout::document::{Document, Format, Meta};
use serde_json::Value;
use std::path::Path;

fn load(path: &Path) -> Document {
    let text = std::fs::read_to_string(path).expect("fixture");
    let mut meta = Meta::default();
    let mut lines = text.lines();
    for line in lines.by_ref() {
        if line.trim().is_empty() {
            break;
        }
        if let Some(t) = line.strip_prefix("title:") {
            meta.title = Some(t.trim().to_string());
        } else if let Some(p) = line.strip_prefix("published:") {
            meta.published = Some(p.trim().to_string());
        }
    }
    let paragraphs: Vec<String> =
        lines.filter(|l| !l.trim().is_empty()).map(|l| l.trim().to_string()).collect();
    Document::new(&path.display().to_string(), Format::Text, "UTF-8", meta, paragraphs)
}

/// Compare `want` (a subset) with `got`; return the differences.
fn compare(path: &str, want: &Value, got: &Value, diffs: &mut Vec<String>) {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (k, wv) in w {
                compare(&format!("{path}.{k}"), wv, g.get(k).unwrap_or(&Value::Null), diffs);
            }
        }
        (Value::Array(w), Value::Array(g)) => {
            if w.len() != g.len() {
                diffs.push(format!("{path}: {} items, expected {}: {got}", g.len(), w.len()));
                return;
            }
            for (i, (wv, gv)) in w.iter().zip(g).enumerate() {
                compare(&format!("{path}[{i}]"), wv, gv, diffs);
            }
        }
        _ if want != got => diffs.push(format!("{path}: got {got}, expected {want}")),
        _ => {}
    }
}

fn as_json(c: &Contacts) -> Value {
    let mut v = serde_json::to_value(c).expect("serialize");
    let warnings: Vec<Value> = c.warnings.iter().map(|w| Value::String(w.kind.clone())).collect();
    v["warnings"] = Value::Array(warnings);
    v
}

#[test]
fn fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/contacts");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixture dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "fixtures missing");
    let mut failures = Vec::new();
    for p in names {
        let doc = load(&p);
        let got = as_json(&contacts::extract(&doc));
        let exp_path = p.with_extension("expected.json");
        let want: Value = serde_json::from_str(&std::fs::read_to_string(&exp_path).expect("expected file"))
            .expect("expected json");
        let mut diffs = Vec::new();
        compare("", &want, &got, &mut diffs);
        if !diffs.is_empty() {
            failures.push(format!("{}:\n  {}", p.display(), diffs.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn evidence_spans_point_at_their_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/contacts");
    let doc = load(&dir.join("traditional_names.txt"));
    let c = contacts::extract(&doc);
    let e = &c.events[0];
    let trig = e.evidence["trigger"];
    assert_eq!(&doc.text[trig.start..trig.end], "通電話");
    let name = e.counterparts[0].span.expect("name span");
    assert_eq!(&doc.text[name.start..name.end], "藍韜文");
    // UTF-16 offsets count the same characters.
    let prefix16: usize = doc.text[..name.start].encode_utf16().count();
    assert_eq!(name.start16, prefix16);
}
