//! Dating: the date expression nearest before the verb in its sentence (not one of another happening; a
//! span such as 28日至29日 kept as a span), else earlier in its paragraph, else the dateline for the lead,
//! else the lead's date for a retold contact. A month and day the file gives no year for is kept as such;
//! the year of one the publication date does not give is inferred (years the text writes, the tenure of
//! the office holders taking part) and flagged. A date after publication makes the contact planned. A
//! contact told as background (此前, 曾于…, 去年…) is dated only by its own sentence.

use super::candidates::{Candidate, Dated, When};
use super::context::{Context, Source};
use super::dates::{self, Anchor, Day, Expr, Resolved};
use super::mentions::Mention;
use crate::gazetteer;
use crate::schema::Status;
use std::ops::Range;

/// How far before a contact verb its date is looked for, in characters (a long sentence's date stands
/// within its clause, far closer than this).
pub const LOOKBACK: usize = 400;

/// The start of the last `LOOKBACK` characters of `s[from..to]`.
pub fn lookback_start(s: &str, from: usize, to: usize) -> usize {
    from + s[from..to].char_indices().rev().nth(LOOKBACK).map_or(0, |(i, _)| i)
}

/// The date expression dating a verb at the end of `before`, and the end of its span: the nearest one,
/// skipping dates of other happenings ("上月20日就职后，首次与…通电话"); "28日至29日", "周一至周二" give
/// both days.
pub fn pick_date(before: &str) -> Option<(dates::Found, Option<dates::Found>)> {
    let g = gazetteer::get();
    let ds = dates::find_all(before);
    for i in (0..ds.len()).rev() {
        let d = ds[i];
        // The date of another happening, or of the speech reporting the contact ("周一回应…将会晤时说").
        if g.cues.other_happening.iter().any(|w| before[d.end..].contains(w.as_str())) {
            continue;
        }
        let joined = |a: &dates::Found| {
            let mark = before[a.end..d.start].trim();
            g.cues.range_mark.iter().any(|w| mark == w.as_str())
        };
        if i > 0 && joined(&ds[i - 1]) {
            return Some((ds[i - 1], Some(d)));
        }
        return Some((d, None));
    }
    None
}

/// What an expression says the day is: resolved when the file supports a year, else the month and day.
fn when_of(anchor: &Anchor, e: Expr, planned: bool) -> Option<When> {
    let r = if planned { anchor.resolve_future(e) } else { anchor.resolve(e) };
    match (r, e) {
        (Some(r), _) => Some(When::Day(r)),
        (None, Expr::MonthDay(m, d)) if Day::new(2000, m, d).is_some() => Some(When::MonthDay(m, d)),
        _ => None,
    }
}

/// The last day of a span starting `start`: a bare day (29日) is in the start's month (or the next).
fn span_end(anchor: &Anchor, start: &When, e: Expr) -> Option<When> {
    match (start, e) {
        (When::Day(s), Expr::Day(d)) => {
            let same = Day::new(s.day.y, s.day.m, d).filter(|x| *x > s.day);
            let next = Day::new(s.day.y, s.day.m, 1)?.plus(32);
            let day = same.or_else(|| Day::new(next.y, next.m, d))?;
            Some(When::Day(Resolved { day, ..*s }))
        }
        (When::MonthDay(m, _), Expr::Day(d)) => Some(When::MonthDay(*m, d)),
        (When::Day(s), Expr::MonthDay(m, d)) => {
            let day = Day::new(s.day.y, m, d)?;
            Some(When::Day(Resolved { day, ..*s }))
        }
        _ => when_of(anchor, e, false),
    }
}

/// A date found at `found` (and `end`) in `text[base..]`.
fn dated(
    anchor: &Anchor,
    at: (Source, usize),
    found: dates::Found,
    end: Option<dates::Found>,
    planned: bool,
) -> Option<Dated> {
    let when = when_of(anchor, found.expr, planned)?;
    let end_when = end.and_then(|e| span_end(anchor, &when, e.expr));
    let stop = end.filter(|_| end_when.is_some()).map_or(found.end, |e| e.end);
    Some(Dated { when, end: end_when, at: Some((at.0, at.1 + found.start..at.1 + stop)) })
}

