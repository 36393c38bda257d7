//! Gatherings told by a noun, their people listed apart: a bilateral gathering held ("中美两国6日在华盛顿
//! 举行了军控会议", "中欧领导人峰会周一以视频方式举行") whose participants of both sides only a nearby
//! attendance sentence names ("A和B参加了此次会议", "参加这次会议的除了X，还有Y") is one contact between them.
//!
//! No contact verb tells these, so [`super::candidates`] finds none, or finds the gathering with nameless
//! sides: this pass adds the contact, or names the people of the one found. A forum (论坛), a gathering of
//! three states or more (中日韩, an attendance naming several foreign states) and an attendance naming one
//! side only tell no bilateral contact.

use super::candidates::{bounded_clause, Candidate};
use super::context::{Context, Source};
use super::mentions::{same_person, Mention, Side};
use super::{kind, text};
use crate::gazetteer::{self, Verb};
use crate::schema::{Kind, Status};
use std::ops::Range;

/// How many paragraphs after the held sentence's own its attendance sentence may stand.
const NEAR_PARAS: usize = 2;

/// How many characters may stand between the attendance verb (and its demonstrative) and the noun
/// ("参加了此次军控会议": what the gathering is about).
const NOUN_GAP: usize = 8;

/// The other side of a bilateral gathering: a state, or a bloc whose people are its bodies' and one
/// member state's (中欧: the EU's presidents and the state holding its chair).
#[derive(Debug, Clone, PartialEq)]
enum Party {
    State(String),
    Bloc,
}

/// A gathering told as held: its clause, the held verb (dates and places are read before it), its kind
/// and the other party.
struct Held {
    clause: Range<usize>,
    verb: Range<usize>,
    kind: Kind,
    party: Party,
}

/// Who an attendance sentence names, and where it stands (paragraph, start).
struct Attended {
    china: Vec<Mention>,
    foreign: Vec<Mention>,
    at: (usize, usize),
}

/// Add the contacts of bilateral gatherings named by their attendance, in text order.
pub fn pass(ctx: &Context, found: &mut Vec<Candidate>) {
    // Read once per sentence: the attendance search looks ahead for the next gathering told.
    let helds: Vec<Option<Held>> = ctx.sentences.iter().map(|st| held_in(ctx, &st.range)).collect();
    for (i, st) in ctx.sentences.iter().enumerate() {
        let Some(held) = &helds[i] else { continue };
        let Some(att) = attendance(ctx, i, held, &helds) else { continue };
        // The gathering found by a contact verb in its own clause (举行…磋商): its people are the attendance's
        // when its sentence names none of them (a collective subject read from the article).
        // The body's candidates are in text order: look where the clause starts, not through them all.
        let from =
            found.partition_point(|f| f.source == Source::Title || f.trigger.start < held.clause.start);
        let own = found[from..].iter_mut().find(|c| c.trigger.end <= held.clause.end);
        if let Some(c) = own {
            let named_here = |m: &Mention| {
                m.name.is_some() && m.range.start >= st.range.start && m.range.end <= st.range.end
            };
            if !c.china.iter().chain(&c.counterparts).any(named_here) {
                c.china = att.china;
                c.counterparts = att.foreign;
                c.reports.push(att.at);
            }
            continue;
        }
        let c = candidate(held, st, att);
        let k = found.partition_point(|f| f.source == Source::Title || f.trigger.start <= c.trigger.start);
        found.insert(k, c);
    }
}

/// The candidate of a gathering held in sentence `st` and its attendance.
fn candidate(held: &Held, st: &text::Sentence, att: Attended) -> Candidate {
    let verb = verb_of(held.kind);
    Candidate {
        source: Source::Body,
        para: Some(st.para),
        verb,
        kind: held.kind,
        cameo: verb.cameo.clone(),
        status: Status::Held,
        date: None,
        location: None,
        requested_by: None,
        china: att.china,
        counterparts: att.foreign,
        subject: Vec::new(),
        trigger: held.verb.clone(),
        clause: held.clause.clone(),
        sentence: st.range.clone(),
        reports: vec![(st.para, st.range.start), att.at],
        reference: false,
        nominal: false,
        background: false,
    }
}

