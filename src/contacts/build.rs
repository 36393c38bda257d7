//! Building the records: each candidate becomes an [`Event`] in the original script, with the evidence
//! spans of its fields; a person named bare ("拉夫罗夫表示") gets the title and state given elsewhere in the
//! article; a known person's name takes the form the article uses most.

use super::candidates::{Candidate, When};
use super::context::{Context, Source};
use super::mentions::Mention;
use crate::document::{Span, Warning};
use crate::gazetteer;
use crate::schema::{Event, EventSource, Participant};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// What building looks up once per name rather than once per person of every record (a text naming one
/// person thousands of times made both quadratic).
#[derive(Default)]
struct Memo {
    /// [`complete`]'s answer for a name and which of title, state, organisation were given.
    completed: HashMap<(String, [bool; 3]), Mention>,
    /// [`usual_form`]'s answer for a name.
    usual: HashMap<String, String>,
}

/// Build the events, with the warnings they raise (a corrected year).
pub fn pass(ctx: &Context, merged: Vec<Candidate>) -> (Vec<Event>, Vec<Warning>) {
    let mut warnings = Vec::new();
    let mut memo = Memo::default();
    let events = merged.into_iter().map(|c| event(ctx, c, &mut memo, &mut warnings)).collect();
    (events, warnings)
}

fn event(ctx: &Context, mut c: Candidate, memo: &mut Memo, warnings: &mut Vec<Warning>) -> Event {
    let body = c.source == Source::Body;
    if body {
        for m in c.china.iter_mut().chain(c.counterparts.iter_mut()) {
            complete_memo(ctx, memo, m);
        }
    }
    let sp = |r: &Range<usize>| -> Option<Span> { body.then(|| ctx.doc.span_of_simplified(r.clone())) };
    let mut evidence = BTreeMap::new();
    let mut put = |k: &str, r: Option<&Range<usize>>| {
        if let Some(s) = r.and_then(sp) {
            evidence.insert(k.to_string(), s);
        }
    };
    put("trigger", Some(&c.trigger));
    let date_at = c.date.as_ref().and_then(|d| d.at.as_ref()).filter(|(src, _)| *src == Source::Body);
    put("date", date_at.map(|(_, r)| r));
    put("location", c.location.as_ref().filter(|l| l.at.0 == Source::Body).map(|l| &l.at.1));
    put("requested_by", c.requested_by.as_ref().map(|r| &r.1));
    let date_as_written = date_warnings(ctx, &c, warnings);
    // As written, unless the text abbreviates it (在京: 北京).
    let location = c.location.as_ref().map(|l| {
        let (src, r) = &l.at;
        if ctx.text(*src)[r.clone()] == l.name {
            written(ctx, *src, r.clone())
        } else {
            l.name.clone()
        }
    });
    let mut people = |ms: &[Mention]| -> Vec<Participant> {
        ms.iter().map(|m| participant(ctx, m, c.source, memo)).collect()
    };
    let (china, counterparts) = (people(&c.china), people(&c.counterparts));
    Event {
        kind: c.kind,
        cameo: c.cameo.clone(),
        status: c.status,
        date: c.date.as_ref().map(|d| d.when.iso()),
        date_text: c.date.as_ref().and_then(|d| d.at.as_ref()).map(|(src, r)| written(ctx, *src, r.clone())),
        date_end: c.date.as_ref().and_then(|d| d.end.as_ref()).map(When::iso),
        location,
        requested_by: c.requested_by.as_ref().map(|r| r.0),
        china,
        counterparts,
        source: if body { EventSource::Body } else { EventSource::Title },
        span: sp(&c.sentence),
        evidence,
        paragraph: c.para,
        date_as_written,
    }
}

/// Text of `src` in the original script.
fn written(ctx: &Context, src: Source, r: Range<usize>) -> String {
    match src {
        Source::Body => ctx.doc.original_of_simplified(r).to_string(),
        Source::Title => original_title_slice(ctx, r),
    }
}

/// The warnings a contact's date raises: a year corrected (returns the date as written) or inferred.
fn date_warnings(ctx: &Context, c: &Candidate, warnings: &mut Vec<Warning>) -> Option<String> {
    let d = c.date.as_ref()?;
    let When::Day(r) = d.when else { return None };
    let text = d.at.as_ref().map(|(src, at)| written(ctx, *src, at.clone())).unwrap_or_default();
    if r.inferred {
        warnings.push(Warning::new(
            "year_inferred",
            format!("the text dates the contact {text} without a year and the file states no publication date: read as {}", r.day.iso()),
        ));
    }
    let w = r.corrected_from?;
    warnings.push(Warning::new(
        "year_corrected",
        format!(
            "the text dates the contact {} but the article was published {}: read as {}",
            w.iso(),
            ctx.anchor.published.map(|p| p.iso()).unwrap_or_default(),
            r.day.iso()
        ),
    ));
    Some(w.iso())
}

