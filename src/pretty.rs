//! A human-readable rendering of a report, for the CLI's `--pretty`.

use crate::report::Report;
use std::fmt::Write;

pub fn render(r: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "== {}", r.file);
    let _ = writeln!(s, "title:     {}", r.meta.title.as_deref().unwrap_or("-"));
    let _ = writeln!(s, "published: {}", r.meta.published.as_deref().unwrap_or("-"));
    let _ = writeln!(s, "outlet:    {}", r.meta.outlet.as_deref().unwrap_or("-"));
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
