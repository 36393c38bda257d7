//! Candidates: every contact verb (data/contact_verbs.tsv) whose clause names both sides, as a [`Candidate`]
//! the later passes fill (kind, date, place, who asked). A sentence of speculation, a message (致电), a
//! negated verb or a planned contact inside someone's words gives none.

use super::context::{Context, Source};
use super::dates::{Day, Resolved};
use super::mentions::{same_person, Mention, Side};
use super::{kind, lists, sides, text};
use crate::gazetteer::{self, Form, Verb};
use crate::schema::{Kind, RequestedBy, Status};
use std::ops::Range;

/// What a date says: a day, or a month and day the file gives no year for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Day(Resolved),
    MonthDay(u32, u32),
}

impl When {
    /// Month and day.
    pub fn month_day(&self) -> (u32, u32) {
        match self {
            When::Day(r) => (r.day.m, r.day.d),
            When::MonthDay(m, d) => (*m, *d),
        }
    }

    /// Whether two dates may be the same day (a month-day without a year matches any year).
    pub fn may_equal(&self, other: &When) -> bool {
        match (self, other) {
            (When::Day(a), When::Day(b)) => a.day == b.day,
            _ => self.month_day() == other.month_day(),
        }
    }

    /// `YYYY-MM-DD`, or `--MM-DD` without a year.
    pub fn iso(&self) -> String {
        match self {
            When::Day(r) => r.day.iso(),
            When::MonthDay(m, d) => format!("--{m:02}-{d:02}"),
        }
    }
}

/// A date found for a contact: what it says, the end of a span, and where it is written (in which text).
#[derive(Debug, Clone)]
pub struct Dated {
    pub when: When,
    pub end: Option<When>,
    pub at: Option<(Source, Range<usize>)>,
}

impl Dated {
    /// The day, when the year is known.
    pub fn day(&self) -> Option<Day> {
        match self.when {
            When::Day(r) => Some(r.day),
            When::MonthDay(..) => None,
        }
    }
}

/// Where a contact took place: the place's name (`北京` for 在京) and where the text names it.
#[derive(Debug, Clone)]
pub struct Place {
    pub name: String,
    pub at: (Source, Range<usize>),
}

/// A contact as found: ranges index the text of its `source`.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub(super) source: Source,
    pub(super) para: Option<usize>,
    pub(super) verb: &'static Verb,
    pub(super) kind: Kind,
    pub(super) cameo: String,
    pub(super) status: Status,
    pub(super) date: Option<Dated>,
    pub(super) location: Option<Place>,
    pub(super) requested_by: Option<(RequestedBy, Range<usize>)>,
    /// The PRC side.
    pub(super) china: Vec<Mention>,
    /// The foreign side.
    pub(super) counterparts: Vec<Mention>,
    /// The people named before the verb in its clause (the subject).
    pub(super) subject: Vec<Mention>,
    /// The contact verb.
    pub(super) trigger: Range<usize>,
    /// Its clause (bounded by ，：；) and sentence.
    pub(super) clause: Range<usize>,
    pub(super) sentence: Range<usize>,
    /// Where later reports of the same contact were merged in: (paragraph, sentence start).
    pub(super) reports: Vec<(usize, usize)>,
    /// The verb refers back to a contact ("此次会晤", "会谈中", "的会晤"): it adds no contact of its own.
    pub(super) reference: bool,
    /// The clause names no one (its sides were read from a collective subject or elsewhere) and the verb is
    /// used as a noun ("中美经贸会谈取得进展", "会晤结束后").
    pub(super) nominal: bool,
    /// Told as background (此前, 曾于, 去年…): another contact than the article's, dated only by its sentence.
    pub(super) background: bool,
}

impl Candidate {
    pub fn planned(&self) -> bool {
        self.status == Status::Planned
    }
}

/// A stretch of text candidates are read from: a sentence of the body, or the headline.
pub struct Stretch<'a> {
    pub text: &'a str,
    pub range: Range<usize>,
    /// The people named in it, sorted by start.
    pub mentions: &'a [Mention],
    /// The people named anywhere in the article (for collective subjects); empty for the headline.
    pub article: &'a [Mention],
    pub para: Option<usize>,
    pub source: Source,
    /// The foreign side of the contact told just before when it was that contact's actor ([`actor`]), for
    /// a clause that omits its subject and names only a PRC object ("…同外长乙举行会谈。次日会见了副总理丙").
    pub prev_actor: Option<&'a [Mention]>,
}