fn participant(ctx: &Context, m: &Mention, src: Source, memo: &mut Memo) -> Participant {
    let body = src == Source::Body;
    let orig = |r: &Range<usize>| -> String {
        if body {
            ctx.doc.original_of_simplified(r.clone()).to_string()
        } else {
            original_title_slice(ctx, r.clone())
        }
    };
    let span = |r: &Range<usize>| body.then(|| ctx.doc.span_of_simplified(r.clone()));
    let usual = |r: &Range<usize>, memo: &mut Memo| {
        let key = ctx.body[r.clone()].to_string();
        memo.usual.entry(key).or_insert_with(|| usual_form(ctx, r.clone())).clone()
    };
    let name = m.name.as_ref().map(|r| if body { usual(r, memo) } else { orig(r) });
    Participant {
        name,
        title: m.title.as_ref().map(orig),
        country: m.country.clone(),
        org: m.org.as_ref().map(orig).or_else(|| m.org_known.clone()),
        span: m.name.as_ref().or(Some(&m.range)).and_then(span),
        title_span: m.title.as_ref().and_then(span),
    }
}

/// The form of a known person's name the article uses most (楊潔篪 or 楊潔箎; 布林肯 over 安东尼·布林肯).
fn usual_form(ctx: &Context, r: Range<usize>) -> String {
    let g = gazetteer::get();
    let doc = ctx.doc;
    let here = &doc.simplified[r.clone()];
    let written = doc.original_of_simplified(r.clone()).to_string();
    let Some(hs) = g.holders.get(here) else { return written };
    let canon: Vec<&str> = hs.iter().map(|h| h.name.as_str()).collect();
    let mut best: Option<(usize, usize, String)> = None;
    for (alias, ahs) in &g.holders {
        if !ahs.iter().any(|h| canon.contains(&h.name.as_str())) {
            continue;
        }
        let hits: Vec<usize> = doc.simplified.match_indices(alias.as_str()).map(|(p, _)| p).collect();
        if let Some(first) = hits.first() {
            let key = (hits.len(), usize::MAX - alias.len());
            if best.as_ref().is_none_or(|b| (b.0, b.1) < key) {
                best = Some((
                    key.0,
                    key.1,
                    doc.original_of_simplified(*first..*first + alias.len()).to_string(),
                ));
            }
        }
    }
    best.map_or(written, |b| b.2)
}

/// The original-script slice of the headline for a range of its simplified form.
fn original_title_slice(ctx: &Context, r: Range<usize>) -> String {
    let title = ctx.doc.meta.title.as_deref().unwrap_or("");
    let simplified = ctx.title.as_str();
    if title.len() == simplified.len() {
        return title.get(r.clone()).unwrap_or(&simplified[r]).to_string();
    }
    let start = simplified[..r.start].chars().count();
    let len = simplified[r].chars().count();
    title.chars().skip(start).take(len).collect()
}

/// [`complete`], asked once per name and set of given fields: the answer depends only on which fields
/// are given, so it is worked out on a probe whose given fields hold markers, and the markers left in its
/// answer stand for the person's own values.
fn complete_memo(ctx: &Context, memo: &mut Memo, m: &mut Mention) {
    const MARK: Range<usize> = usize::MAX..usize::MAX;
    const MARK_STATE: &str = "\u{0}";
    let Some(n) = m.name.as_ref().map(|r| &ctx.body[r.clone()]) else { return };
    let given = [m.title.is_some(), m.country.is_some(), m.org.is_some()];
    let probe = memo.completed.entry((n.to_string(), given)).or_insert_with(|| {
        let mut p = Mention {
            title: given[0].then_some(MARK),
            country: given[1].then(|| MARK_STATE.to_string()),
            org: given[2].then_some(MARK),
            ..m.clone()
        };
        complete(ctx, &mut p);
        p
    });
    if probe.title != Some(MARK) {
        m.title = probe.title.clone();
    }
    if probe.country.as_deref() != Some(MARK_STATE) {
        m.country = probe.country.clone();
    }
    if probe.org != Some(MARK) {
        m.org = probe.org.clone();
    }
}

/// The first and last (by name) title and state given to a person anywhere in the article, so that a bare
/// later mention ("拉夫罗夫表示") gets the first mention's title.
fn complete(ctx: &Context, m: &mut Mention) {
    let Some(n) = m.name.as_ref().map(|r| &ctx.body[r.clone()]) else { return };
    for o in ctx.named(n) {
        if m.title.is_none() && o.title.is_some() {
            m.title = o.title.clone();
        }
        if m.country.is_none() && o.country.is_some() && m.org.is_none() {
            m.country = o.country.clone();
        }
        if m.org.is_none() && o.org.is_some() {
            m.org = o.org.clone();
            if o.country.is_none() {
                m.country = None;
            }
        }
        if m.title.is_some() && (m.country.is_some() || m.org.is_some()) {
            break;
        }
    }
}
