//! Who asked: 应约 before the verb (the PRC side acted at the other's request, or the reverse when the
//! foreign side stands first) or opening the action after a verb used as a noun (会晤期间应约同…交谈); a
//! summons (召见, 约见: the summoned came at the other side's request); 应…邀请 / 应邀 anywhere in a sentence
//! for the contacts of the people it names (a visit to China means China invited); 应…要求, 由…提出 and
//! 是…要求举行的 for the contacts of their paragraph, or, said of "the meeting" where no contact is told, of the
//! headline's contact.

use super::candidates::Candidate;
use super::context::{Context, Source};
use super::mentions::{same_person, Article, Mention, Side};
use crate::gazetteer;
use crate::schema::RequestedBy;
use regex::Regex;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

/// "应美方要求", "由拜登主动提出", "由美方提议", "是中方要求举行的": the side that asked for the contact.
static REQUEST_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:应([^，。；]{1,12}?)(?:的)?(?:请求|要求)|由([^，。；]{1,12}?)(?:主动)?(?:提出|提议|发起|请求)",
        r"|是([^，。；]{1,12}?)(?:主动)?(?:要求|提出|提议|请求)(?:举行|进行))",
    ))
    .expect("request regex")
});

/// "应约同…": 应约 opening the action on the counterpart, after a verb used as a noun ("在出席…会晤期间应约同
/// 印度总理莫迪交谈").
static APPOINTMENT_WITH_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"应约(?:同|与|和)").expect("appointment regex"));

/// How far after the verb 应约同 stands, and after 应约同 the counterpart is named, in bytes (a title and a
/// name).
const APPOINTMENT_REACH: usize = 60;

static INVITE_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"应([^，。；]{0,40}?)(?:的)?邀请|应邀").expect("invite regex"));

/// 应约 between the previous contact of the sentence and this one's verb ("8日应约同对话法方牵头人，
/// 法国…部长勒梅尔通话": it may stand in an earlier clause).
pub fn by_appointment(ctx: &Context, found: &mut [Candidate]) {
    for i in 0..found.len() {
        let (done, rest) = found.split_at_mut(i);
        let c = &mut rest[0];
        let s = ctx.text(c.source);
        let prev = done.last().filter(|p| p.source == c.source && p.sentence == c.sentence);
        // One contact per counterpart (分别) shares the verb and what was found for it.
        if let Some(p) = prev.filter(|p| p.trigger == c.trigger) {
            c.requested_by = p.requested_by.clone();
            continue;
        }
        let from = prev.map_or(c.sentence.start, |p| p.trigger.end);
        let abs = s[from..c.trigger.start]
            .find("应约")
            .map(|p| from + p..from + p + "应约".len())
            .or_else(|| appointment_with(s, c));
        if let Some(abs) = abs {
            // The side that acted 应约 is the one named nearest before it (the PRC side when none is).
            let before = c.china.iter().chain(&c.counterparts).filter(|m| m.range.end <= abs.start);
            let who = match before.max_by_key(|m| m.range.end).map(|m| m.side) {
                Some(Side::Foreign) => RequestedBy::China,
                _ => RequestedBy::Counterpart,
            };
            c.requested_by = Some((who, abs));
        } else {
            c.requested_by = summoned(s, c);
        }
    }
}

/// "应约同X…" after the verb of `c`, X one of its counterparts: the contact's 应约 stands after a verb
/// used as a noun.
fn appointment_with(s: &str, c: &Candidate) -> Option<Range<usize>> {
    // Just after the verb ("期间应约同"): looking through the rest of a long sentence for every verb in it
    // is quadratic.
    let end = s.floor_char_boundary(c.sentence.end.min(c.trigger.end + APPOINTMENT_REACH));
    let m = APPOINTMENT_WITH_RE.find(&s[c.trigger.end..end])?;
    let at = c.trigger.end + m.start();
    let reach = c.trigger.end + m.end() + APPOINTMENT_REACH;
    let named = c.counterparts.iter().any(|x| x.range.start >= at && x.range.start <= reach);
    named.then(|| at..at + "应约".len())
}