/// Contact verbs in `s[range]`, longest first, not overlapping.
fn triggers(s: &str, range: &Range<usize>) -> Vec<(Range<usize>, &'static Verb)> {
    let g = gazetteer::get();
    let counted = |before: &str| g.cues.call_count.iter().any(|w| before.ends_with(w.as_str()));
    let mut out = Vec::new();
    for m in g.verb_ac.find_iter(&s[range.clone()]) {
        let v = &g.verbs[m.pattern().as_usize()];
        let r = range.start + m.start()..range.start + m.end();
        let before = &s[range.start..r.start];
        let after = &s[r.end..range.end];
        // "一通电话", "两次通了电话": a count, not a contact verb; "会见记者": a press conference.
        // "视频会议开幕式": a gathering's ceremony, not a contact.
        let gathering = g.cues.gathering.iter().any(|w| after.starts_with(w.as_str()));
        let skip = gathering
            || (v.kind == Kind::PhoneCall
                && (counted(before) || before.strip_suffix('了').is_some_and(counted)))
            || (v.form != Form::Pair && g.cues.press.iter().any(|w| after.starts_with(w.as_str())));
        if !skip {
            out.push((r, v));
        }
    }
    out
}

/// The clause of the verb at `trig`: bounded by ，：；, running back over a comma when the list of one
/// side continues ("与法国总统马克龙，及德国总理默克尔举行…") and the clause before has no verb of its own,
/// and on over commas when its object is a list of titled people ([`lists::forward_end`]).
fn clause_of(st: &Stretch, trig: &Range<usize>, verb: &Verb) -> Range<usize> {
    let g = gazetteer::get();
    let (s, range) = (st.text, &st.range);
    let mut clause = bounded_clause(s, range, trig.start);
    clause.end = clause.end.max(bounded_clause(s, range, trig.end).end);
    if verb.form != Form::Pair {
        clause.end = lists::forward_end(s, range, st.mentions, trig.end, &clause);
    }
    for _ in 0..MAX_LIST_CLAUSES {
        let head = &s[clause.start..trig.start];
        let cont = g.cues.list_joiner.iter().any(|w| head.starts_with(w.as_str()));
        if !cont || clause.start <= range.start {
            break;
        }
        let comma =
            s[..clause.start].char_indices().next_back().map_or(range.start, |(k, _)| k).max(range.start);
        let prev_start = bounded_clause(s, range, comma).start;
        // A clause with a contact verb of its own tells its own contact ("同A举行会谈，同B进行了战略沟通").
        if prev_start >= clause.start || g.verb_ac.is_match(&s[prev_start..comma]) {
            break;
        }
        clause.start = prev_start;
    }
    clause
}

/// How far a clause reaches from its verb, in characters either side: a real clause between two commas
/// is far shorter; a text without punctuation would otherwise make every verb's clause the whole text
/// (quadratic in a long unpunctuated line of many verbs, tests/superlinear.rs).
pub(super) const CLAUSE_REACH: usize = 200;

/// How many clauses back a list of one side may run over commas ("与A，及B，以及C举行…").
const MAX_LIST_CLAUSES: usize = 8;

/// [`text::clause`] within [`CLAUSE_REACH`] characters of `at`.
pub(super) fn bounded_clause(s: &str, range: &Range<usize>, at: usize) -> Range<usize> {
    let back = s[range.start..at]
        .char_indices()
        .rev()
        .nth(CLAUSE_REACH - 1)
        .map_or(range.start, |(k, _)| range.start + k);
    let ahead = s[at..range.end].char_indices().nth(CLAUSE_REACH).map_or(range.end, |(k, _)| at + k);
    let mut c = text::clause(s, &(back..ahead), at);
    // A headline is one stretch: its question or exclamation ends a sentence ("X将与Y会面？中美回应…").
    if let Some(p) = s[c.start..at].rfind(['？', '?', '！', '!']) {
        c.start += p + s[c.start + p..].chars().next().map_or(1, char::len_utf8);
    }
    if let Some(p) = s[at..c.end].find(['？', '?', '！', '!']) {
        c.end = at + p;
    }
    c
}