/// The contact verb standing for a gathering of `kind` (its CAMEO code): the first of that kind.
fn verb_of(kind: Kind) -> &'static Verb {
    let g = gazetteer::get();
    g.verbs
        .iter()
        .find(|v| v.kind == kind)
        .or_else(|| g.verbs.first())
        .expect("data/contact_verbs.tsv has verbs")
}

/// The gathering nouns (cue `gathering_talks`, `gathering_summit`) in `t`, with the kind each tells in
/// person.
fn nouns(t: &str) -> Vec<(Range<usize>, Kind)> {
    let g = gazetteer::get();
    let lists = [(&g.cues.gathering_talks, Kind::Talks), (&g.cues.gathering_summit, Kind::Meeting)];
    let mut out: Vec<(Range<usize>, Kind)> = Vec::new();
    for (list, kind) in lists {
        for w in list.iter() {
            out.extend(t.match_indices(w.as_str()).map(|(p, _)| (p..p + w.len(), kind)));
        }
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

/// A bilateral gathering told as held in the sentence `range`.
fn held_in(ctx: &Context, range: &Range<usize>) -> Option<Held> {
    let g = gazetteer::get();
    let s = ctx.body;
    let t = &s[range.clone()];
    if g.cues.speculation.iter().chain(&g.cues.question).any(|w| t.contains(w.as_str())) {
        return None;
    }
    nouns(t).into_iter().find_map(|(r, in_person)| {
        let noun = range.start + r.start..range.start + r.end;
        // Within reach of the noun: a text without punctuation would otherwise make each noun's clause the
        // whole sentence (quadratic in a long line of nouns).
        let clause = bounded_clause(s, range, noun.start);
        let c = &s[clause.clone()];
        let verb = g.cues.gathering_held.iter().find_map(|w| c.find(w.as_str()).map(|p| p..p + w.len()))?;
        let verb = clause.start + verb.start..clause.start + verb.end;
        let before = &s[clause.start..verb.start.max(noun.start)];
        if kind::announced(before) || g.cues.negation.iter().any(|w| before.contains(w.as_str())) {
            return None;
        }
        let party = party(ctx, &s[clause.start..noun.start])?;
        let video = g.cues.medium_video.iter().any(|w| c.contains(w.as_str()));
        let kind = if video { Kind::VideoCall } else { in_person };
        Some(Held { clause, verb, kind, party })
    })
}

/// The other party of a gathering whose name or subject, in `pre` (its clause up to the noun), pairs the
/// PRC with one state or bloc (中美两国, 中欧领导人, 中国和英国, 中方同美方, 美中两国); none for a forum or for
/// three parties or more (中日韩, 法中欧三方).
fn party(ctx: &Context, pre: &str) -> Option<Party> {
    let g = gazetteer::get();
    pre.match_indices('中').find_map(|(p, _)| {
        let here = &pre[p..];
        // 中非共和国, 中美洲, 中南海: a name, not the PRC and another.
        let named = g.country_prefix(here).is_some_and(|(ci, _)| g.countries[ci].iso != "CN");
        if named || g.cues.not_pair.iter().any(|w| here.starts_with(w.as_str())) {
            return None;
        }
        // The other party before 中 opening the subject (美中两国, as the other side tells it), or after it.
        let mut back = pre[..p].chars().rev();
        let before = back.next().map(|c| c.to_string());
        let opens = back.next().is_none_or(|c| !super::titles::is_cjk(c) || "的和与".contains(c));
        let first =
            before.filter(|_| opens).and_then(|c| ctx.article.short_form(&c)).filter(|iso| iso != "CN");
        let rest = match here.strip_prefix("中方") {
            Some(r) => r.strip_prefix(['与', '和', '同'])?,
            None => here.strip_prefix("中国").or_else(|| here.strip_prefix('中'))?,
        };
        let rest = rest.trim_start_matches(['与', '和', '同', '、', '-', '—']);
        let (party, rest) = match first {
            Some(iso) => (Party::State(iso), rest),
            None => other_party(ctx, rest)?,
        };
        let rest = rest.strip_prefix('方').unwrap_or(rest);
        // A further party (中日韩, 法中欧): not bilateral.
        let more = other_party(ctx, rest.trim_start_matches(['与', '和', '同', '、']));
        let forum = g.cues.multilateral.iter().any(|w| rest.contains(w.as_str()));
        (more.is_none() && !forum).then_some(party)
    })
}

/// The state or bloc opening `rest`, and what follows it.
fn other_party<'r>(ctx: &Context, rest: &'r str) -> Option<(Party, &'r str)> {
    let g = gazetteer::get();
    if let Some((ci, len)) = g.country_prefix(rest) {
        let iso = &g.countries[ci].iso;
        return (iso != "CN").then(|| (Party::State(iso.clone()), &rest[len..]));
    }
    if let Some(b) = g.cues.bloc_short.iter().find(|b| rest.starts_with(b.as_str())) {
        return Some((Party::Bloc, &rest[b.len()..]));
    }
    let c = rest.chars().next()?;
    let iso = ctx.article.short_form(&c.to_string())?;
    (iso != "CN").then(|| (Party::State(iso), &rest[c.len_utf8()..]))
}

/// The first attendance sentence after the gathering held in sentence `i` (its own later clauses, then up to
/// [`NEAR_PARAS`] paragraphs on, before another gathering is told): the PRC people and foreign people it
/// names, and where it stands. None when that sentence names one side only or another party's people.
fn attendance(ctx: &Context, i: usize, held: &Held, helds: &[Option<Held>]) -> Option<Attended> {
    let first = &ctx.sentences[i];
    for (j, st) in ctx.sentences.iter().enumerate().skip(i) {
        if st.para > first.para + NEAR_PARAS || (j > i && helds[j].is_some()) {
            return None;
        }
        let from = if j == i { held.clause.end } else { st.range.start };
        if !attends(ctx.body, &(from..st.range.end)) {
            continue;
        }
        let people: Vec<&Mention> =
            ctx.mentions[j].iter().filter(|m| m.range.start >= from && m.name.is_some()).collect();
        let china = distinct(ctx.body, &people, Side::China);
        let foreign = distinct(ctx.body, &people, Side::Foreign);
        let fits = !china.is_empty() && !foreign.is_empty() && of_party(&foreign, &held.party);
        return fits.then_some(Attended { china, foreign, at: (st.para, st.range.start) });
    }
    None
}

/// The people of `side`, each once (a sentence may name one twice: "A参加了会议…A表示").
fn distinct(s: &str, people: &[&Mention], side: Side) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    for m in people.iter().filter(|m| m.side == side) {
        if !out.iter().any(|x| same_person(s, x, s, m)) {
            out.push((*m).clone());
        }
    }
    out
}