/// A summons (召见, 约见): the side summoned came at the other's request. The summoned is named after the
/// verb; else the summoner before it.
fn summoned(s: &str, c: &Candidate) -> Option<(RequestedBy, Range<usize>)> {
    let g = gazetteer::get();
    let verb = &s[c.trigger.clone()];
    if !g.cues.summons.iter().any(|w| verb.ends_with(w.as_str())) {
        return None;
    }
    let people = || c.china.iter().chain(&c.counterparts);
    let after = people().filter(|m| m.range.start >= c.trigger.end).min_by_key(|m| m.range.start);
    let asker = match after.map(|m| m.side) {
        Some(Side::China) => Side::Foreign,
        Some(Side::Foreign) => Side::China,
        _ => people().filter(|m| m.range.end <= c.trigger.start).max_by_key(|m| m.range.end)?.side,
    };
    match asker {
        Side::China => Some((RequestedBy::China, c.trigger.clone())),
        Side::Foreign => Some((RequestedBy::Counterpart, c.trigger.clone())),
        _ => None,
    }
}

/// The state inviting in "应X邀请": a state's name or its side (美方, 中方).
fn inviting_state(art: &Article, invitation: &str) -> Option<String> {
    let g = gazetteer::get();
    let who = invitation.strip_prefix('应')?;
    if let Some((c, _)) = g.country_prefix(who) {
        return Some(g.countries[c].iso.clone());
    }
    let mut ch = who.chars();
    let first = ch.next()?;
    (ch.next() == Some('方')).then(|| art.short_form(first.encode_utf8(&mut [0; 4])))?
}

/// Who an 应…邀请 / 应邀 at `abs` in the sentence says asked.
fn inviter(
    s: &str,
    sentence: &Range<usize>,
    ms: &[Mention],
    abs: &Range<usize>,
    art: &Article,
) -> Option<RequestedBy> {
    let g = gazetteer::get();
    if let Some(inv) = ms.iter().find(|m| m.range.start >= abs.start && m.range.end <= abs.end) {
        return match inv.side {
            Side::China => Some(RequestedBy::China),
            Side::Foreign => Some(RequestedBy::Counterpart),
            _ => None,
        };
    }
    // "应美方邀请", "应中方邀请", "应俄罗斯政府邀请": a side or a state invited.
    if let Some(state) = inviting_state(art, &s[abs.clone()]) {
        return Some(if state == "CN" { RequestedBy::China } else { RequestedBy::Counterpart });
    }
    // 应邀: the visitor accepted an invitation; a visit to China (访华, 来华) means China invited.
    let visit = s[abs.end..sentence.end].trim_start_matches(['对', '赴', '前', '往']);
    let abroad = |t: &str| g.country_prefix(t).is_some_and(|(c, _)| g.countries[c].iso != "CN");
    let foreign_visit = visit.strip_prefix("访问").is_some_and(abroad)
        || abroad(visit)
        || (visit.starts_with('访') && !visit.starts_with("访华"));
    let visitor = if g.cues.visit_china.iter().any(|w| visit.starts_with(w.as_str())) {
        Some(Side::Foreign)
    } else if foreign_visit {
        Some(Side::China)
    } else {
        ms.iter().rfind(|m| m.range.end <= abs.start).map(|m| m.side)
    };
    match visitor {
        Some(Side::China) => Some(RequestedBy::Counterpart),
        Some(Side::Foreign) => Some(RequestedBy::China),
        _ => None,
    }
}

/// 应…邀请 / 应邀: who asked, for the contacts of the people named in that sentence.
pub fn by_invitation(ctx: &Context, found: &mut [Candidate]) {
    let s = ctx.body;
    for (st, ms) in ctx.sentences.iter().zip(&ctx.mentions) {
        for m0 in INVITE_RE.find_iter(&s[st.range.clone()]) {
            let abs = st.range.start + m0.start()..st.range.start + m0.end();
            let Some(who) = inviter(s, &st.range, ms, &abs, &ctx.article) else { continue };
            for c in found.iter_mut().filter(|c| c.requested_by.is_none() && c.source == Source::Body) {
                let involved = ms.iter().any(|m| {
                    c.counterparts.iter().chain(&c.china).any(|x| same_person(s, x, s, m) && x.name.is_some())
                });
                if involved || c.sentence == st.range {
                    c.requested_by = Some((who, abs.clone()));
                }
            }
        }
    }
}