/// The verb at `trig` refers back to a contact told before ("此次会晤", "会谈中").
fn is_reference(s: &str, range: &Range<usize>, trig: &Range<usize>) -> bool {
    let g = gazetteer::get();
    let before = &s[range.start..trig.start];
    let after = &s[trig.end..range.end];
    g.cues.reference_before.iter().any(|w| before.ends_with(w.as_str())) || postposition(after)
}

/// The words after a contact verb open with a postposition that makes it a noun ("会谈中", "会晤后"), not
/// with its object: a state (会见中国驻美大使), a word opening an object (时任, 中方), or a title or state
/// after the word (会见前美国国务卿…).
fn postposition(after: &str) -> bool {
    let g = gazetteer::get();
    if g.country_prefix(after).is_some() || g.cues.object_opener.iter().any(|w| after.starts_with(w.as_str()))
    {
        return false;
    }
    g.cues.reference_after.iter().any(|w| {
        after.strip_prefix(w.as_str()).is_some_and(|rest| {
            rest.is_empty() || (g.country_prefix(rest).is_none() && g.title_prefix(rest).is_none())
        })
    })
}

/// The verb is used as a noun: followed by its predicate ("会谈取得进展", "会晤结束后"), or after a
/// demonstrative ("对这次会面不抱期待").
fn nominal(s: &str, range: &Range<usize>, trig: &Range<usize>) -> bool {
    let g = gazetteer::get();
    let after = &s[trig.end..range.end];
    let before = &s[range.start..trig.start];
    postposition(after) || g.cues.demonstrative.iter().any(|w| before.ends_with(w.as_str()))
}

/// The candidates of one stretch. `prev_china` is the PRC side of the last contact told just before, for a
/// clause that omits its subject ("接着与沙特外交大臣费萨尔通话").
pub fn in_stretch(st: &Stretch, prev_china: Option<&Vec<Mention>>, ctx: &Context) -> Vec<Candidate> {
    let g = gazetteer::get();
    let s = st.text;
    let sent_text = &s[st.range.clone()];
    let mut out: Vec<Candidate> = Vec::new();
    // A question in the body is a reporter's, its premise unconfirmed ("X昨天与Y举行会晤，你可否…？"); a
    // headline asks about the contact it states ("X与Y将举行会谈，重点讨论哪些问题？"), see [`asked`].
    let question =
        st.source == Source::Body && g.cues.question.iter().any(|w| sent_text.contains(w.as_str()));
    if question || g.cues.speculation.iter().any(|w| sent_text.contains(w.as_str())) {
        return out;
    }
    // Where the sentence's first "说，" / "表示，" ends: found once, not per verb over the whole prefix
    // (quadratic in a long sentence of many verbs, tests/superlinear.rs).
    let said_end = g
        .cues
        .said
        .iter()
        .filter_map(|w| sent_text.find(w.as_str()).map(|p| st.range.start + p + w.len()))
        .min();
    // Who speaks there: the last person named before the verb of saying.
    let speaker = said_end.and_then(|e| st.mentions.iter().rfind(|m| m.range.end < e));
    // A sentence opening with a time in the past ("去年6月，…举行会晤") tells every clause of it as background.
    let opens_in_past = g.cues.background_time.iter().any(|w| sent_text.trim_start().starts_with(w.as_str()));
    for (trig, verb) in triggers(s, &st.range) {
        let clause = clause_of(st, &trig, verb);
        let clause_text = &s[clause.start..trig.start];
        if g.cues.message.iter().any(|w| clause_text.contains(w.as_str())) || negated(clause_text) {
            continue;
        }
        if asked(s, &st.range, &trig) {
            continue;
        }
        let Some(sides) = sides::of_clause(st, &clause, &trig, verb, prev_china, ctx) else { continue };
        // A planned contact inside someone's words ("王毅说，两国元首将于…会晤") is what was said, not a
        // contact the article reports.
        let announced = kind::announced(clause_text) || kind::announced_after(&s[trig.end..clause.end]);
        if announced && said_end.is_some_and(|e| e <= trig.start) {
            continue;
        }
        let c = Candidate {
            verb,
            kind: verb.kind,
            cameo: verb.cameo.clone(),
            status: if announced { Status::Planned } else { Status::Held },
            date: None,
            location: None,
            requested_by: None,
            china: sides.china,
            counterparts: sides.foreign,
            subject: sides.subject,
            nominal: sides.unnamed && nominal(s, &st.range, &trig),
            trigger: trig.clone(),
            clause: clause.clone(),
            sentence: st.range.clone(),
            para: st.para,
            source: st.source,
            reports: st.para.map(|p| vec![(p, st.range.start)]).unwrap_or_default(),
            reference: is_reference(s, &st.range, &trig),
            background: opens_in_past || background(clause_text, clause.start, st.mentions),
        };
        // A contact told in the words of someone who did not take part ("李强表示，习近平主席同特朗普总统
        // 举行会谈…") is recalled, not reported.
        let recalled = said_end.is_some_and(|e| e <= trig.start)
            && speaker
                .is_some_and(|sp| !c.china.iter().chain(&c.counterparts).any(|m| same_person(s, m, s, sp)));
        let c = Candidate { background: c.background || recalled, ..c };
        split(c, clause_text, &mut out);
    }
    out
}

