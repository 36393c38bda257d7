//! Sides: who in a contact's clause is the PRC side and who the foreign counterpart. People named in the
//! clause come first; a collective subject ("中美两国元首", "中国与日本") stands for the article's office
//! holders; a side missing from the clause is the sentence's earlier subject or, for a clause that omits
//! its subject, the PRC side of the contact told just before. A Hong Kong, Macau or Taiwan figure, or a
//! company executive, excludes the clause: such a contact is not diplomatic.

use super::candidates::Stretch;
use super::context::Context;
use super::dates;
use super::mentions::{Article, Mention, Side};
use crate::gazetteer::{self, words::Role, Form, Verb};
use regex::Regex;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

/// The two sides of a contact and the people named before its verb.
pub struct Sides {
    pub china: Vec<Mention>,
    pub foreign: Vec<Mention>,
    pub subject: Vec<Mention>,
    /// The clause names no one: its sides were read from a collective subject or elsewhere.
    pub unnamed: bool,
}

/// People a side of one contact holds: a real one names a handful; a text repeating names thousands of
/// times must not make every later pass work on thousands.
const PEOPLE_PER_SIDE: usize = 64;

/// Split mentions (in `s`) by side, each name once; `true` when one excludes the contact (HK/Macau/Taiwan,
/// company).
fn split(s: &str, ms: &[Mention]) -> (Vec<Mention>, Vec<Mention>, bool) {
    let mut china: Vec<Mention> = Vec::new();
    let mut foreign: Vec<Mention> = Vec::new();
    let mut excluded = false;
    let mut seen: HashSet<(&str, bool)> = HashSet::new();
    for m in ms {
        let named = m.name.as_ref().map(|n| &s[n.clone()]);
        let full = match m.side {
            Side::China => china.len(),
            _ => foreign.len(),
        } >= PEOPLE_PER_SIDE;
        if full || named.is_some_and(|n| !seen.insert((n, m.side == Side::China))) {
            continue;
        }
        match m.side {
            Side::China => china.push(m.clone()),
            // A delegation named by its state only yields to a named member of it.
            Side::Foreign
                if m.name.is_none()
                    && ms
                        .iter()
                        .any(|x| x.name.is_some() && x.side == Side::Foreign && x.country == m.country) => {}
            Side::Foreign => foreign.push(m.clone()),
            Side::Domestic | Side::Company => excluded = true,
            Side::Unknown => {}
        }
    }
    (china, foreign, excluded)
}