/// The side a request names (a person of `ms` in `who`, a state or its side: 美方, 中方); who it makes ask.
fn requester(s: &str, ms: &[Mention], who: &Range<usize>, art: &Article) -> Option<RequestedBy> {
    let side = match ms.iter().find(|m| m.range.start >= who.start && m.range.end <= who.end) {
        Some(m) => m.side,
        None => {
            let state = inviting_state(art, &format!("应{}", &s[who.clone()]))?;
            if state == "CN" {
                Side::China
            } else {
                Side::Foreign
            }
        }
    };
    match side {
        Side::China => Some(RequestedBy::China),
        Side::Foreign => Some(RequestedBy::Counterpart),
        _ => None,
    }
}

const REQUESTS_PER_PARAGRAPH: usize = 8;

/// 应…要求 / 由…主动提出: who asked, for the contacts of the paragraph that involve the people named in that
/// sentence (or reported in it). Only the first such phrase of a sentence counts.
pub fn by_request(ctx: &Context, found: &mut [Candidate]) {
    let s = ctx.body;
    // Candidates are in text order: each paragraph's are a contiguous run.
    let mut runs: std::collections::HashMap<usize, Range<usize>> = std::collections::HashMap::new();
    for (i, c) in found.iter().enumerate() {
        if let (Source::Body, Some(p)) = (c.source, c.para) {
            runs.entry(p).or_insert(i..i).end = i + 1;
        }
    }
    let mut seen: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for (st, ms) in ctx.sentences.iter().zip(&ctx.mentions) {
        let Some(run) = runs.get(&st.para) else { continue };
        let Some(c0) = REQUEST_RE.captures(&s[st.range.clone()]) else { continue };
        // A paragraph says who asked a few times at most: more is no readout, and each costs a pass over
        // the paragraph's contacts.
        let n = seen.entry(st.para).or_default();
        *n += 1;
        if *n > REQUESTS_PER_PARAGRAPH {
            continue;
        }
        let Some((who, whole)) = asked(&c0, st.range.start) else { continue };
        let Some(by) = requester(s, ms, &who, &ctx.article) else { continue };
        for c in found[run.clone()].iter_mut().filter(|c| c.requested_by.is_none()) {
            let involved = ms.iter().any(|m| {
                c.counterparts.iter().chain(&c.china).any(|x| same_person(s, x, s, m) && x.name.is_some())
            });
            if involved || c.sentence == st.range {
                c.requested_by = Some((by, whole.clone()));
            }
        }
    }
}

/// Of a [`REQUEST_RE`] match in a sentence starting at byte `base`: the words naming who asked and the
/// whole phrase, as ranges of the body.
fn asked(c0: &regex::Captures, base: usize) -> Option<(Range<usize>, Range<usize>)> {
    let g = c0.get(1).or_else(|| c0.get(2)).or_else(|| c0.get(3))?;
    let m = c0.get(0)?;
    Some((base + g.start()..base + g.end(), base + m.start()..base + m.end()))
}

/// The headline's contact still without who asked: a sentence naming no one that says who asked for "the
/// meeting" ("会议是中国要求举行的", "此次通话由美方提出") in a paragraph telling no contact of its own is about
/// the contact the article reports.
pub fn headline_from_article(ctx: &Context, first: &mut Candidate, found_paras: &HashSet<usize>) {
    if first.requested_by.is_some() || first.source != Source::Body || first.background {
        return;
    }
    let g = gazetteer::get();
    let s = ctx.body;
    for (st, ms) in ctx.sentences.iter().zip(&ctx.mentions) {
        if found_paras.contains(&st.para) || ms.iter().any(|m| m.name.is_some()) {
            continue;
        }
        let t = &s[st.range.clone()];
        let Some(c0) = REQUEST_RE.captures(t) else { continue };
        // "是X要求举行的" says it of a contact; 应X要求 and 由X提出 only in a sentence with a contact verb.
        let held = c0.get(3);
        if held.is_none() && g.verb_ac.find(t).is_none() {
            continue;
        }
        let Some((who, whole)) = asked(&c0, st.range.start) else { continue };
        if let Some(by) = requester(s, ms, &who, &ctx.article) {
            first.requested_by = Some((by, whole));
            return;
        }
    }
}