/// The verb's clause in a headline is a question: the first mark after the verb is a question mark
/// ("王毅将与X会面？…"). A question in a later clause asks about something else ("明天两国领导人将举行会谈，
/// 重点讨论哪些问题？").
fn asked(s: &str, range: &Range<usize>, trig: &Range<usize>) -> bool {
    let g = gazetteer::get();
    let rest = &s[trig.end..range.end];
    let near = rest.char_indices().nth(CLAUSE_REACH).map_or(rest, |(k, _)| &rest[..k]);
    let question = |c: char| g.cues.question.iter().any(|w| w.starts_with(c));
    near.chars().find(|&c| question(c) || "，,：:；;。！!".contains(c)).is_some_and(question)
}

/// Told as background: a cue of the past (此前, 曾于, 去年) before the verb in its clause, not inside a name.
fn background(clause_text: &str, base: usize, ms: &[Mention]) -> bool {
    let g = gazetteer::get();
    // "继A会见B后，C会见B": the clause opened by 继 tells the earlier contact.
    let opening = clause_text.trim_start();
    if g.cues.background_opening.iter().any(|w| opening.starts_with(w.as_str()))
        && !opening.starts_with("继续")
    {
        return true;
    }
    g.cues.background.iter().any(|w| {
        clause_text.match_indices(w.as_str()).any(|(p, _)| {
            let at = base + p;
            !ms.iter().any(|m| m.name.as_ref().is_some_and(|n| n.start <= at && at < n.end))
        })
    })
}

/// Negated: "没有会晤王毅" (a negation word within the last five characters before the verb), or a
/// negation of two characters or more anywhere before it in the clause ("没有在1月20日与X通话").
fn negated(clause_text: &str) -> bool {
    let near_start = clause_text.char_indices().rev().nth(4).map_or(0, |(k, _)| k);
    let near = &clause_text[near_start..];
    let g = gazetteer::get();
    g.cues
        .negation
        .iter()
        .any(|w| near.contains(w.as_str()) || (w.chars().count() >= 2 && clause_text.contains(w.as_str())))
}

/// 分别 (or several states with a nameless title) reports one contact per counterpart, or per PRC official
/// when the counterpart is one ("X分别会见习近平、李强": two meetings).
fn split(c: Candidate, clause_text: &str, out: &mut Vec<Candidate>) {
    let g = gazetteer::get();
    let each = g.cues.split.iter().any(|w| clause_text.contains(w.as_str()));
    let split = each || (c.counterparts.len() > 1 && c.counterparts.iter().all(|m| m.name.is_none()));
    if !split {
        out.push(c);
        return;
    }
    if each && c.counterparts.len() == 1 && c.china.len() > 1 {
        for m in &c.china {
            let mut one = c.clone();
            one.china = vec![m.clone()];
            out.push(one);
        }
        return;
    }
    for m in &c.counterparts {
        let mut one = c.clone();
        one.counterparts = vec![m.clone()];
        out.push(one);
    }
}

/// The contacts read from one file at most: an article tells a few dozen; a file telling thousands (a
/// run-on sentence of contacts) is read up to here, with a warning, so that the passes comparing contacts
/// with each other (merging, who asked) stay bounded.
pub const MAX_CANDIDATES: usize = 4096;