/// The sides of the contact whose verb `verb` at `trig` stands in `clause`; `None` when it has no foreign
/// side or no PRC side.
pub fn of_clause(
    st: &Stretch,
    clause: &Range<usize>,
    trig: &Range<usize>,
    verb: &Verb,
    prev_china: Option<&Vec<Mention>>,
    ctx: &Context,
) -> Option<Sides> {
    let s = st.text;
    let ms = st.mentions;
    // Mentions are sorted by start: slice the clause's share instead of filtering them all for every verb
    // (quadratic in a run-on sentence of many contacts, tests/superlinear.rs).
    let from = ms.partition_point(|m| m.range.start < clause.start);
    let to = ms.partition_point(|m| m.range.start < clause.end);
    let in_clause = &ms[from..to.max(from)];
    let subject: Vec<Mention> = in_clause.iter().filter(|m| m.range.end <= trig.start).cloned().collect();
    let mut all = subject.clone();
    if verb.form != Form::Pair {
        all.extend(object(s, in_clause, clause, trig)?);
    }
    if verb.form != Form::Object && !subject.iter().any(|m| m.side != Side::Unknown) {
        let sub = Subject { s, clause, trig: trig.start, article: st.article, art: &ctx.article };
        if let Some((c, f)) = collective(&sub) {
            all.extend(c);
            all.extend(f);
        }
    }
    let (mut china, mut foreign, excluded) = split(s, &all);
    members(s, ms, clause, &mut foreign);
    if !excluded && super::summons::is_summons(&verb.pattern) {
        let (before, after) = (clause.start..trig.start, trig.end..clause.end);
        super::summons::fill(s, &before, &after, &ctx.article, &mut china, &mut foreign);
    }
    if foreign.is_empty() && !china.is_empty() && !excluded {
        foreign.extend(counterpart_slot(s, &all, clause, trig, verb, &ctx.article));
    }
    // "特朗普同金正恩举行会晤": the clause's own pair of people, none of them PRC, is not a PRC contact
    // whatever the sentence said before.
    let foreign_pair = verb.form != Form::Object
        && subject.len() >= 2
        && subject.iter().all(|m| m.side == Side::Foreign)
        && china.is_empty();
    if foreign_pair {
        return None;
    }
    // A side missing from the clause is the sentence's earlier subject ("拜登5日表示，已与习近平通话"),
    // searched from the clause backwards: the nearest one is found without walking the sentence.
    let sent_from = ms.partition_point(|m| m.range.start < sentence_start(st, clause.start));
    let earlier = || ms[sent_from..from.max(sent_from)].iter().filter(|m| m.range.end <= clause.start);
    if !excluded {
        if china.is_empty() {
            china.extend(earlier().rev().find(|m| m.side == Side::China).cloned());
        }
        if foreign.is_empty() {
            foreign.extend(earlier().rev().find(|m| m.side == Side::Foreign).cloned());
        }
    }
    if foreign.is_empty() && !excluded {
        foreign = super::candidates::omitted_actor(st, clause, trig, verb, &subject, &china);
    }
    if foreign.is_empty() {
        return None;
    }
    if china.is_empty() {
        let clause_text = &s[clause.start..trig.start];
        let omitted = omits_subject(s, clause, clause_text, &subject, verb);
        match prev_china {
            Some(pc) if omitted && !pc.is_empty() && !clause_text.contains(['他', '她']) => {
                china = pc.clone()
            }
            _ => return None,
        }
    }
    let unnamed = !china
        .iter()
        .chain(&foreign)
        .any(|m| m.name.is_some() && in_clause.iter().any(|c| c.range == m.range));
    Some(Sides { china, foreign, subject, unnamed })
}

/// A delegation followed by a clause listing its members ("与某国代表团会面，包括副总理甲及外长乙"): the
/// members are the counterparts, of the delegation's state.
fn members(s: &str, ms: &[Mention], clause: &Range<usize>, foreign: &mut Vec<Mention>) {
    let [d] = foreign.as_slice() else { return };
    let rest = s[clause.end..].trim_start_matches(['，', ',', '：']);
    let opens = gazetteer::get().cues.members.iter().any(|w| rest.starts_with(w.as_str()));
    if d.name.is_some() || !opens {
        return;
    }
    let start = s.len() - rest.len();
    let end = rest.find(['，', '。', '；', '\n']).map_or(s.len(), |p| start + p);
    let from = ms.partition_point(|m| m.range.start < start);
    let listed: Vec<Mention> = ms[from..]
        .iter()
        .take_while(|m| m.range.start < end)
        // A member's title names no state ("副总理甲"): the delegation's says it.
        .filter(|m| m.name.is_some() && (m.side == Side::Foreign || (m.side == Side::Unknown && m.weak)))
        .filter(|m| m.country.is_none() || m.country == d.country)
        .map(|m| Mention { country: d.country.clone(), side: Side::Foreign, weak: false, ..m.clone() })
        .collect();
    if !listed.is_empty() {
        *foreign = listed;
    }
}

/// Where the earlier subject of the clause starting at `at` may stand: the sentence's start, at most
/// [`super::candidates::CLAUSE_REACH`] characters back (a sentence with no end may be the whole text), and in
/// a headline (one stretch) after its last question or exclamation mark.
fn sentence_start(st: &Stretch, at: usize) -> usize {
    let before = &st.text[st.range.start..at];
    let near = before.char_indices().rev().nth(super::candidates::CLAUSE_REACH).map_or(0, |(k, _)| k);
    let from = st.range.start + near;
    before[near..].rfind(['？', '?', '！', '!']).map_or(from, |p| from + p + 1)
}

