//! A human-readable rendering of a report, for the CLI's `--pretty`.

use crate::collection::Collection;
use crate::report::Report;
use crate::schema::{Contacts, Participant};
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
    match r.language {
        crate::language::Language::En => {
            let _ = writeln!(s, "read as:   {:?}, {}, English", r.format, r.encoding);
        }
        crate::language::Language::Zh => {
            let _ = writeln!(s, "read as:   {:?}, {}, {:?} script", r.format, r.encoding, r.script);
        }
    }
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
    contacts(&mut s, &r.contacts);
    let _ = writeln!(s, "body:      {} paragraphs", r.body.len());
    for p in &r.body {
        let _ = writeln!(s, "  | {p}");
    }
    s
}

/// "王毅 (国务委员兼外长)", "阿拉芒 (外长, CL)", "古特雷斯 (秘书长, 联合国)".
fn person(p: &Participant) -> String {
    let mut extra: Vec<&str> = Vec::new();
    if let Some(t) = &p.title {
        extra.push(t);
    }
    if let Some(o) = &p.org {
        extra.push(o);
    } else if let Some(c) = p.country.as_deref().filter(|c| *c != "CN") {
        extra.push(c);
    }
    let name = p.name.as_deref().unwrap_or("(delegation)");
    if extra.is_empty() {
        name.to_string()
    } else {
        format!("{name} ({})", extra.join(", "))
    }
}

fn people(ps: &[Participant]) -> String {
    if ps.is_empty() {
        return "-".to_string();
    }
    ps.iter().map(person).collect::<Vec<_>>().join("; ")
}

/// The contact part: one block per event, then statements (with tone), agreements and topics.
fn contacts(s: &mut String, c: &Contacts) {
    for (i, e) in c.events.iter().enumerate() {
        let _ = writeln!(
            s,
            "event {}:   {} [CAMEO {}] {} {}{}{}",
            i + 1,
            e.kind,
            e.cameo,
            e.status,
            e.date.as_deref().unwrap_or("date ?"),
            e.location.as_deref().map(|l| format!(" @ {l}")).unwrap_or_default(),
            e.requested_by.map(|r| format!(" (requested by {r})")).unwrap_or_default(),
        );
        let _ = writeln!(s, "  china:       {}", people(&e.china));
        let _ = writeln!(s, "  counterpart: {}", people(&e.counterparts));
        if let Some(w) = &e.date_as_written {
            let _ = writeln!(s, "  note:        the text says {w}");
        }
    }
    if !c.statements.is_empty() {
        let _ = writeln!(s, "statements:");
        for st in &c.statements {
            let tone: Vec<String> = st.tone.iter().map(|t| format!("{}:{}", t.tone, t.marker)).collect();
            let text: String = st.text.chars().take(60).collect();
            let more = if st.text.chars().count() > 60 { "…" } else { "" };
            let tone = if tone.is_empty() { String::new() } else { format!("  [{}]", tone.join(" ")) };
            let _ = writeln!(s, "  ¶{} {} ({}): {text}{more}{tone}", st.paragraph, st.speaker, st.side);
        }
    }
    if !c.agreements.is_empty() {
        let _ = writeln!(s, "agreements:");
        for a in &c.agreements {
            let text: String = a.text.chars().take(70).collect();
            let _ = writeln!(s, "  ¶{} {}: {text}", a.paragraph, a.kind);
        }
    }
    if !c.topics.is_empty() {
        let t: Vec<String> = c.topics.iter().map(|t| format!("{} ×{}", t.label, t.mentions.len())).collect();
        let _ = writeln!(s, "topics:    {}", t.join(", "));
    }
}

/// A human-readable rendering of a collection, for `--collection --pretty`: the contacts on a
/// timeline (one block per distinct contact, with who reported it), then the counts.
pub fn render_collection(c: &Collection) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "== {} report(s), {} contact(s) reported, {} distinct contact(s)",
        c.reports,
        c.events,
        c.groups.len()
    );
    for &id in &c.timeline {
        let g = &c.groups[id];
        let e = &g.event;
        let _ = writeln!(
            s,
            "\n#{id}  {}  {}{}{}",
            g.date.as_deref().unwrap_or("undated   "),
            crate::export::label(g.kind.as_str(), crate::export::Lang::En),
            if e.status == crate::schema::Status::Planned { " (planned)" } else { "" },
            e.location.as_deref().map(|l| format!(" @ {l}")).unwrap_or_default(),
        );
        let _ = writeln!(s, "    china:       {}", people(&e.china));
        let _ = writeln!(s, "    counterpart: {}", people(&e.counterparts));
        let outlets =
            if g.outlets.is_empty() { String::new() } else { format!(" ({})", g.outlets.join(", ")) };
        let _ = writeln!(s, "    reported by {} file(s){outlets}:", g.files);
        for m in &g.members {
            let shown = if *m == g.representative { "  ← shown" } else { "" };
            let _ = writeln!(s, "      {} [event {}]{shown}", m.file, m.event + 1);
        }
    }
    for (title, counts) in
        [("by counterpart", &c.by_counterpart), ("by topic", &c.by_topic), ("by kind", &c.by_kind)]
    {
        if counts.is_empty() {
            continue;
        }
        let _ = writeln!(s, "\n{title} (distinct contacts, reports):");
        for k in counts {
            let label = if k.category == "kind" {
                crate::export::label(&k.label, crate::export::Lang::En).to_string()
            } else {
                format!("{} ({})", k.label, k.category)
            };
            let _ = writeln!(s, "  {:>5} {:>6}  {label}", k.groups, k.reports);
        }
    }
    s
}
