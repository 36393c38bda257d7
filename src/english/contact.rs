//! The contact of an English readout, from its formula sentence: "<subject> <verb> [today | on May 10-11 |
//! virtually] with <object> [in <place>]" ("President Joseph R. Biden, Jr. spoke today with President Xi
//! Jinping of the People's Republic of China"), or two states as the subject ("the United States and the
//! People's Republic of China held a senior official meeting…"), whose delegations' leaders are named in
//! sentences that say who led, co-chaired or stopped by.
//!
//! Sides: the PRC's officials go to `china`, everyone else to `counterparts`, as in the Chinese path; a
//! readout with no PRC official (a call with France) keeps its contact with `china` empty.

use super::lexicon::{self, Lexicon};
use super::sentences::Sentence;
use crate::document::Document;
use crate::people::{self, Person};
use crate::schema::{Event, EventSource, Kind, Participant, Status};
use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

/// How many sentences from the top the formula is looked for in.
const FORMULA_WITHIN: usize = 3;

/// The contact found, and what later passes need of it.
pub struct Contact {
    pub event: Event,
    /// Index of the formula sentence.
    pub sentence: usize,
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s*[-–]\s*(\d{1,2}))?\b(?:,?\s*(\d{4}))?",
    )
    .expect("valid regex")
});
static TODAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(today|this (?:morning|afternoon|evening)|tonight)\b").expect("valid regex")
});
static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:in|outside|at)\s+((?:[A-Z][\p{L}’'.-]*)(?:\s+[A-Z][\p{L}’'.-]*)*)")
        .expect("valid regex")
});
/// An infinitive that starts a purpose clause ("… of Canada to discuss joint efforts").
static PURPOSE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s(?:to|about|regarding)\s+[a-z]").expect("valid regex"));
static STATE_PAIR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[^,]*,\s*)?(?:the\s+)?(.+?)\s+and\s+(?:the\s+)?(.+?)$").expect("valid regex")
});
/// A multi-day meeting or one of a working group or dialogue is a round of talks.
static TALKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(working group|dialogue|consultations?|strategic channel)\b").expect("valid regex")
});
/// Sentences naming who took part beyond the formula's principals.
static PARTAKERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(led by|co-chaired by|gave remarks|stopped by|dropped by|headed by)\b")
        .expect("valid regex")
});
/// Words that make a title, not a name, in a run of capitalised words.
const TITLE_WORDS: &[&str] = &[
    "President",
    "Vice",
    "Prime",
    "Minister",
    "Secretary",
    "Director",
    "Advisor",
    "Adviser",
    "National",
    "Security",
    "Deputy",
    "Principal",
    "Assistant",
    "General",
    "Chairman",
    "Chair",
    "Member",
    "Politburo",
    "Councilor",
    "Premier",
    "Chancellor",
    "King",
    "Queen",
    "Ambassador",
    "Envoy",
    "Special",
    "Senior",
    "Foreign",
    "Affairs",
    "Executive",
    "State",
    "Commissioner",
    "Governor",
    "Speaker",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Minister,",
    "Communist",
    "Party",
    "Chinese",
    "Office",
    "Commission",
    "Central",
    "Military",
    "Homeland",
    "Defense",
    "Treasury",
    "Commerce",
    "Representative",
    "Leader",
    "Crown",
    "Prince",
    "Emir",
    "Sultan",
    "Sheikh",
];
/// Words of a title that say the official is the PRC's.
/// Words that join the capitalised words of a title.
const CONNECTORS: &[&str] = &["of", "the", "for", "and", "to", "on", "at"];
/// Capitalised words before a title that are not part of it.
const LEADERS: &[&str] = &["Today", "Yesterday", "Tonight", "On", "Earlier", "The", "Also", "Then"];
const PRC_MARKERS: &[&str] = &[
    "People’s Republic of China",
    "People's Republic of China",
    "PRC",
    "Chinese Communist Party",
    "Communist Party of China",
    "Central Military Commission",
    "Politburo",
    "State Council",
    "Central Committee",
];
const US_MARKERS: &[&str] = &[
    "National Security Advisor",
    "U.S.",
    "White House",
    "Homeland Security",
    "of the United States",
    "to the President",
];

/// The readout's contact, or `None` when its first sentences hold no formula.
pub fn find(doc: &Document, sents: &[Sentence]) -> Option<Contact> {
    let lx = lexicon::get();
    for (i, s) in sents.iter().enumerate().take(FORMULA_WITHIN) {
        if let Some(event) = formula(doc, s, lx) {
            let mut c = Contact { event, sentence: i };
            partakers(doc, sents, &mut c);
            c.event.paragraph = Some(s.paragraph);
            c.event.span = Some(doc.span(s.range.clone()));
            return Some(c);
        }
    }
    None
}