/// The people named after an object verb (会见X) in its clause (a pair verb, 同X会谈, names none there);
/// `None` when its object is a company or business group ("会见随同美国总统访华的美国工商界代表": the
/// object is its head noun, after the last 的).
fn object(
    s: &str,
    in_clause: &[Mention],
    clause: &Range<usize>,
    trig: &Range<usize>,
) -> Option<Vec<Mention>> {
    let object = &s[trig.end..clause.end];
    let head = object.rfind('的').map_or(object, |p| &object[p + '的'.len_utf8()..]);
    if gazetteer::get().cues.non_official.iter().any(|w| head.contains(w.as_str())) {
        return None;
    }
    Some(
        in_clause
            .iter()
            .filter(|m| m.range.start >= trig.end && m.range.end <= clause.end)
            .cloned()
            .collect(),
    )
}

/// The counterpart of a PRC official where the grammar puts it, when no one there is known to be foreign:
/// a titled person of no known state (a state the gazetteer lacks: 巴巴多斯总理莫特利), or a bare name
/// ("李强同莫特利会谈", "习近平会见易卜拉欣"). Of the one foreign state the article names, if it names one.
fn counterpart_slot(
    s: &str,
    all: &[Mention],
    clause: &Range<usize>,
    trig: &Range<usize>,
    verb: &Verb,
    art: &Article,
) -> Option<Mention> {
    let g = gazetteer::get();
    // An article naming Hong Kong, Macau or Taiwan may be about their figures: no guess there.
    let states: Vec<_> =
        art.named_states.iter().filter(|c| *c != "CN").filter_map(|c| g.country_by_iso(c)).collect();
    if states.iter().any(|c| !c.state) || all.iter().any(|m| m.side == Side::Domestic) {
        return None;
    }
    let country = (states.len() == 1).then(|| states[0].iso.clone());
    let china_end = all.iter().filter(|m| m.side == Side::China).map(|m| m.range.end).max()?;
    let slot = if verb.form == Form::Pair {
        // After the joiner that follows the PRC official, up to the verb (less 举行/进行); a 与 inside a
        // person's title (外交与侨务部部长) joins no one.
        let between = &s[china_end..trig.start];
        let mut p = between.rfind(['同', '与', '和', '跟'])?;
        while let Some(m) = all.iter().find(|m| m.range.contains(&(china_end + p))) {
            p = between[..m.range.start.checked_sub(china_end)?].rfind(['同', '与', '和', '跟'])?;
        }
        let start = china_end + p + '同'.len_utf8();
        let end =
            ["举行", "进行"]
                .iter()
                .fold(trig.start, |e, w| if s[start..e].ends_with(w) { e - w.len() } else { e });
        start..end
    } else {
        trig.end..clause.end
    };
    if slot.start >= slot.end || china_end > slot.start {
        return None;
    }
    if let Some(m) =
        all.iter().find(|m| m.side == Side::Unknown && m.range.start >= slot.start && m.range.end <= slot.end)
    {
        return Some(Mention {
            side: Side::Foreign,
            country: m.country.clone().or(country),
            weak: false,
            ..m.clone()
        });
    }
    let name = super::titles::read_name(s, slot.start, slot.end)?;
    // A bare name has two characters at least and holds no office word (会见了郑丽文主席 is no bare name).
    if s[name.clone()].chars().count() < 2 || g.title_ac.find(&s[name.clone()]).is_some() {
        return None;
    }
    let rest = s[name.end..slot.end].trim_start();
    let whole = rest.is_empty()
        || rest.starts_with(['，', '。', '；', '、'])
        || g.name_stops.iter().any(|w| rest.starts_with(w.as_str()));
    let known = g.holder(&s[name.clone()], art.year).is_some_and(|h| h.country.as_deref() == Some("CN"));
    (whole && !known && !g.not_names.noun.iter().any(|w| s[name.clone()].contains(w.as_str()))).then(|| {
        Mention {
            name: Some(name.clone()),
            title: None,
            country,
            org: None,
            org_known: None,
            side: Side::Foreign,
            range: name,
            weak: true,
        }
    })
}