/// The date in the candidate's own sentence, before its verb.
fn in_sentence(ctx: &Context, c: &Candidate) -> Option<Dated> {
    let s = ctx.text(c.source);
    // Only the last LOOKBACK characters before the verb: scanning the whole sentence prefix for each verb
    // was quadratic in a long run-on sentence (tests/superlinear.rs, many names).
    let skip = lookback_start(s, c.sentence.start, c.trigger.start);
    let (d, end) = pick_date(&s[skip..c.trigger.start])?;
    if let Expr::FromPrevious(off) = d.expr {
        let at = skip + d.start..skip + d.end;
        let when = match previous_day(ctx, at.start).filter(|_| c.source == Source::Body)? {
            When::Day(base) => When::Day(Resolved { day: base.day.plus(off), ..base }),
            // A month-day without a year: the same day only (the day after 2月28日 depends on the year).
            w @ When::MonthDay(..) => Some(w).filter(|_| off == 0)?,
        };
        return Some(Dated { when, end: None, at: Some((c.source, at)) });
    }
    dated(&ctx.anchor, (c.source, skip), d, end, c.planned())
}

/// How many sentences back the date a 次日 / 此前一天 / 当天 counts from is looked for (the sayings of a
/// readout may stand between the dated contact and the next one told "当天").
const PREVIOUS_SENTENCES: usize = 40;
/// … and how far back, in bytes (three thousand characters).
const PREVIOUS_BYTES: usize = 9000;

/// The last date told before byte `at` of the body, in the sentences up to it.
fn previous_day(ctx: &Context, at: usize) -> Option<When> {
    let k = ctx.sentences.partition_point(|st| st.range.start < at);
    // A few thousand characters back at most: a text of many 当天 in long sentences is read once per
    // contact.
    let floor = ctx.body.ceil_char_boundary(at.saturating_sub(PREVIOUS_BYTES));
    ctx.sentences[..k].iter().rev().take(PREVIOUS_SENTENCES).take_while(|st| st.range.end > floor).find_map(
        |st| {
            let text = &ctx.body[st.range.start.max(floor)..st.range.end.min(at)];
            // The last date told is the one counted from: when it says too little, an older one is not it.
            let d =
                dates::find_all(text).into_iter().rev().find(|d| !matches!(d.expr, Expr::FromPrevious(_)))?;
            Some(when_of(&ctx.anchor, d.expr, false))
        },
    )?
}

/// Date every candidate from its own sentence; a date after publication makes it planned.
pub fn in_sentences(ctx: &Context, found: &mut [Candidate]) {
    for c in found.iter_mut() {
        c.date = in_sentence(ctx, c);
        if c.date.as_ref().and_then(|d| d.day()).zip(ctx.anchor.published).is_some_and(|(d, p)| d > p) {
            c.status = Status::Planned;
        }
    }
}

/// The first (or, with `last`, the final) date of `range` in the body.
fn date_in(ctx: &Context, range: &Range<usize>, last: bool) -> Option<Dated> {
    let ds = dates::find_all(&ctx.body[range.clone()]);
    let at = (Source::Body, range.start);
    let mut it: Box<dyn Iterator<Item = &dates::Found>> =
        if last { Box::new(ds.iter().rev()) } else { Box::new(ds.iter()) };
    it.find_map(|d| dated(&ctx.anchor, at, *d, None, false))
}

/// For each sentence, the last date of the nearest sentence up to it in its paragraph that has one: built
/// once, since looking back through the paragraph for every contact is quadratic in a paragraph of many.
fn paragraph_dates(ctx: &Context) -> Vec<Option<Dated>> {
    let mut out: Vec<Option<Dated>> = Vec::with_capacity(ctx.sentences.len());
    for (i, st) in ctx.sentences.iter().enumerate() {
        let carried = (i > 0 && ctx.sentences[i - 1].para == st.para).then(|| out[i - 1].clone()).flatten();
        out.push(date_in(ctx, &st.range, true).or(carried));
    }
    out
}

/// The last date earlier in the candidate's paragraph (`table` from [`paragraph_dates`]).
fn earlier_in_paragraph(ctx: &Context, table: &[Option<Dated>], c: &Candidate) -> Option<Dated> {
    let k = ctx.sentences.partition_point(|st| st.range.end <= c.sentence.start).checked_sub(1)?;
    (Some(ctx.sentences[k].para) == c.para).then(|| table[k].clone()).flatten()
}