/// The foreign people are the party's: of its state, or of an organisation; for a bloc, of one state at most.
fn of_party(foreign: &[Mention], party: &Party) -> bool {
    let states: Vec<&str> = foreign.iter().filter_map(|m| m.country.as_deref()).collect();
    match party {
        Party::State(iso) => states.iter().all(|c| c == iso),
        Party::Bloc => states.windows(2).all(|w| w[0] == w[1]),
    }
}

/// `s[range]` tells who attended a gathering: an attendance verb (参加, 出席), maybe 了 and a demonstrative
/// (此次, 这次), and a gathering noun within a few characters ("参加了此次会议", "参加会议的有").
fn attends(s: &str, range: &Range<usize>) -> bool {
    let g = gazetteer::get();
    let t = &s[range.clone()];
    g.cues.gathering_attend.iter().any(|w| {
        t.match_indices(w.as_str()).any(|(p, _)| {
            let rest = &t[p + w.len()..];
            let rest = rest.strip_prefix('了').unwrap_or(rest);
            let rest =
                g.cues.demonstrative.iter().find_map(|d| rest.strip_prefix(d.as_str())).unwrap_or(rest);
            let near = rest.char_indices().nth(NOUN_GAP + 3).map_or(rest, |(k, _)| &rest[..k]);
            let stop = near.find(|c: char| "，,。；;：:、".contains(c)).unwrap_or(near.len());
            nouns(&near[..stop]).first().is_some_and(|(r, _)| near[..r.start].chars().count() <= NOUN_GAP)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attendance_phrases() {
        let yes = ["甲和乙参加了此次会议", "参加这次会议的除了甲", "参加会议的有甲", "出席本次峰会的有甲"];
        for t in yes {
            assert!(attends(t, &(0..t.len())), "{t}");
        }
        let no = ["甲出席论坛并致辞", "甲参加了欢迎宴会，会议随后举行", "甲参加了此次论坛"];
        for t in no {
            assert!(!attends(t, &(0..t.len())), "{t}");
        }
    }
}
