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

/// The seeds end to end (ingest included): every field of the events, the year correction of 003, the
/// statements in text order, agreements and the leading topics.
#[test]
fn seeds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut failures = Vec::new();
    let mut n = 0;
    for e in std::fs::read_dir(root.join("contacts/seeds")).expect("seed expectations") {
        let exp_path = e.expect("entry").path();
        let name = exp_path.file_name().and_then(|n| n.to_str()).expect("name").replace(".expected.json", "");
        let bytes = std::fs::read(root.join("seeds").join(format!("{name}.txt"))).expect("seed");
        let report = readout::analyze(&bytes, &name, &readout::Options::default()).expect("analyze");
        let mut got = serde_json::to_value(&report).expect("json");
        let kinds: Vec<Value> = report
            .warnings
            .iter()
            .filter(|w| w.kind == "year_corrected")
            .map(|w| Value::String(w.kind.clone()))
            .collect();
        got["warnings"] = Value::Array(kinds);
        let mut want: Value =
            serde_json::from_str(&std::fs::read_to_string(&exp_path).expect("read")).expect("json");
        let topics = want.as_object_mut().and_then(|o| o.remove("topics_include"));
        let mut diffs = Vec::new();
        compare("", &want, &got, &mut diffs);
        if let Some(Value::Array(ids)) = topics {
            let have: Vec<&str> = report.contacts.topics.iter().map(|t| t.id.as_str()).collect();
            for id in ids {
                if !have.contains(&id.as_str().unwrap_or("")) {
                    diffs.push(format!("topic {id} missing from {have:?}"));
                }
            }
        }
        if !diffs.is_empty() {
            failures.push(format!("{name}:\n  {}", diffs.join("\n  ")));
        }
        n += 1;
    }
    assert_eq!(n, 5, "one expectation per seed");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Regression: the year lent by the file's dated material (a related-news stamp) was read from the raw
/// bytes as UTF-8, so a GBK file lost it; it now comes from the text ingest decoded.
#[test]
fn dated_material_of_a_gbk_file_lends_the_year() {
    let text = "王毅同俄外长拉夫罗夫通电话\n12月22日，国务委员兼外长王毅同俄罗斯外长拉夫罗夫通电话。\n\
                王毅表示，中俄关系保持着高水平。\n相关新闻\n中俄组织实施联合空中战略巡航\n2020年12月22日 19:03\n";
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    let report = readout::analyze(&gbk, "gbk.txt", &Default::default()).expect("GBK file analyzes");
    assert_eq!(report.encoding, "GBK");
    assert_eq!(report.meta.published, None, "the file states no publication date");
    let dates: Vec<Option<&str>> = report.contacts.events.iter().map(|e| e.date.as_deref()).collect();
    assert_eq!(dates.first().copied().flatten(), Some("2020-12-22"), "events: {dates:?}");
}

/// A name repeated before the verb is one person of the contact, not one per repetition.
#[test]
fn a_repeated_name_is_one_person() {
    let text = format!("标题\n{}会见美国国务卿布林肯。\n", "王毅".repeat(50));
    let report = readout::analyze(text.as_bytes(), "repeat.txt", &Default::default()).expect("analyzes");
    let e = report.contacts.events.first().expect("a contact");
    assert_eq!(e.china.len(), 1, "china: {:?}", e.china);
}

/// A text telling more contacts than the extractor reads says so, and keeps those it read.
#[test]
fn contacts_beyond_the_cap_are_reported_by_a_warning() {
    let n = contacts::candidates::MAX_CANDIDATES + 10;
    let states = ["智利", "法国", "德国", "日本"];
    let body: Vec<String> = (0..n)
        .map(|i| format!("王毅{}月{}日同{}外长通电话", 1 + i % 12, 1 + i % 28, states[i % 4]))
        .collect();
    let text = format!("标题\n2024年，{}。\n", body.join("，"));
    let report = readout::analyze(text.as_bytes(), "runon.txt", &Default::default()).expect("analyzes");
    let kinds: Vec<&str> = report.warnings.iter().map(|w| w.kind.as_str()).collect();
    assert!(kinds.contains(&"contacts_capped"), "warnings: {kinds:?}");
    assert!(report.contacts.events.len() > 4, "{} events", report.contacts.events.len());

    let few = format!("标题\n2024年，{}。\n", body[..8].join("，"));
    let report = readout::analyze(few.as_bytes(), "runon.txt", &Default::default()).expect("analyzes");
    assert!(report.warnings.iter().all(|w| w.kind != "contacts_capped"));
}