/// Whether the clause has no subject of its own: "接着与沙特外交大臣费萨尔通话" continues the previous
/// clause's PRC side; "与X通话" has no subject; a bare clause does when its first person is foreign
/// ("普京会见…").
pub(super) fn omits_subject(
    s: &str,
    clause: &Range<usize>,
    clause_text: &str,
    subject: &[Mention],
    verb: &Verb,
) -> bool {
    let g = gazetteer::get();
    let subject_text = match subject.first() {
        Some(m) => &s[clause.start..m.range.start],
        None => clause_text,
    };
    let mut rest = subject_text.trim();
    for _ in 0..4 {
        for o in &g.cues.opener {
            rest = rest.trim_start_matches(o.as_str());
        }
        if let Some(d) = dates::find_all(rest).first().filter(|d| d.start == 0) {
            rest = &rest[d.end..];
        }
        rest = rest.trim_start_matches(['，', ',', ' ', '、']);
    }
    let prepositional = rest.starts_with(['同', '与', '和']);
    prepositional
        || (rest.is_empty()
            && subject.first().is_none_or(|m| m.side != Side::Foreign || verb.form == Form::Pair))
}

static COLLECTIVE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:中|我国|中国)(?P<x>[^\s，。、两]{1,6}?)(?:两国)?(?P<role>元首|领导人|领袖|首脑|外长|外交部长|防长|国防部长)$")
        .expect("collective regex")
});

/// A person of no name standing for a state's side (a delegation).
fn nameless(country: &str, side: Side, at: Range<usize>) -> Mention {
    Mention {
        name: None,
        title: None,
        country: Some(country.to_string()),
        org: None,
        org_known: None,
        side,
        range: at,
        weak: false,
    }
}

/// A clause whose subject may be collective.
struct Subject<'a> {
    s: &'a str,
    clause: &'a Range<usize>,
    /// Where the verb starts.
    trig: usize,
    /// The people named anywhere in the article.
    article: &'a [Mention],
    art: &'a Article,
}

/// "中美两国元首通电话": the PRC and the named state, as the article's own holders of that office.
fn collective(sub: &Subject) -> Option<(Vec<Mention>, Vec<Mention>)> {
    let Subject { s, clause, trig, article, art } = *sub;
    let g = gazetteer::get();
    let seg = &s[clause.start..trig];
    // A time opening the clause stands before the subject ("明天中俄领导人将…"); the subject ends right before
    // the verb, maybe with a time or place between: cut those.
    let found = dates::find_all(seg);
    let lead = found.first().filter(|d| seg[..d.start].trim().is_empty()).map_or(0, |d| d.end);
    let mut cut = seg.len();
    for w in &g.cues.subject_cut {
        if let Some(p) = seg[lead..].find(w.as_str()) {
            cut = cut.min(lead + p);
        }
    }
    if let Some(d) = found.iter().find(|d| d.start >= lead) {
        cut = cut.min(d.start);
    }
    let head = seg[lead..cut].trim_end_matches(['(', '（', ' ']);
    let Some(c) = COLLECTIVE_RE.captures(head) else {
        return state_set(sub, head);
    };
    let x = c.name("x")?.as_str();
    let iso = match g.country_names.iter().find(|(n, _)| n == x) {
        Some((_, i)) => g.countries[*i].iso.clone(),
        None if x.chars().count() == 1 => art.short_form(x)?,
        None => return None,
    };
    let role = match c.name("role")?.as_str() {
        "外长" | "外交部长" => Role::ForeignMinister,
        "防长" | "国防部长" => Role::DefenceMinister,
        _ => Role::Head,
    };
    let fits = |m: &Mention| {
        let t = m.title.as_ref().map(|r| &s[r.clone()]).unwrap_or("");
        let office =
            m.name.as_ref().and_then(|n| g.holder(&s[n.clone()], art.year)).map_or("", |h| h.office.as_str());
        g.offices.ends_in(t, role) || g.offices.ends_in(office, role)
    };
    let china = article.iter().filter(|m| m.side == Side::China && fits(m)).take(1).cloned();
    let foreign = article
        .iter()
        .filter(|m| m.side == Side::Foreign && m.country.as_deref() == Some(iso.as_str()) && fits(m))
        .take(1)
        .cloned();
    let at = clause.start + c.get(0)?.start()..clause.start + c.get(0)?.end();
    let or_nameless = |v: Vec<Mention>, iso: &str, side| {
        if v.is_empty() {
            vec![nameless(iso, side, at.clone())]
        } else {
            v
        }
    };
    Some((
        or_nameless(china.collect(), "CN", Side::China),
        or_nameless(foreign.collect(), &iso, Side::Foreign),
    ))
}

