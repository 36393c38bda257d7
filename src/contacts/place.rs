//! Place: where an in-person contact took place, named before the verb in its sentence (在京会见, 在人民大会堂
//! 会见, 出席慕尼黑安全会议期间): the city when both city and venue are named; for the lead's in-person contacts
//! without one, the dateline's place.

use super::candidates::{Candidate, Place};
use super::context::{Context, Source};
use super::dating::lookback_start;
use crate::gazetteer;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static LOC_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:在|于|到访|访问)([^，。；、在于“”]{2,24}?)(?:同|与|和|会见|接见|会晤|举行|出席|参加|集体会见|分别|共同|晤|通电话|通话|视频|见面|会面|主持|进行|期间|，|的)")
        .expect("location regex")
});

/// The one-character names of capitals after 在: 在京 is 北京.
const CAPITAL_ABBREVIATIONS: [(&str, &str); 2] = [("在京", "北京"), ("在沪", "上海")];

/// One phrase after 在/于: the place it names, if it names one.
fn place_in(c: &regex::Captures, base: usize) -> Option<(String, Range<usize>)> {
    let g = gazetteer::get();
    let m = c.get(1)?;
    let mut x = m.as_str();
    let mut abs = base + m.start()..base + m.end();
    // "出席慕尼黑安全会议": the city the gathering is named after.
    if let Some(inner) = x.strip_prefix("出席").or_else(|| x.strip_prefix("参加")) {
        let city = g.city_prefix(inner)?;
        let st = abs.start + "出席".len();
        return Some((city.to_string(), st..st + city.len()));
    }
    // "奥地利维也纳", "卡塔尔多哈": the state before the city is not the place.
    if let Some((_, len)) = g.country_prefix(x).filter(|(_, len)| *len < x.len()) {
        x = &x[len..];
        abs.start += len;
    }
    if let Some(city) = g.city_prefix(x) {
        return Some((city.to_string(), abs.start..abs.start + city.len()));
    }
    // "欧洲小国马耳他".
    if let Some(city) = g.cities.iter().find(|c| x.ends_with(c.as_str())) {
        return Some((city.to_string(), abs.end - city.len()..abs.end));
    }
    // "在京以视频方式", "在京应约": words of the clause after a place are not part of it.
    if let Some(w) = g.cues.place_tail.iter().find(|w| x.ends_with(w.as_str())) {
        x = &x[..x.len() - w.len()];
        abs.end -= w.len();
        if x.chars().count() < 2 {
            return None;
        }
    }
    if g.cues.not_place.iter().any(|w| x.contains(w.as_str()))
        || x.starts_with(['与', '同', '和', '对', '向'])
        || g.holder_names.iter().any(|n| x.contains(n.as_str()))
    {
        return None;
    }
    let venue = g.venue_suffixes.iter().any(|v| x.ends_with(v.as_str()));
    let country = g.country_names.iter().any(|(n, _)| x == n);
    let short = x.chars().count() <= 5 && c.get(0).is_some_and(|m0| !m0.as_str().ends_with('，'));
    (venue || country || short).then(|| (x.to_string(), abs))
}

/// The place named before the verb `trig` in `sentence`.
fn location(s: &str, sentence: &Range<usize>, trig: &Range<usize>) -> Option<(String, Range<usize>)> {
    // Only the last LOOKBACK characters before the verb, as for dates: the whole sentence prefix for every
    // verb is quadratic in a run-on sentence of many contacts.
    let start = lookback_start(s, sentence.start, trig.start);
    let seg = &s[start..trig.end];
    let mut best = None;
    for (abbr, city) in CAPITAL_ABBREVIATIONS {
        if let Some(p) = seg.rfind(abbr) {
            let st = start + p + "在".len();
            best = Some((city.to_string(), st..st + abbr.len() - "在".len()));
        }
    }
    // The last phrase that names a place; one that names none keeps the place found before it.
    for c in LOC_RE.captures_iter(seg) {
        if let Some(p) = place_in(&c, start) {
            best = Some(p);
        }
    }
    best
}

/// The place of every candidate from its sentence; the dateline's place for the lead's in-person
/// contacts that have none.
pub fn pass(ctx: &Context, found: &mut [Candidate]) {
    for c in found.iter_mut() {
        c.location = location(ctx.text(c.source), &c.sentence, &c.trigger)
            .map(|(name, r)| Place { name, at: (c.source, r) });
    }
    if let Some(d) = &ctx.dateline {
        let place = ctx.body[d.place.clone()].to_string();
        for c in
            found.iter_mut().filter(|c| c.source == Source::Body && c.para == Some(0) && c.location.is_none())
        {
            if c.kind.in_person() {
                c.location = Some(Place { name: place.clone(), at: (Source::Body, d.place.clone()) });
            }
        }
    }
}