fn formula(doc: &Document, s: &Sentence, lx: &Lexicon) -> Option<Event> {
    let text = doc.text.as_str();
    let sent = &text[s.range.clone()];
    for (vr, vi) in lx.verb_phrases.find(text, s.range.clone()) {
        let verb = &lx.verbs[vi];
        let before = &text[s.range.start..vr.start];
        let after = vr.end..s.range.end;
        // "… with <object>": the first "with" after the verb, a few words on at most.
        let with = text[after.clone()]
            .find(" with ")
            .filter(|&w| text[vr.end..vr.end + w].split_whitespace().count() <= 6);
        let (subject_side, object_side, mid) = match with {
            Some(w) => {
                let obj_start = vr.end + w + " with ".len();
                let obj_end = PURPOSE
                    .find(&text[obj_start..s.range.end])
                    .map_or(s.range.end, |m| obj_start + m.start());
                let subj = side(doc, s.range.start..vr.start, true, lx);
                let obj = side(doc, obj_start..obj_end, false, lx);
                (subj, obj, vr.end..vr.end + w)
            }
            None => {
                // Two states as the subject: their delegations.
                let (a, b) = state_pair(before, lx)?;
                let p = |c: String| Participant {
                    name: None,
                    title: None,
                    country: Some(c),
                    org: None,
                    span: None,
                    title_span: None,
                };
                (vec![p(a)], vec![p(b)], vr.end..vr.end)
            }
        };
        if subject_side.is_empty() || object_side.is_empty() {
            continue;
        }
        let mut kind = verb.kind.clone();
        let mut cameo = verb.cameo.clone();
        let mid_text = text[mid.clone()].to_lowercase();
        if mid_text.contains("virtually") || mid_text.contains("by video") {
            kind = "video_call".into();
        } else if mid_text.contains("by phone") {
            kind = "phone_call".into();
        }
        let mut evidence = BTreeMap::new();
        evidence.insert("trigger".to_string(), doc.span(vr.clone()));
        let (date, multi_day) = dating(doc, s, &mut evidence);
        if kind == "meeting" && (multi_day || TALKS.is_match(sent)) {
            kind = "talks".into();
            cameo = "046".into();
        }
        let location = place(doc, vr.end..s.range.end, &mut evidence);
        let (mut china, mut counterparts) = (Vec::new(), Vec::new());
        for p in subject_side.into_iter().chain(object_side) {
            if p.country.as_deref() == Some("CN") {
                china.push(p);
            } else {
                counterparts.push(p);
            }
        }
        return Some(Event {
            kind: Kind::parse(&kind).unwrap_or(Kind::Other),
            cameo,
            status: Status::Held,
            date,
            date_text: None,
            date_end: None,
            location,
            requested_by: None,
            china,
            counterparts,
            source: EventSource::Body,
            span: None,
            evidence,
            paragraph: None,
            date_as_written: None,
        });
    }
    None
}

/// "the United States and the People's Republic of China" → (US, CN).
fn state_pair(before: &str, lx: &Lexicon) -> Option<(String, String)> {
    let c = STATE_PAIR.captures(before.trim())?;
    let code = |s: &str| {
        let s = s.trim().trim_start_matches("the ").trim();
        let found = lx.country_phrases.find(s, 0..s.len());
        found.first().filter(|(r, _)| r.start == 0 && r.end == s.len()).map(|(_, i)| lx.countries[*i].clone())
    };
    Some((code(&c[1])?, code(&c[2])?))
}

