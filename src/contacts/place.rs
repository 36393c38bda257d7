//! Place: where a contact took place, looked for where a reader finds it, in this order:
//!
//! 1. before the verb in its sentence: 在京会见, 在人民大会堂会见, 出席慕尼黑安全会议期间, 大阪峰会期间会晤,
//!    到美国夏威夷，与…会晤 (the last place named before the verb);
//! 2. after the verb in its clause: 会谈将于19日在阿拉斯加举行, 会见到华盛顿参加谈判的副总理 (the object's
//!    journey);
//! 3. for the lead's in-person contacts, the dateline's place;
//! 4. for an in-person contact, a later sentence saying where it was held, naming its people or referring
//!    back to it: X与Y的会见在五角大楼举行, 这次会晤不在A举行，而是在B;
//! 5. for an in-person contact, the one city the article says one of its people travelled to (马蒂斯抵达
//!    北京, 当时访京).
//!
//! The city when both city and venue are named.

use super::candidates::{Candidate, Place};
use super::context::{Context, Source};
use super::dating::lookback_start;
use super::mentions::{overlap, Mention};
use crate::gazetteer;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static LOC_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:在|于|到访|访问)([^，。；、在于“”]{2,24}?)(?:同|与|和|会见|接见|会晤|举行|召开|出席|参加|集体会见|分别|共同|晤|通电话|通话|视频|见面|会面|主持|进行|期间|，|的)")
        .expect("location regex")
});

/// "在X举行" after a contact verb (with 不 before 在 when the text says where it was not held).
static HELD_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(不)?在([^，。；、在于“”]{2,24}?)(举行|进行|举办|的|，|。|$)").expect("held regex")
});

/// A verb of travel before a city: 抵达北京, 到美国夏威夷, 访京.
static TRAVEL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"抵达|飞抵|到达|到访|访问|前往|来到|离开|赴|到|抵|来|访").expect("travel regex")
});

/// What may follow a city that a traveller reached (not "受到上海市民欢迎"): a clause end or the next step.
static AFTER_CITY_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[，。；、,]|参加|出席|访问|进行|与|同|和|会见|会晤|会谈|举行|之|期间|时|后|途中|当天|并|$)",
    )
    .expect("after-city regex")
});

/// The one-character names of capitals: 在京 and 抵京 are 北京.
const CAPITAL_ABBREVIATIONS: [(&str, &str); 2] = [("京", "北京"), ("沪", "上海")];

/// How far after a contact verb "在X举行" is looked for, in bytes (ten characters and a date).
const HELD_WITHIN: usize = 90;

/// How many sentences saying where a contact was held are read (an article says it once or twice).
const MAX_TOLD_PLACES: usize = 16;

/// How far before a verb of travel the traveller is named, in bytes (a name and a time word).
const TRAVELLER_REACH: usize = 36;

/// How far after a contact verb its object's journey is looked for, in bytes (a relative clause).
const OBJECT_REACH: usize = 150;

/// How many journeys of the article's people are read (an article tells a few).
const MAX_JOURNEYS: usize = 64;