/// Every candidate of the body, in text order (at most [`MAX_CANDIDATES`]).
pub fn in_body(ctx: &Context) -> Vec<Candidate> {
    let mut found: Vec<Candidate> = Vec::new();
    let mut prev_china: Option<(usize, Vec<Mention>)> = None;
    let mut prev_actor: Option<(usize, Vec<Mention>)> = None;
    let near = |para: usize, p: &(usize, Vec<Mention>)| p.0 == para || p.0 + 1 == para;
    for (st, ms) in ctx.sentences.iter().zip(&ctx.mentions) {
        if found.len() >= MAX_CANDIDATES {
            found.truncate(MAX_CANDIDATES);
            break;
        }
        let pc = prev_china.as_ref().filter(|p| near(st.para, p)).map(|(_, c)| c);
        let stretch = Stretch {
            text: ctx.body,
            range: st.range.clone(),
            mentions: ms,
            article: &ctx.all,
            para: Some(st.para),
            source: Source::Body,
            prev_actor: prev_actor.as_ref().filter(|p| near(st.para, p)).map(|(_, a)| a.as_slice()),
        };
        let fs = in_stretch(&stretch, pc, ctx);
        if let Some(f) = fs.last() {
            prev_china = Some((st.para, f.china.clone()));
            prev_actor = actor(ctx.body, f).map(|a| (st.para, a));
        } else {
            if let Some(m) = ms.iter().rev().find(|m| m.side == Side::China) {
                prev_china = Some((st.para, vec![m.clone()]));
            }
            // Another foreign person named in between may be the one a later clause omits.
            let other = |m: &Mention| {
                m.side == Side::Foreign
                    && !prev_actor
                        .as_ref()
                        .is_some_and(|(_, a)| a.iter().any(|x| same_person(ctx.body, x, ctx.body, m)))
            };
            if ms.iter().any(other) {
                prev_actor = None;
            }
        }
        found.extend(fs);
    }
    found
}

/// The foreign side of a contact when it acts, not when it is met: named first before the verb and not
/// after a joiner ("某国外长甲会见了乙"), with the PRC side after a joiner ("他同外长乙举行会谈", the foreign
/// side from an earlier clause), or, with no one before the verb, named outside the verb's object.
fn actor(s: &str, c: &Candidate) -> Option<Vec<Mention>> {
    let joined =
        |m: &Mention| s[c.clause.start..m.range.start].trim_end().ends_with(['同', '与', '和', '跟']);
    let acts = match c.subject.iter().find(|m| m.side != Side::Unknown) {
        Some(m) if m.side == Side::Foreign => !joined(m),
        Some(m) if m.side == Side::China => joined(m),
        Some(_) => false,
        None => {
            !c.counterparts.iter().any(|m| m.range.start >= c.trigger.end && m.range.start < c.clause.end)
        }
    };
    acts.then(|| c.counterparts.clone())
}

/// The foreign actor of the contact told just before, for a clause that omits its subject and names only
/// the PRC side, as the verb's object ("某国外长甲抵京后同外长乙举行会谈。次日会见了国务院副总理丙").
pub(super) fn omitted_actor(
    st: &Stretch,
    clause: &Range<usize>,
    trig: &Range<usize>,
    verb: &Verb,
    subject: &[Mention],
    china: &[Mention],
) -> Vec<Mention> {
    let Some(actor) = st.prev_actor else { return Vec::new() };
    let object = |m: &Mention| m.range.start >= trig.end && m.range.end <= clause.end;
    if verb.form == Form::Pair || !subject.is_empty() || china.is_empty() || !china.iter().all(object) {
        return Vec::new();
    }
    let omitted = sides::omits_subject(st.text, clause, &st.text[clause.start..trig.start], subject, verb);
    if omitted {
        actor.to_vec()
    } else {
        Vec::new()
    }
}

/// The candidates of the headline.
pub fn in_title(ctx: &Context) -> Vec<Candidate> {
    let stretch = Stretch {
        text: &ctx.title,
        range: 0..ctx.title.len(),
        mentions: &ctx.title_mentions,
        article: &[],
        para: None,
        source: Source::Title,
        prev_actor: None,
    };
    in_stretch(&stretch, None, ctx)
}