/// The dateline's month and day, for a contact of the lead paragraph.
fn from_dateline(ctx: &Context) -> Option<Dated> {
    let d = ctx.dateline.as_ref()?;
    let when = when_of(&ctx.anchor, Expr::MonthDay(d.month, d.day), false)?;
    Some(Dated { when, end: None, at: Some((Source::Body, d.range.clone())) })
}

/// Dates not in the reporting sentence: earlier in its paragraph, else the article's dateline; a later
/// paragraph retelling the contact the lead reported ("X周四表示，他刚与Y交谈…" then "X披露与Y通电话之后…")
/// takes the lead's date: the lead (导语) gives the story's when. A contact told as background has no date
/// but its own.
pub fn from_context(ctx: &Context, found: &mut [Candidate]) {
    let mut table = None;
    for c in found.iter_mut().filter(|c| c.date.is_none() && c.source == Source::Body && !c.background) {
        let table = table.get_or_insert_with(|| paragraph_dates(ctx));
        let mut best = earlier_in_paragraph(ctx, table, c);
        if best.is_none() && c.para == Some(0) {
            best = from_dateline(ctx);
        }
        if best.is_none() && !c.planned() && c.para.is_some_and(|p| p > 0) {
            best = lead_date(ctx, c);
        }
        c.date = best;
    }
}

/// How many sentences of the lead paragraph a retold contact's date is looked for in.
const LEAD_SENTENCES: usize = 32;

/// The date of the lead-paragraph sentence that names both sides of `c`, when it is not after publication.
fn lead_date(ctx: &Context, c: &Candidate) -> Option<Dated> {
    let s = ctx.body;
    let named = |ms: &[Mention], text: &str| {
        ms.iter().any(|m| m.name.as_ref().is_some_and(|n| !n.is_empty() && text.contains(&s[n.clone()])))
    };
    // The lead's first sentences: a lead of thousands is no lead, and scanning it for every contact of the
    // article is quadratic.
    let lead = ctx.sentences.iter().take_while(|st| st.para == 0).take(LEAD_SENTENCES);
    let st = lead.into_iter().find(|st| {
        let text = &s[st.range.clone()];
        named(&c.china, text) && named(&c.counterparts, text)
    })?;
    let d = date_in(ctx, &st.range, false)?;
    d.day().zip(ctx.anchor.published).is_none_or(|(d, p)| d <= p).then_some(d)
}

/// The first date of the first sentence, for a contact only the headline reports.
pub fn first_sentence(ctx: &Context) -> Option<Dated> {
    date_in(ctx, &ctx.sentences.first()?.range, false)
}

/// The headline contact undated so far: the lead's date (HK and portal stories date it once, up top).
pub fn headline_from_lead(ctx: &Context, first: &mut Candidate) {
    if first.date.is_some() || first.source != Source::Body || first.background {
        return;
    }
    for st in ctx.sentences.iter().filter(|st| st.para <= 1) {
        let t = &ctx.body[st.range.clone()];
        if let Some(d) =
            pick_date(t).and_then(|(d, e)| dated(&ctx.anchor, (Source::Body, st.range.start), d, e, false))
        {
            first.date = Some(d);
            return;
        }
    }
}

/// Whether an office-holder record is of an office the text gives (none given fits any): a title may list
/// several ("全国人大常委会副委员长、和裁会副会长", "国务委员兼外长").
fn office_fits(title: Option<&str>, office: &str) -> bool {
    let Some(title) = title else { return true };
    let last2 = |x: &str| x.chars().rev().take(2).collect::<String>();
    // A deputy's office is not the chief's (副总理 ends with 总理).
    let deputy = |x: &str| x.contains('副');
    title.split(['、', '兼']).map(str::trim).filter(|t| !t.is_empty()).any(|t| {
        deputy(t) == deputy(office)
            && (t.ends_with(office) || office.ends_with(t) || last2(t) == last2(office))
    })
}