/// A phrase after 在/于 (`x` at `abs`): the place it names, if it names one. `open` when the phrase ran to
/// a comma (a long one there is a clause, not a place).
fn place_in(x: &str, abs: Range<usize>, open: bool) -> Option<(String, Range<usize>)> {
    let g = gazetteer::get();
    let (mut x, mut abs) = (x, abs);
    // "出席慕尼黑安全会议": the city the gathering is named after.
    if let Some(inner) = x.strip_prefix("出席").or_else(|| x.strip_prefix("参加")) {
        return city_at(inner, abs.start + "出席".len());
    }
    // "奥地利维也纳", "卡塔尔多哈": the state before the city is not the place; but "巴西利亚", "科威特城"
    // are cities whose names open with their state's.
    if let Some((_, len)) =
        g.country_prefix(x).filter(|(_, len)| *len < x.len() && !state_named_city(x, *len))
    {
        x = &x[len..];
        abs.start += len;
    }
    if let Some(p) = city_at(x, abs.start) {
        return Some(p);
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
    let short = x.chars().count() <= 5 && !open;
    (venue || country || short).then(|| (x.to_string(), abs))
}

/// A city's name opening `x` runs past the state's name (`state_len` bytes) that opens it (巴西利亚).
fn state_named_city(x: &str, state_len: usize) -> bool {
    gazetteer::get().city_prefix(x).is_some_and(|c| c.len() > state_len)
}

/// The city starting `x` (at byte `at`), unless it starts the name of an organisation (上海合作组织).
fn city_at(x: &str, at: usize) -> Option<(String, Range<usize>)> {
    let g = gazetteer::get();
    if g.org_prefix(x).is_some() {
        return None;
    }
    let city = g.city_prefix(x)?;
    Some((city.to_string(), at..at + city.len()))
}

/// The journeys told in `s[range]`: where each verb of travel starts and the city it reaches.
fn journeys(s: &str, range: Range<usize>) -> Vec<(usize, String, Range<usize>)> {
    let g = gazetteer::get();
    let mut out = Vec::new();
    for m in TRAVEL_RE.find_iter(&s[range.clone()]) {
        let at = range.start + m.end();
        let rest = &s[at..range.end];
        let abbreviated = CAPITAL_ABBREVIATIONS
            .iter()
            .find(|(a, _)| rest.starts_with(a))
            .map(|(a, city)| (city.to_string(), at..at + a.len()));
        let skip =
            g.country_prefix(rest).filter(|(_, len)| !state_named_city(rest, *len)).map_or(0, |(_, len)| len);
        let Some((city, r)) = abbreviated.or_else(|| city_at(&rest[skip..], at + skip)) else { continue };
        if AFTER_CITY_RE.is_match(&s[r.end..range.end]) {
            out.push((range.start + m.start(), city, r));
        }
    }
    out
}

/// The ranges of the names of the contact's people.
fn names(c: &Candidate) -> impl Iterator<Item = &Range<usize>> {
    c.china.iter().chain(&c.counterparts).chain(&c.subject).filter_map(|m| m.name.as_ref())
}

/// The place named before the verb of `c` in its sentence: the last phrase naming one.
fn before_verb(s: &str, c: &Candidate) -> Option<(String, Range<usize>)> {
    // Only the last LOOKBACK characters before the verb, as for dates: the whole sentence prefix for every
    // verb is quadratic in a run-on sentence of many contacts.
    let start = lookback_start(s, c.sentence.start, c.trigger.start);
    let seg = &s[start..c.trigger.end];
    let mut found: Vec<(usize, (String, Range<usize>))> = Vec::new();
    for (abbr, city) in CAPITAL_ABBREVIATIONS {
        if let Some(p) = seg.rfind(&format!("在{abbr}")) {
            let st = start + p + "在".len();
            found.push((st, (city.to_string(), st..st + abbr.len())));
        }
    }
    for cap in LOC_RE.captures_iter(seg) {
        let (Some(m0), Some(m)) = (cap.get(0), cap.get(1)) else { continue };
        let abs = start + m.start()..start + m.end();
        if let Some(p) = place_in(m.as_str(), abs, m0.as_str().ends_with('，')) {
            found.push((start + m0.start(), p));
        }
    }
    found.extend(journeys(s, start..c.trigger.start).into_iter().map(|(at, city, r)| (at, (city, r))));
    // "大阪G20峰会期间会晤": a gathering named after its city, after the last name before the verb.
    if let Some(p) = s[start..c.trigger.start].rfind("期间") {
        let end = start + p;
        let after_name = names(c).map(|n| n.end).filter(|&e| e <= end).max().unwrap_or(start).max(start);
        let from = s[after_name..end].rfind(['，', '、', '；']).map_or(after_name, |k| after_name + k + 3);
        if let Some(p) = city_at(&s[from..end], from) {
            found.push((from, p));
        }
    }
    found.into_iter().max_by_key(|(at, _)| *at).map(|(_, p)| p)
}

/// "在X举行" in `s[from..to]` soon after a contact verb; after "不在A举行" the place it was held instead.
fn held_place(s: &str, from: usize, to: usize) -> Option<(String, Range<usize>)> {
    let to = s.floor_char_boundary(to.min(from + HELD_WITHIN));
    let mut denied = false;
    for cap in HELD_RE.captures_iter(&s[from..to]) {
        let (Some(m), Some(end)) = (cap.get(2), cap.get(3)) else { continue };
        if cap.get(1).is_some() {
            denied = true;
            continue;
        }
        if !denied && !matches!(end.as_str(), "举行" | "进行" | "举办") {
            continue;
        }
        let abs = from + m.start()..from + m.end();
        if let Some(p) = place_in(m.as_str(), abs, end.as_str() == "，") {
            return Some(p);
        }
    }
    None
}

/// The place named after the verb of `c` in its clause: where it is held, or the city the object of the
/// verb travelled to ("会见到华盛顿参加谈判的副总理刘鹤").
fn after_verb(s: &str, c: &Candidate) -> Option<(String, Range<usize>)> {
    // Within reach of the verb: the rest of a long clause for every verb in it is quadratic.
    let end = s.floor_char_boundary(c.clause.end.max(c.trigger.end).min(c.trigger.end + OBJECT_REACH));
    held_place(s, c.trigger.end, end).or_else(|| {
        let last_name = names(c).map(|n| n.start).filter(|&p| p > c.trigger.end && p <= end).max()?;
        journeys(s, c.trigger.end..last_name).into_iter().next().map(|(_, city, r)| (city, r))
    })
}

/// The place of every candidate; see the module's steps.
pub fn pass(ctx: &Context, found: &mut [Candidate]) {
    let g = gazetteer::get();
    for c in found.iter_mut() {
        let s = ctx.text(c.source);
        // A venue before the verb and a city after it ("在白宫会见到华盛顿访问的…"): the city.
        let city = |p: &(String, Range<usize>)| g.cities.contains(&p.0);
        let place = match before_verb(s, c) {
            Some(b) if city(&b) => Some(b),
            Some(b) => after_verb(s, c).filter(city).or(Some(b)),
            None => after_verb(s, c),
        };
        c.location = place.map(|(name, r)| Place { name, at: (c.source, r) });
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
    told_elsewhere(ctx, found);
    same_day(ctx, found);
    travelled(ctx, found);
}

/// How many placed contacts of one day an unplaced one is compared with.
const PER_DAY: usize = 8;

/// One person is in one city on one day: an in-person contact without a place takes the city of an earlier
/// in-person contact of the same day that a person named in both took part in ("当天，秦刚还会见了…"). Not a
/// venue: the same day's next contact may be elsewhere in the city.
fn same_day(ctx: &Context, found: &mut [Candidate]) {
    let g = gazetteer::get();
    let s = ctx.body;
    // The day as written out (a month-day without a year is one day too).
    let day = |c: &Candidate| c.date.as_ref().map(|d| d.when.iso()).filter(|_| c.source == Source::Body);
    let mut placed: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for i in 0..found.len() {
        let Some(d) = day(&found[i]) else { continue };
        if open(&found[i]) {
            let named = |ms: &[Mention]| ms.iter().filter(|m| m.name.is_some()).cloned().collect::<Vec<_>>();
            let (china, foreign) = (named(&found[i].china), named(&found[i].counterparts));
            let shares =
                |o: &Candidate| overlap(s, &china, s, &o.china) || overlap(s, &foreign, s, &o.counterparts);
            let from = placed.get(&d).and_then(|v| v.iter().find(|&&j| shares(&found[j])).copied());
            if let Some(j) = from {
                found[i].location = found[j].location.clone();
            }
        } else if found[i].location.as_ref().is_some_and(|p| g.cities.contains(&p.name))
            && found[i].kind.in_person()
            && !found[i].background
        {
            let v = placed.entry(d).or_default();
            if v.len() < PER_DAY {
                v.push(i);
            }
        }
    }
}

/// An in-person contact still without a place and not told as background.
fn open(c: &Candidate) -> bool {
    c.location.is_none() && c.kind.in_person() && !c.background
}

/// A sentence saying where a contact was held ("X与Y的会见在五角大楼举行", "这次会晤不在A举行，而是在B")
/// gives the place of the contact told before it whose people it names, else, referring back to one
/// (这次, 此次, 的), of the first one the article tells.
fn told_elsewhere(ctx: &Context, found: &mut [Candidate]) {
    let g = gazetteer::get();
    let s = ctx.body;
    // Each sentence telling a place is compared with the contacts before it: a few such sentences at most
    // (an article says it once or twice; comparing thousands with thousands is quadratic).
    let mut told = 0;
    if !found.iter().any(|c| open(c) && c.source == Source::Body) {
        return;
    }
    for st in &ctx.sentences {
        if told >= MAX_TOLD_PLACES {
            return;
        }
        let t = &s[st.range.clone()];
        if !t.contains('在') {
            continue;
        }
        for m in g.verb_ac.find_iter(t) {
            if !g.verbs[m.pattern().as_usize()].kind.in_person() {
                continue;
            }
            let verb = st.range.start + m.start()..st.range.start + m.end();
            let Some((name, r)) = held_place(s, verb.end, st.range.end) else { continue };
            told += 1;
            let before = |c: &Candidate| c.source == Source::Body && c.sentence.start <= st.range.start;
            let named = |c: &Candidate| names(c).any(|n| t.contains(&s[n.clone()]));
            let refers =
                g.cues.reference_before.iter().any(|w| s[st.range.start..verb.start].ends_with(w.as_str()));
            let target = match found.iter().position(|c| before(c) && named(c)) {
                Some(i) => Some(i),
                None if refers => found.iter().position(|c| before(c) && !c.background),
                None => None,
            };
            if let Some(c) = target.map(|i| &mut found[i]).filter(|c| open(c)) {
                c.location = Some(Place { name, at: (Source::Body, r) });
            }
            break;
        }
    }
}

/// In an article whose journeys (headline or body, arriving or leaving, not planned or speculated) all
/// reach one city, an in-person contact without a place, one of whose people made one of them ("马蒂斯抵达
/// 北京", "当时访京"), took place there. An article of journeys to several places (a tour, a trip told with
/// earlier ones) says nothing this way.
fn travelled(ctx: &Context, found: &mut [Candidate]) {
    let g = gazetteer::get();
    if !found.iter().any(open) {
        return;
    }
    // Each journey with the words of its clause before it: who travelled is named there.
    let mut trips: Vec<(Source, Range<usize>, String, Range<usize>)> = Vec::new();
    let texts = [(Source::Title, 0..ctx.title.len())]
        .into_iter()
        .chain(ctx.sentences.iter().map(|st| (Source::Body, st.range.clone())));
    for (src, range) in texts {
        let s = ctx.text(src);
        for (at, city, r) in journeys(s, range.clone()).into_iter().take(MAX_JOURNEYS) {
            // Who travelled is named just before, in the clause ("就在马蒂斯抵达北京", "贺恩德当时访京").
            let near = lookback_start(s, range.start, at).max(at.saturating_sub(TRAVELLER_REACH));
            let near = s.ceil_char_boundary(near);
            let before = s[near..at].rfind(['，', '。', '；', '：']).map_or(near, |k| near + k + 3)..at;
            let b = &s[before.clone()];
            let unsure = g.cues.speculation.iter().chain(&g.cues.planned).any(|w| b.contains(w.as_str()));
            if !unsure {
                trips.push((src, before, city, r));
            }
        }
        if trips.len() >= MAX_JOURNEYS {
            return;
        }
    }
    let Some(one) = trips.first().filter(|t| trips.iter().all(|x| x.2 == t.2)) else { return };
    for c in found.iter_mut().filter(|c| open(c)) {
        let s = ctx.text(c.source);
        let who: Vec<&str> = names(c).map(|n| &s[n.clone()]).filter(|n| n.chars().count() >= 2).collect();
        let made = trips.iter().find(|(src, before, ..)| {
            let b = &ctx.text(*src)[before.clone()];
            who.iter().any(|n| b.contains(n))
        });
        if let Some((src, _, _, r)) = made {
            c.location = Some(Place { name: one.2.clone(), at: (*src, r.clone()) });
        }
    }
}