/// The people named in one side of the formula, with titles and countries.
fn side(doc: &Document, range: Range<usize>, subject: bool, lx: &Lexicon) -> Vec<Participant> {
    let text = doc.text.as_str();
    let seg = &text[range.clone()];
    let mut out = Vec::new();
    let found = people::get().find_en(seg);
    let mut prev_end = 0;
    for (k, (r, person)) in found.iter().enumerate() {
        let next_start = found.get(k + 1).map_or(seg.len(), |(n, _)| n.start);
        out.push(participant(
            doc,
            range.start,
            seg,
            prev_end,
            r.clone(),
            next_start,
            Some(person),
            subject,
            lx,
        ));
        prev_end = r.end;
    }
    if out.is_empty() {
        if let Some(r) = unknown_name(seg) {
            out.push(participant(doc, range.start, seg, 0, r, seg.len(), None, subject, lx));
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn participant(
    doc: &Document,
    base: usize,
    seg: &str,
    prev_end: usize,
    name: Range<usize>,
    next_start: usize,
    person: Option<&Person>,
    subject: bool,
    lx: &Lexicon,
) -> Participant {
    // The title before the name: the words right before it that are capitalised or connect
    // capitalised words ("Chinese Communist Party Politburo Member, Director of the Office of the Foreign
    // Affairs Commission, and Foreign Minister"); a lower-case word ends it ("… was co-chaired by").
    let head = &seg[prev_end..name.start];
    let mut t_start = name.start;
    let mut pos = head.len();
    for w in head.split(' ').rev() {
        let after = pos;
        pos = pos.saturating_sub(w.len() + 1);
        if w.is_empty() {
            continue;
        }
        let bare = w.trim_end_matches(',');
        let cap = bare.chars().next().is_some_and(char::is_uppercase);
        if !(cap || CONNECTORS.contains(&bare)) || LEADERS.contains(&bare) {
            break;
        }
        t_start = prev_end + after - w.len();
    }
    // Leading connectors are not part of a title ("and Senior Director …").
    while let Some(w) = seg[t_start..name.start].split(' ').next().filter(|w| CONNECTORS.contains(w)) {
        t_start += w.len() + 1;
    }
    let title = seg[t_start.min(name.start)..name.start].trim().trim_end_matches(',');
    // A title given after the name, as an apposition: "General Zhang Youxia, Vice Chairman of …".
    let tail = &seg[name.end..next_start];
    let mut t_end = name.start;
    let mut full_title = title.to_string();
    if let Some(app) = tail.strip_prefix(", ") {
        let stop = app.find([',', ';']).unwrap_or(app.len());
        let mut a = &app[..stop];
        if let Some(m) = PLACE.find(a) {
            a = &a[..m.start()];
        }
        let a = a.trim();
        if a.split_whitespace().next().is_some_and(|w| TITLE_WORDS.contains(&w)) {
            full_title = if full_title.is_empty() { a.to_string() } else { format!("{full_title}, {a}") };
            t_end = name.end + 2 + a.len();
            if title.is_empty() {
                t_start = name.end + 2;
            }
        }
    } else if let Some(of) = tail.strip_prefix(" of ") {
        // "President Xi Jinping of the People's Republic of China (PRC)": the state completes the title.
        let found = lx.country_phrases.find(of, 0..of.len());
        if let Some((r, _)) = found.first().filter(|(r, _)| r.start == 0 || of[..r.start].trim() == "the") {
            let state = of[..r.end].trim();
            if !full_title.is_empty() {
                full_title = format!("{full_title} of {state}");
            }
        }
    }
    let title_text = full_title.trim().trim_end_matches(',').to_string();
    let mut country = person.map(|p| p.country.clone());
    if country.is_none() {
        let after = tail.strip_prefix(" of ").unwrap_or("");
        country = lx
            .country_phrases
            .find(after, 0..after.len())
            .first()
            .filter(|(r, _)| after[..r.start].trim().is_empty() || after[..r.start].trim() == "the")
            .map(|(_, i)| lx.countries[*i].clone());
    }
    if country.is_none() {
        if PRC_MARKERS.iter().any(|m| title_text.contains(m)) {
            country = Some("CN".into());
        } else if US_MARKERS.iter().any(|m| title_text.contains(m)) || (subject && publisher_is_us(doc)) {
            country = Some("US".into());
        }
    }
    let title_span = (!title_text.is_empty()).then(|| {
        let (a, b) = if t_end > name.start { (name.end + 2, t_end) } else { (t_start, name.start) };
        doc.span(base + a..base + b.max(a))
    });
    Participant {
        name: Some(seg[name.clone()].to_string()),
        title: (!title_text.is_empty()).then_some(title_text),
        country,
        org: None,
        span: Some(doc.span(base + name.start..base + name.end)),
        title_span,
    }
}

/// A White House (or other US government) page: its subject is the US side.
fn publisher_is_us(doc: &Document) -> bool {
    doc.meta.url.as_deref().is_some_and(|u| {
        let host = u.split("://").nth(1).unwrap_or(u).split('/').next().unwrap_or("");
        host.ends_with(".gov") && !host.ends_with(".gov.cn")
    })
}

/// A name the people table lacks: the last words of the last run of capitalised words that are
/// not title words ("Prime Minister Jane Doe of Atlantis" → "Jane Doe").
fn unknown_name(seg: &str) -> Option<Range<usize>> {
    let cut = seg.find(" of ").map_or(seg.len(), |i| i);
    let cut = PLACE.find(&seg[..cut]).map_or(cut, |m| m.start());
    let head = &seg[..cut];
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut pos = 0;
    for w in head.split(' ') {
        if !w.is_empty() {
            words.push((pos, w));
        }
        pos += w.len() + 1;
    }
    let mut name: Vec<(usize, &str)> = Vec::new();
    for &(p, w) in words.iter().rev() {
        let w_clean = w.trim_end_matches([',', '.']);
        let cap = w_clean.chars().next().is_some_and(char::is_uppercase);
        if !cap || TITLE_WORDS.contains(&w_clean) {
            break;
        }
        name.push((p, w_clean));
        if name.len() == 4 {
            break;
        }
    }
    if name.len() < 2 {
        return None;
    }
    let (first, _) = *name.last()?;
    let (last_pos, last_word) = name[0];
    Some(first..last_pos + last_word.len())
}

/// The contact's date: a month-day in the formula sentence (with the publication year, or the year
/// before when that month is still ahead), else "today" or no date word: the publication day.
fn dating(
    doc: &Document,
    s: &Sentence,
    evidence: &mut BTreeMap<String, crate::document::Span>,
) -> (Option<String>, bool) {
    let text = doc.text.as_str();
    let published = doc
        .meta
        .published
        .as_deref()
        .and_then(|p| p.get(..10))
        .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok());
    let sent = &text[s.range.clone()];
    if let Some(c) = DATE.captures(sent) {
        let m = c.get(0).expect("whole match");
        let month = month_number(&c[1]);
        let day: u32 = c[2].parse().unwrap_or(0);
        let year = c
            .get(4)
            .and_then(|y| y.as_str().parse::<i32>().ok())
            .or_else(|| published.map(|p| if month > p.month() + 1 { p.year() - 1 } else { p.year() }));
        if let Some(d) = year.and_then(|y| NaiveDate::from_ymd_opt(y, month, day)) {
            evidence.insert("date".into(), doc.span(s.range.start + m.start()..s.range.start + m.end()));
            return (Some(d.format("%Y-%m-%d").to_string()), c.get(3).is_some());
        }
    }
    if let Some(m) = TODAY.find(sent) {
        evidence.insert("date".into(), doc.span(s.range.start + m.start()..s.range.start + m.end()));
    }
    (published.map(|p| p.format("%Y-%m-%d").to_string()), false)
}

fn month_number(m: &str) -> u32 {
    const MONTHS: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let m = m.to_lowercase();
    MONTHS.iter().position(|x| m.starts_with(x)).map_or(0, |i| i as u32 + 1)
}

/// The place: "in Zurich, Switzerland", "outside Beijing", "in Washington, D.C." → the city.
fn place(
    doc: &Document,
    range: Range<usize>,
    evidence: &mut BTreeMap<String, crate::document::Span>,
) -> Option<String> {
    let text = doc.text.as_str();
    let seg = &text[range.clone()];
    let seg = &seg[..PURPOSE.find(seg).map_or(seg.len(), |m| m.start())];
    for c in PLACE.captures_iter(seg) {
        let m = c.get(1).expect("group");
        let name = m.as_str().trim_end_matches(['.', ',']);
        let first = name.split_whitespace().next().unwrap_or("");
        if month_number(first) > 0 && first.len() >= 3 && name.split_whitespace().count() <= 2
            || name.contains("U.S.")
            || !people::get().find_en(name).is_empty()
        {
            continue;
        }
        evidence.insert(
            "location".into(),
            doc.span(range.start + m.start()..range.start + m.start() + name.len()),
        );
        return Some(name.to_string());
    }
    None
}

/// People named where the text says who led, co-chaired or stopped by: they join their state's side,
/// replacing a delegation named by its state only.
fn partakers(doc: &Document, sents: &[Sentence], c: &mut Contact) {
    let text = doc.text.as_str();
    let lx = lexicon::get();
    for s in sents {
        let sent = &text[s.range.clone()];
        if !PARTAKERS.is_match(sent) {
            continue;
        }
        for p in side(doc, s.range.clone(), false, lx) {
            let Some(country) = p.country.clone() else { continue };
            let list = if country == "CN" { &mut c.event.china } else { &mut c.event.counterparts };
            let same = |q: &Participant| match (&q.name, &p.name) {
                (Some(a), Some(b)) => {
                    people::key(a) == people::key(b)
                        || people::get().lookup(a).map(|x| &x.id) == people::get().lookup(b).map(|x| &x.id)
                            && people::get().lookup(a).is_some()
                }
                _ => false,
            };
            if list.iter().any(same) {
                continue;
            }
            list.retain(|q| !(q.name.is_none() && q.country.as_deref() == Some(country.as_str())));
            list.push(p);
        }
    }
}
