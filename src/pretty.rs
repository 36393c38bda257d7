//! A human-readable rendering of a report, for the CLI's `--pretty`.

use crate::report::Report;
use std::fmt::Write;

/// `value (source)`, or `-` when there is no value.
fn with_source(v: Option<&str>, src: Option<&str>) -> String {
    match (v, src) {
        (Some(v), Some(s)) => format!("{v}  ({s})"),
        (Some(v), None) => v.to_string(),
        (None, _) => "-".to_string(),
    }
}

pub fn render(r: &Report) -> String {
    let m = &r.meta;
    let mut s = String::new();
    let _ = writeln!(s, "== {}", r.file);
    let _ = writeln!(s, "read as:   {:?}, {}, {:?} script", r.format, r.encoding, r.script);
    let _ = writeln!(s, "title:     {}", with_source(m.title.as_deref(), m.title_source.as_deref()));
    let _ = writeln!(s, "published: {}", with_source(m.published.as_deref(), m.published_source.as_deref()));
    let _ = writeln!(s, "outlet:    {}", m.outlet.as_deref().unwrap_or("-"));
    for (label, v) in [
        ("author:   ", &m.author),
        ("url:      ", &m.url),
        ("editor:   ", &m.editor),
        ("orig. title:", &m.original_title),
    ] {
        if let Some(v) = v {
            let _ = writeln!(s, "{label} {v}");
        }
    }
    if !m.tags.is_empty() {
        let _ = writeln!(s, "tags:      {}", m.tags.join(", "));
    }
    if !m.categories.is_empty() {
        let _ = writeln!(s, "categories: {}", m.categories.join(", "));
    }
    let _ = writeln!(s, "readout:   {}", r.contacts.readout);
    for w in &r.warnings {
        let _ = writeln!(s, "warning:   {} ({})", w.message, w.kind);
    }
    let _ = writeln!(s, "body:      {} paragraphs", r.body.len());
    for p in &r.body {
        let _ = writeln!(s, "  | {p}");
    }
    s
}
