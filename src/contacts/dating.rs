//! Dating: the date expression nearest before the verb in its sentence (not one of another happening,
//! the start of a span), else earlier in its paragraph, else the dateline for the lead, else the lead's
//! date for a retold contact. A date after publication makes the contact planned.

use super::candidates::{Candidate, Dated};
use super::context::{Context, Source};
use super::dates::{self, Anchor};
use super::mentions::Mention;
use crate::gazetteer;
use crate::schema::Status;

/// How far before a contact verb its date is looked for, in characters (a long sentence's date stands
/// within its clause, far closer than this).
pub const LOOKBACK: usize = 400;

/// The start of the last `LOOKBACK` characters of `s[from..to]`.
pub fn lookback_start(s: &str, from: usize, to: usize) -> usize {
    from + s[from..to].char_indices().rev().nth(LOOKBACK).map_or(0, |(i, _)| i)
}

/// The date expression dating a verb at the end of `before`: the nearest one, skipping dates of other
/// happenings ("上月20日就职后，首次与…通电话") and taking the start of a range ("周一至周二").
pub fn pick_date(before: &str) -> Option<dates::Found> {
    let g = gazetteer::get();
    let ds = dates::find_all(before);
    for i in (0..ds.len()).rev() {
        let d = ds[i];
        let between = &before[d.end..];
        // The date of another happening, or of the speech reporting the contact ("周一回应…将会晤时说").
        if g.cues.other_happening.iter().any(|w| between.contains(w.as_str())) {
            continue;
        }
        let lead = &before[..d.start];
        if i > 0 && g.cues.range_mark.iter().any(|w| lead.ends_with(w.as_str())) {
            return Some(ds[i - 1]);
        }
        return Some(d);
    }
    None
}

/// The date in the candidate's own sentence, before its verb.
fn in_sentence(s: &str, c: &Candidate, anchor: &Anchor) -> Option<Dated> {
    // Only the last LOOKBACK characters before the verb: scanning the whole sentence prefix for each verb
    // was quadratic in a long run-on sentence (tests/superlinear.rs, many names).
    let skip = lookback_start(s, c.sentence.start, c.trigger.start);
    let d = pick_date(&s[skip..c.trigger.start])?;
    let r = if c.planned() { anchor.resolve_future(d.expr) } else { anchor.resolve(d.expr) }?;
    Some(Dated { resolved: r, range: Some(skip + d.start..skip + d.end) })
}

/// Date every candidate from its own sentence; a date after publication makes it planned.
pub fn in_sentences(ctx: &Context, found: &mut [Candidate]) {
    for c in found.iter_mut() {
        let s = ctx.text(c.source);
        c.date = in_sentence(s, c, &ctx.anchor);
        let later = c.date.as_ref().zip(ctx.anchor.published).is_some_and(|(d, p)| d.resolved.day > p);
        if later {
            c.status = Status::Planned;
        }
    }
}

/// The last date earlier in the candidate's paragraph.
fn earlier_in_paragraph(ctx: &Context, c: &Candidate) -> Option<Dated> {
    let s = ctx.body;
    let before =
        ctx.sentences.iter().filter(|st| Some(st.para) == c.para && st.range.end <= c.sentence.start);
    for st in before.rev() {
        let ds = dates::find_all(&s[st.range.clone()]);
        if let Some((r, d)) = ds.iter().rev().find_map(|d| ctx.anchor.resolve(d.expr).map(|r| (r, d))) {
            return Some(Dated {
                resolved: r,
                range: Some(st.range.start + d.start..st.range.start + d.end),
            });
        }
    }
    None
}

/// The dateline's month and day, for a contact of the lead paragraph.
fn from_dateline(ctx: &Context) -> Option<Dated> {
    let d = ctx.dateline.as_ref()?;
    let r = ctx.anchor.resolve(dates::Expr::MonthDay(d.month, d.day))?;
    Some(Dated { resolved: r, range: Some(d.range.clone()) })
}

/// Dates not in the reporting sentence: earlier in its paragraph, else the article's dateline; a later
/// paragraph retelling the contact the lead reported ("X周四表示，他刚与Y交谈…" then "X披露与Y通电话之后…")
/// takes the lead's date: the lead (导语) gives the story's when.
pub fn from_context(ctx: &Context, found: &mut [Candidate]) {
    for c in found.iter_mut().filter(|c| c.date.is_none() && c.source == Source::Body) {
        let mut best = earlier_in_paragraph(ctx, c);
        if best.is_none() && c.para == Some(0) {
            best = from_dateline(ctx);
        }
        if best.is_none() && !c.planned() && c.para.is_some_and(|p| p > 0) {
            best = lead_date(ctx, c);
        }
        c.date = best;
    }
}

/// The date of the lead-paragraph sentence that names both sides of `c`, when it is not after publication.
fn lead_date(ctx: &Context, c: &Candidate) -> Option<Dated> {
    let s = ctx.body;
    let named = |ms: &[Mention], text: &str| {
        ms.iter().any(|m| m.name.as_ref().is_some_and(|n| !n.is_empty() && text.contains(&s[n.clone()])))
    };
    let st = ctx.sentences.iter().filter(|st| st.para == 0).find(|st| {
        let text = &s[st.range.clone()];
        named(&c.china, text) && named(&c.counterparts, text)
    })?;
    let ds = dates::find_all(&s[st.range.clone()]);
    let (r, d) = ds.iter().find_map(|d| ctx.anchor.resolve(d.expr).map(|r| (r, d)))?;
    if ctx.anchor.published.is_some_and(|p| r.day > p) {
        return None;
    }
    Some(Dated { resolved: r, range: Some(st.range.start + d.start..st.range.start + d.end) })
}

/// The first date of the first sentence, for a contact only the headline reports.
pub fn first_sentence(ctx: &Context) -> Option<Dated> {
    let st = ctx.sentences.first()?;
    let ds = dates::find_all(&ctx.body[st.range.clone()]);
    ds.iter().find_map(|d| ctx.anchor.resolve(d.expr)).map(|r| Dated { resolved: r, range: None })
}

/// The headline contact undated so far: the lead's date (HK and portal stories date it once, up top).
pub fn headline_from_lead(ctx: &Context, first: &mut Candidate) {
    if first.date.is_some() || first.source != Source::Body {
        return;
    }
    for st in ctx.sentences.iter().filter(|st| st.para <= 1) {
        let t = &ctx.body[st.range.clone()];
        if let Some((d, r)) = pick_date(t).and_then(|d| ctx.anchor.resolve(d.expr).map(|r| (d, r))) {
            first.date =
                Some(Dated { resolved: r, range: Some(st.range.start + d.start..st.range.start + d.end) });
            return;
        }
    }
}