/// "中国与日本…举行对话", "中方同美方举行磋商", "中俄蒙举行…会晤", "中美高层战略对话": the states are
/// the subject; the people are those of each state named in the paragraph from here on (a nameless
/// delegation when none is), and the PRC side is the article's PRC official.
fn state_set(sub: &Subject, head: &str) -> Option<(Vec<Mention>, Vec<Mention>)> {
    let Subject { s, clause, trig, article, art } = *sub;
    let (states, rest) = states_after_china(head, art)?;
    // What follows the states is a short qualifier ("两国", "高层", "首轮"), not a clause of its own, nor the
    // opening of a quoted label ("中美回应“某地会谈”说法": a name for something, not a contact).
    if states.is_empty() || rest.chars().count() > 8 || rest.contains(['，', '的', '“', '"', '「', '《'])
    {
        return None;
    }
    let para_end = s[clause.start..].find('\n').map_or(s.len(), |p| clause.start + p);
    let here = |m: &&Mention| m.range.start >= clause.start && m.range.end <= para_end;
    let china: Vec<Mention> = article
        .iter()
        .filter(here)
        .find(|m| m.side == Side::China && m.name.is_some())
        .or_else(|| article.iter().find(|m| m.side == Side::China && m.name.is_some()))
        .cloned()
        .into_iter()
        .collect();
    let mut foreign = Vec::new();
    for iso in states {
        let named = article.iter().filter(here).filter(|m| {
            m.side == Side::Foreign && m.country.as_deref() == Some(iso.as_str()) && m.name.is_some()
        });
        let named: Vec<Mention> = named.take(2).cloned().collect();
        if named.is_empty() {
            foreign.push(nameless(&iso, Side::Foreign, clause.start..trig));
        } else {
            foreign.extend(named);
        }
    }
    if china.is_empty() {
        return None;
    }
    Some((china, foreign))
}

/// The foreign states listed after 中国/中 at the start of `head` (中俄蒙, 中国与日本), and what follows.
fn states_after_china<'h>(head: &'h str, art: &Article) -> Option<(Vec<String>, &'h str)> {
    let g = gazetteer::get();
    let mut rest = head.strip_prefix("中国").or_else(|| head.strip_prefix('中'))?;
    let mut states: Vec<String> = Vec::new();
    loop {
        // A state's side as X方 ("中方同美方…举行磋商"): the state.
        let r = rest.strip_prefix('方').unwrap_or(rest).trim_start_matches(['与', '和', '同', '、']);
        if let Some((ci, len)) = g.country_prefix(r) {
            states.push(g.countries[ci].iso.clone());
            rest = &r[len..];
            continue;
        }
        let mut ch = r.chars();
        match ch.next() {
            Some(c) if states.len() < 3 && g.country_short.contains_key(&c.to_string()) => {
                states.push(art.short_form(&c.to_string())?);
                rest = ch.as_str();
            }
            _ => break,
        }
    }
    states.retain(|c| c != "CN");
    Some((states, rest))
}