/// The years the people of a contact held the offices the text gives them (from the office-holder
/// gazetteer): the intersection over the people it dates, `None` when it dates none.
fn tenure(ctx: &Context, c: &Candidate) -> Option<(i32, i32)> {
    let g = gazetteer::get();
    let s = ctx.text(c.source);
    let mut span: Option<(i32, i32)> = None;
    for m in c.china.iter().chain(&c.counterparts) {
        let Some(hs) = m.name.as_ref().and_then(|n| g.holders.get(&s[n.clone()])) else { continue };
        // The title given here, else where the article first titles the name.
        let name = m.name.as_ref().map(|n| &s[n.clone()]);
        let title = match &m.title {
            Some(t) => Some(&s[t.clone()]),
            None => name.and_then(|n| ctx.first_titled(n)?.title.as_ref()).map(|t| &ctx.body[t.clone()]),
        };
        let hs: Vec<_> = hs.iter().filter(|h| office_fits(title, &h.office)).collect();
        if hs.is_empty() {
            continue;
        }
        let from = hs.iter().map(|h| h.from).min().unwrap_or(0);
        let to = if hs.iter().any(|h| h.to.is_none()) {
            i32::MAX
        } else {
            hs.iter().filter_map(|h| h.to).max().unwrap_or(i32::MAX)
        };
        span = Some(match span {
            Some((a, b)) => (a.max(from), b.min(to)),
            None => (from, to),
        });
    }
    span
}

/// The year of a month-day (month `m`) within the tenure `lo..=hi`: the year `current` (from the file's
/// dated material) when it fits, else a year the text writes (or the one before when the month-day falls
/// well after what the text dates in that year: the file's dated material comes after the contact), else
/// the tenure's only year or, when every year the text writes is before it, its first.
fn year_within(ctx: &Context, m: u32, current: Option<i32>, (lo, hi): (i32, i32)) -> Option<i32> {
    let within = |y: &i32| (lo..=hi).contains(y);
    let written = ctx.years.iter().map(|&(y, last)| if m > last + 1 { y - 1 } else { y });
    current.filter(within).or_else(|| written.clone().find(within)).or_else(|| {
        let before_tenure = !ctx.years.is_empty() && written.clone().all(|y| y < lo);
        (lo == hi || before_tenure).then_some(lo).filter(|_| lo > 0)
    })
}

/// Put a date (and the end of its span) in year `y`.
fn set_year(date: &mut Dated, y: i32) {
    let in_year =
        |m, d| Day::new(y, m, d).map(|day| When::Day(Resolved { day, corrected_from: None, inferred: true }));
    let (m, d) = date.when.month_day();
    if let Some(w) = in_year(m, d) {
        date.when = w;
        date.end = date.end.and_then(|e| {
            let (m, d) = e.month_day();
            in_year(m, d)
        });
    }
}

/// Give a year to the dates of contacts the publication date does not date, from the tenure of the office
/// holders taking part ([`year_within`]): the years all of them held office when there are such years (one
/// article tells of one season: "9月1日" with a premier in office from 2023 and a minister until 2024 is
/// 2023 for every contact), else each contact's own; the other contacts of the article take the year most
/// of those got.
pub fn years(ctx: &Context, found: &mut [Candidate]) {
    if ctx.anchor.published.is_some() {
        return;
    }
    let undated = |c: &Candidate| match c.date.as_ref().map(|d| d.when) {
        Some(When::Day(r)) if r.inferred => Some((r.day.m, Some(r.day.y))),
        Some(When::MonthDay(m, _)) => Some((m, None)),
        _ => None,
    };
    let mut tenured = Vec::new();
    let mut untenured = Vec::new();
    for (i, c) in found.iter().enumerate() {
        let Some((m, current)) = undated(c) else { continue };
        match tenure(ctx, c).filter(|(lo, hi)| lo <= hi) {
            Some(t) => tenured.push((i, m, current, t)),
            None => untenured.push(i),
        }
    }
    let all = tenured.iter().map(|x| x.3).reduce(|(a, b), (c, d)| (a.max(c), b.min(d)));
    let all = all.filter(|(lo, hi)| lo <= hi);
    let mut chosen: Vec<i32> = Vec::new();
    for (i, m, current, t) in tenured {
        if let (Some(y), Some(date)) =
            (year_within(ctx, m, current, all.unwrap_or(t)), found[i].date.as_mut())
        {
            set_year(date, y);
            chosen.push(y);
        }
    }
    let mut counts: std::collections::HashMap<i32, usize> = std::collections::HashMap::new();
    for &y in &chosen {
        *counts.entry(y).or_default() += 1;
    }
    let common = counts.into_iter().max_by_key(|&(y, n)| (n, y)).map(|(y, _)| y);
    for i in untenured {
        if let (Some(y), Some(date)) = (common, found[i].date.as_mut()) {
            set_year(date, y);
        }
    }
}
