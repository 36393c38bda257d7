//! The report's TypeScript declaration (src/report.d.ts) is what the page may rely on: every fixture's
//! serialized report, and the collection of the collection fixtures, must conform to it: each object has
//! exactly the declared keys (optional ones may be absent) and every value has the declared type.

use readout::{analyze, Options, Report};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A TypeScript type, as far as the declaration uses them.
#[derive(Debug, Clone)]
enum Ty {
    String,
    Number,
    Boolean,
    Null,
    Literal(String),
    Named(String),
    Array(Box<Ty>),
    Record(Box<Ty>),
    Union(Vec<Ty>),
}

#[derive(Debug, Default)]
struct Decls {
    interfaces: BTreeMap<String, Vec<(String, bool, Ty)>>,
    aliases: BTreeMap<String, Ty>,
}

/// Strip `//` and `/** … */` comments.
fn strip_comments(src: &str) -> String {
    let mut out = String::new();
    let mut rest = src;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("/*") {
            rest = r.find("*/").map_or("", |p| &r[p + 2..]);
        } else if let Some(r) = rest.strip_prefix("//") {
            rest = r.find('\n').map_or("", |p| &r[p..]);
        } else {
            let c = rest.chars().next().expect("char");
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

fn parse_type(s: &str) -> Ty {
    let s = s.trim().trim_start_matches('|').trim();
    let parts: Vec<&str> = split_top(s, '|');
    if parts.len() > 1 {
        return Ty::Union(parts.into_iter().map(parse_type).collect());
    }
    if let Some(inner) = s.strip_suffix("[]") {
        return Ty::Array(Box::new(parse_type(inner)));
    }
    if let Some(inner) = s.strip_prefix("Record<string,").and_then(|r| r.strip_suffix('>')) {
        return Ty::Record(Box::new(parse_type(inner)));
    }
    if let Some(lit) = s.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        return Ty::Literal(lit.to_string());
    }
    match s {
        "string" => Ty::String,
        "number" => Ty::Number,
        "boolean" => Ty::Boolean,
        "null" => Ty::Null,
        name => {
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'), "unsupported type: {name}");
            Ty::Named(name.to_string())
        }
    }
}

/// Split at `sep` outside `<…>`.
fn split_top(s: &str, sep: char) -> Vec<&str> {
    let (mut depth, mut start, mut out) = (0i32, 0, Vec::new());
    for (i, c) in s.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            c if c == sep && depth == 0 => {
                out.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect()
}

fn parse(src: &str) -> Decls {
    let src = strip_comments(src);
    let mut d = Decls::default();
    let mut rest = src.as_str();
    while let Some(p) = rest.find("export ") {
        rest = &rest[p + "export ".len()..];
        if let Some(r) = rest.strip_prefix("interface ") {
            let open = r.find('{').expect("{");
            let close = r.find('}').expect("}");
            let name = r[..open].trim().to_string();
            let mut fields = Vec::new();
            for f in r[open + 1..close].split(';').map(str::trim).filter(|f| !f.is_empty()) {
                let (k, t) = f.split_once(':').expect("field: type");
                let (k, optional) = match k.trim().strip_suffix('?') {
                    Some(k) => (k, true),
                    None => (k.trim(), false),
                };
                fields.push((k.to_string(), optional, parse_type(t)));
            }
            d.interfaces.insert(name, fields);
            rest = &r[close + 1..];
        } else if let Some(r) = rest.strip_prefix("type ") {
            let (name, r) = r.split_once('=').expect("type X =");
            let end = r.find(';').expect(";");
            d.aliases.insert(name.trim().to_string(), parse_type(&r[..end]));
            rest = &r[end + 1..];
        }
    }
    d
}

fn check(d: &Decls, ty: &Ty, v: &Value, path: &str, errs: &mut Vec<String>) {
    let ok = match (ty, v) {
        (Ty::String, Value::String(_)) | (Ty::Number, Value::Number(_)) | (Ty::Boolean, Value::Bool(_)) => {
            true
        }
        (Ty::Null, Value::Null) => true,
        (Ty::Literal(l), Value::String(s)) => l == s,
        (Ty::Array(t), Value::Array(items)) => {
            for (i, x) in items.iter().enumerate() {
                check(d, t, x, &format!("{path}[{i}]"), errs);
            }
            true
        }
        (Ty::Record(t), Value::Object(m)) => {
            for (k, x) in m {
                check(d, t, x, &format!("{path}.{k}"), errs);
            }
            true
        }
        (Ty::Union(ts), _) => {
            let fits = ts.iter().any(|t| {
                let mut e = Vec::new();
                check(d, t, v, path, &mut e);
                e.is_empty()
            });
            if !fits {
                errs.push(format!("{path}: {v} is none of {ts:?}"));
            }
            true
        }
        (Ty::Named(n), _) if d.aliases.contains_key(n) => {
            check(d, &d.aliases[n], v, path, errs);
            true
        }
        (Ty::Named(n), Value::Object(m)) => {
            let fields = d.interfaces.get(n).unwrap_or_else(|| panic!("{n} is not declared"));
            for (k, optional, t) in fields {
                match m.get(k) {
                    Some(x) => check(d, t, x, &format!("{path}.{k}"), errs),
                    None if *optional => {}
                    None => errs.push(format!("{path}: key {k} of {n} missing")),
                }
            }
            for k in m.keys() {
                if !fields.iter().any(|(f, _, _)| f == k) {
                    errs.push(format!("{path}: key {k} is not declared in {n}"));
                }
            }
            true
        }
        _ => false,
    };
    if !ok {
        errs.push(format!("{path}: {v} is not {ty:?}"));
    }
}

fn decls() -> Decls {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/report.d.ts");
    parse(&std::fs::read_to_string(p).expect("src/report.d.ts"))
}

fn fixture_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for sub in ["contacts", "seeds", "collection", "ingest"] {
        let Ok(rd) = std::fs::read_dir(root.join(sub)) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
            if matches!(ext, "txt" | "md" | "html" | "htm") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn reports() -> Vec<Report> {
    fixture_files()
        .iter()
        .filter_map(|p| {
            analyze(&std::fs::read(p).expect("fixture"), &p.display().to_string(), &Options::default()).ok()
        })
        .collect()
}

#[test]
fn the_declaration_parses() {
    let d = decls();
    for name in ["Report", "ContactEvent", "Participant", "Statement", "Agreement", "Topic", "Collection"] {
        assert!(d.interfaces.contains_key(name), "{name} missing from src/report.d.ts");
    }
    assert!(matches!(&d.aliases["Kind"], Ty::Union(ts) if ts.len() == 5));
}

#[test]
fn every_fixture_report_conforms_to_the_declaration() {
    let d = decls();
    let reports = reports();
    assert!(reports.len() >= 30, "fixtures missing: {}", reports.len());
    let mut errs = Vec::new();
    let mut events = 0;
    for r in &reports {
        let v = serde_json::to_value(r).expect("json");
        events += r.contacts.events.len();
        check(&d, &Ty::Named("Report".into()), &v, &r.file, &mut errs);
    }
    assert!(events > 20, "the fixtures should report contacts: {events}");
    assert!(errs.is_empty(), "{}", errs.join("\n"));
}

#[test]
fn the_collection_conforms_to_the_declaration() {
    let d = decls();
    let c = readout::collection::collect(&reports());
    let mut errs = Vec::new();
    check(
        &d,
        &Ty::Named("Collection".into()),
        &serde_json::to_value(&c).expect("json"),
        "collection",
        &mut errs,
    );
    assert!(errs.is_empty(), "{}", errs.join("\n"));
}

/// The checker itself rejects what does not conform.
#[test]
fn the_checker_rejects_wrong_shapes() {
    let d = decls();
    let mut errs = Vec::new();
    let span = serde_json::json!({"start": 0, "end": 1, "start16": 0, "end16": 1});
    check(&d, &Ty::Named("Span".into()), &span, "span", &mut errs);
    assert!(errs.is_empty(), "{errs:?}");
    for bad in [
        serde_json::json!({"start": 0, "end": 1, "start16": 0}),
        serde_json::json!({"start": 0, "end": 1, "start16": 0, "end16": 1, "extra": 2}),
        serde_json::json!({"start": "0", "end": 1, "start16": 0, "end16": 1}),
    ] {
        let mut errs = Vec::new();
        check(&d, &Ty::Named("Span".into()), &bad, "span", &mut errs);
        assert!(!errs.is_empty(), "{bad} accepted");
    }
    let mut errs = Vec::new();
    check(&d, &Ty::Named("Kind".into()), &Value::String("phone".into()), "kind", &mut errs);
    assert!(!errs.is_empty(), "an unknown kind accepted");
}
