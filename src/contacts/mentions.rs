//! Mentions: people (and delegations) named in the text, with their title, state or organisation and side
//! (PRC or foreign). A name is found from the office-holder gazetteer or, never seen before, from the title
//! standing before it (`智利外长阿拉芒`, `美国国务卿布林肯`); [`super::titles`] reads the title.

use super::titles::{left_context_start, read_name, read_title, TitleInfo, NAME_DOTS};
use crate::gazetteer::{self, TitleSide};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Which side of a contact a person is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    China,
    Foreign,
    /// Hong Kong, Macau or Taiwan: not a foreign counterpart.
    Domestic,
    /// A company executive: not an official.
    Company,
    Unknown,
}

/// A person (or a nameless delegation) named in the simplified text.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Byte range of the name in `simplified` (empty range at the title's end for a nameless delegation).
    pub name: Option<Range<usize>>,
    /// Byte range of the title, as written before the name.
    pub title: Option<Range<usize>>,
    pub country: Option<String>,
    /// Byte range of the organisation name, when written here.
    pub org: Option<Range<usize>>,
    /// The organisation from the gazetteer when the text names the person only (古特雷斯).
    pub org_known: Option<String>,
    pub side: Side,
    /// Byte range of the whole mention (country + title + name).
    pub range: Range<usize>,
    /// The side was guessed (a title without a state), not read: another mention of the name may correct it.
    pub weak: bool,
}

/// Family names learnt per article at most (each is searched for in every sentence that may hold it).
const MAX_SHORT_NAMES: usize = 16;

/// The article-wide context that resolves short forms: 土 is Turkmenistan in an article naming 土库曼斯坦.
#[derive(Debug, Clone, Default)]
pub struct Article {
    /// ISO codes of the states named in full in the article.
    pub named_states: Vec<String>,
    pub year: Option<i32>,
    /// Family names of foreign people the article names in full (穆伊兹 of 穆罕默德·穆伊兹), and the names
    /// of those it gives a title (文翠珊 of 英国首相文翠珊, 王光亚 of 港澳办主任王光亚), with their state: the
    /// text names them so afterwards, with no title ("会见了穆伊兹一行").
    pub short_names: Vec<(String, Option<String>)>,
}

impl Article {
    pub fn new(simplified: &str, title: &str, year: Option<i32>) -> Self {
        let g = gazetteer::get();
        let mut named: Vec<String> = Vec::new();
        for text in [simplified, title] {
            for (_, iso) in g.states_in(text) {
                if !named.iter().any(|n| n == iso) {
                    named.push(iso.to_string());
                }
            }
        }
        // 土耳其 also contains no 土库曼斯坦, but 土库曼斯坦 does not contain 土耳其: fine as is.
        Article { named_states: named, year, short_names: Vec::new() }
    }

    /// Learn the family names of the foreign people named in full in `found` (mentions of `s`); `true`
    /// when there are any.
    pub fn learn_short_names(&mut self, s: &str, found: &[Vec<Mention>]) -> bool {
        let g = gazetteer::get();
        for m in found.iter().flatten().filter(|m| matches!(m.side, Side::Foreign | Side::China)) {
            let Some(full) = m.name.as_ref().map(|n| &s[n.clone()]) else { continue };
            // A PRC official given a PRC title once (港澳办主任王光亚) is named bare afterwards; three
            // characters at least, so that a two-character word is not taken for the name.
            if m.side == Side::China
                && (m.title.is_none() || full.contains(NAME_DOTS) || full.chars().count() < 3)
            {
                continue;
            }
            // A name without a dot given with a foreign title (英国首相文翠珊) is named bare afterwards
            // (文翠珊将与…会晤) as it is.
            let last = match full.rsplit_once(NAME_DOTS) {
                Some((_, last)) => last,
                None if m.title.is_some() && m.country.is_some() => full,
                None => continue,
            };
            let known = g.holders.contains_key(last) || self.short_names.iter().any(|(n, _)| n == last);
            // Two characters at least; a few per article (a real one names a handful of people in full).
            if last.chars().count() >= 2 && !known && self.short_names.len() < MAX_SHORT_NAMES {
                self.short_names.push((last.to_string(), m.country.clone()));
            }
        }
        !self.short_names.is_empty()
    }

    /// The state a one-character short form stands for here.
    pub fn short_form(&self, s: &str) -> Option<String> {
        let g = gazetteer::get();
        let cands = g.country_short.get(s)?;
        let isos: Vec<&str> = cands.iter().map(|i| g.countries[*i].iso.as_str()).collect();
        isos.iter()
            .find(|iso| self.named_states.iter().any(|n| n == *iso))
            .or(isos.first())
            .map(|s| s.to_string())
    }
}

/// Where names may start in `s[range]`: known names (start → end), the ends of titles, and positions strictly
/// inside a title ("秘书" of "秘书长" is not a title followed by a name). One pass of each automaton.
struct Starts {
    known: HashMap<usize, usize>,
    title_end: HashSet<usize>,
    in_title: HashSet<usize>,
}

impl Starts {
    fn new(s: &str, range: &Range<usize>, art: &Article) -> Self {
        let g = gazetteer::get();
        let text = &s[range.clone()];
        let mut known: HashMap<usize, usize> =
            g.holder_ac.find_iter(text).map(|m| (range.start + m.start(), range.start + m.end())).collect();
        for (n, _) in &art.short_names {
            for (p, _) in text.match_indices(n.as_str()) {
                known.entry(range.start + p).or_insert(range.start + p + n.len());
            }
        }
        let mut title_end = HashSet::new();
        let mut in_title = HashSet::new();
        for m in g.title_ac.find_overlapping_iter(text) {
            title_end.insert(range.start + m.end());
            for (k, _) in text[m.start()..m.end()].char_indices().skip(1) {
                in_title.insert(range.start + m.start() + k);
            }
        }
        Starts { known, title_end, in_title }
    }

    /// The name starting at `i`, if any.
    fn name_at(&self, s: &str, i: usize, end: usize) -> Option<Range<usize>> {
        let g = gazetteer::get();
        let rest = &s[i..end];
        // Not the start of a place: "克里" in "克里姆林宫".
        let known = self.known.get(&i).map(|e| i..*e).filter(|r| {
            !g.cities
                .iter()
                .chain(&g.venue_suffixes)
                .any(|p| p.len() > r.len() && rest.starts_with(p.as_str()))
        });
        known.or_else(|| {
            let r = (self.title_end.contains(&i) && !self.in_title.contains(&i))
                .then(|| read_name(s, i, end))??;
            // A title ending inside it ("总统领导委员会主席阿里米"): the name starts after that one.
            let inner =
                s[r.clone()].char_indices().skip(1).any(|(k, _)| self.title_end.contains(&(r.start + k)));
            (!inner).then_some(r)
        })
    }
}

/// Every person mentioned in `s[range]` (a sentence of the simplified text).
pub fn find(s: &str, range: Range<usize>, art: &Article) -> Vec<Mention> {
    let starts = Starts::new(s, &range, art);
    let mut out: Vec<Mention> = Vec::new();
    let mut i = range.start;
    while i < range.end {
        // Names are taken in text order: only the last can reach past `i` (checking them all is quadratic
        // in a text of many names).
        let free = |r: &Range<usize>| {
            out.last().and_then(|m| m.name.as_ref()).is_none_or(|t| !(t.start < r.end && r.start < t.end))
        };
        if let Some(r) = starts.name_at(s, i, range.end).filter(free) {
            let floor = out.last().map_or(range.start, |m| m.range.end);
            let m = mention(s, r.clone(), floor, &out, art);
            out.push(m);
            i = r.end;
            continue;
        }
        i += s[i..].chars().next().map_or(1, char::len_utf8);
    }
    out.extend(nameless(s, range, &out));
    out.sort_by_key(|m| m.range.start);
    out
}

/// The mention of the name at `r`: its title stretch back to `floor`, state, organisation and side.
fn mention(s: &str, r: Range<usize>, floor: usize, prev: &[Mention], art: &Article) -> Mention {
    let g = gazetteer::get();
    let lstart = left_context_start(s, floor, r.start);
    let info = read_title(s, lstart, r.start, art);
    let (mut side, mut country, mut org_known, mut weak) = (info.side, info.country.clone(), None, false);
    if let Some(h) = g.holder(&s[r.clone()], art.year) {
        if country.is_none() && info.org.is_none() {
            country = h.country.clone();
        }
        let cn = h.country.as_deref() == Some("CN");
        if side == Side::Unknown || (side == Side::China && !cn && info.country.is_none()) {
            side = if cn { Side::China } else { Side::Foreign };
        }
        if h.org.is_some() && info.org.is_none() && country.is_none() {
            org_known = h.org.clone();
        }
    } else if let Some((_, c)) =
        art.short_names.iter().find(|(n, _)| *n == s[r.clone()]).filter(|_| side == Side::Unknown)
    {
        side = if c.as_deref() == Some("CN") { Side::China } else { Side::Foreign };
        country = country.or(c.clone());
    } else if info.title.is_some() && (side == Side::Unknown || side == Side::Foreign && country.is_none()) {
        match prev.last().filter(|p| p.side == Side::Foreign && joined(s, p, lstart)) {
            // A title continuing a list (菲律宾总统马科斯和外长马纳罗, 外交大臣甲与国防大臣乙) shares its state.
            Some(p) => {
                side = Side::Foreign;
                country = p.country.clone();
            }
            // A title with no state, no PRC body and not a PRC-only office says no side: another
            // mention of the name may tell it.
            None => weak = side == Side::Unknown,
        }
    }
    if side == Side::China && country.is_none() {
        country = Some("CN".into());
    }
    let TitleInfo { start: tstart, title, country: info_country, org, .. } = info;
    let start = if title.is_some() || info_country.is_some() || org.is_some() { tstart } else { r.start };
    let title = title.filter(|t| t.end > t.start);
    Mention { name: Some(r.clone()), title, country, org, org_known, side, range: start..r.end, weak }
}

/// The previous person and the title at `lstart` are joined as a list (和, 、, 包括 within a few characters).
fn joined(s: &str, prev: &Mention, lstart: usize) -> bool {
    let gap = if prev.range.end <= lstart { &s[prev.range.end..lstart] } else { "" };
    gap.chars().count() <= 8
        && gazetteer::get().cues.person_joiner.iter().any(|w| gap.contains(w.as_str()))
        && !gap.contains('。')
}

/// Delegations named by state and title but no person: "新加坡、马来西亚和韩国外长" (one per state), and a
/// state's delegation: "阿富汗塔利班临时政府代表团".
fn nameless(s: &str, range: Range<usize>, named: &[Mention]) -> Vec<Mention> {
    let g = gazetteer::get();
    let mut out = Vec::new();
    let starts: HashMap<usize, usize> = g
        .country_ac
        .find_iter(&s[range.clone()])
        .map(|m| (range.start + m.start(), m.pattern().as_usize()))
        .collect();
    let mut i = range.start;
    while i < range.end {
        // A state after 驻 is where a diplomat is posted (中国驻挪威大使), not the diplomat's own.
        let Some(&pi) = starts.get(&i).filter(|_| !s[..i].ends_with('驻')) else {
            i += s[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let (first, len) = (g.country_names[pi].1, g.country_names[pi].0.len());
        let states = state_list(s, i..i + len, first, range.end);
        let j = states.last().map_or(i, |(_, r)| r.end);
        let ci = states[0].0;
        // A title known only by its end (初级产业部长) for a foreign state's office, not for the PRC's.
        let by_end = g.countries[ci].iso != "CN";
        if let Some(tend) = titled(s, j, range.end, named, by_end) {
            for (c, r) in states {
                let country = &g.countries[c];
                let side = match (country.iso == "CN", country.state) {
                    (true, _) => Side::China,
                    (false, true) => Side::Foreign,
                    (false, false) => Side::Domestic,
                };
                out.push(delegation(&country.iso, Some(j..tend), side, r.start..tend));
            }
            i = tend;
            continue;
        }
        // A state's delegation: "阿富汗塔利班临时政府代表团".
        let iso = &g.countries[ci].iso;
        if let Some(end) = delegation_end(s, j, range.end).filter(|_| iso != "CN" && g.countries[ci].state) {
            out.push(delegation(iso, None, Side::Foreign, i..end));
            i = end;
            continue;
        }
        i = j;
    }
    out.extend(org_delegations(s, &range));
    if !named.iter().any(|m| m.side == Side::Foreign) {
        out.extend(collective_foreign(s, &range));
    }
    out
}

/// The end of a delegation word (代表团, 访问团, 考察团) within 14 characters of `j` in the same phrase.
fn delegation_end(s: &str, j: usize, end: usize) -> Option<usize> {
    let g = gazetteer::get();
    let tail = &s[j..end];
    let lim = tail.char_indices().nth(14).map_or(tail.len(), |(k, _)| k);
    let (p, w) =
        g.cues.delegation.iter().filter_map(|w| tail[..lim].find(w.as_str()).map(|p| (p, w))).min()?;
    (!tail[..p].contains(['，', '。', '、'])).then_some(j + p + w.len())
}

/// An organisation's delegation: "亚洲开发银行执行董事访问团".
fn org_delegations(s: &str, range: &Range<usize>) -> Vec<Mention> {
    let g = gazetteer::get();
    let mut out = Vec::new();
    for m in g.org_ac.find_iter(&s[range.clone()]) {
        let o = &g.orgs[m.pattern().as_usize()];
        let (at, end) = (range.start + m.start(), range.start + m.end());
        if let Some(stop) = delegation_end(s, end, range.end) {
            let country = o.country.clone().filter(|c| c != "CN");
            if o.country.as_deref() == Some("CN") {
                continue;
            }
            let org = Some(at..end);
            out.push(Mention {
                name: None,
                title: None,
                country,
                org,
                org_known: None,
                side: Side::Foreign,
                range: at..stop,
                weak: false,
            });
        }
    }
    out
}

/// The foreign side named collectively ("集体会见…外方代表", "各国外长"), with the organisation named before
/// it in the sentence (the gathering's body) when there is one.
fn collective_foreign(s: &str, range: &Range<usize>) -> Vec<Mention> {
    let g = gazetteer::get();
    let text = &s[range.clone()];
    let Some((p, w)) =
        g.cues.foreign_collective.iter().filter_map(|w| text.find(w.as_str()).map(|p| (p, w))).min()
    else {
        return Vec::new();
    };
    let at = range.start + p..range.start + p + w.len();
    let org = g.org_ac.find_iter(&text[..p]).last().map(|m| range.start + m.start()..range.start + m.end());
    vec![Mention {
        name: None,
        title: None,
        country: None,
        org,
        org_known: None,
        side: Side::Foreign,
        range: at,
        weak: false,
    }]
}

/// A state's side named by no person (a delegation, a state's body), with the title it is given, if any.
pub(super) fn delegation(iso: &str, title: Option<Range<usize>>, side: Side, range: Range<usize>) -> Mention {
    Mention {
        name: None,
        title,
        country: Some(iso.to_string()),
        org: None,
        org_known: None,
        side,
        range,
        weak: false,
    }
}

/// The states listed from the first (`first` at `at`), joined by 、和与及: (country index, range) each.
fn state_list(s: &str, at: Range<usize>, first: usize, end: usize) -> Vec<(usize, Range<usize>)> {
    let g = gazetteer::get();
    let mut j = at.end;
    let mut states = vec![(first, at)];
    loop {
        let r = &s[j..end];
        let Some(sep) = ["、", "和", "与", "及"].into_iter().find(|p| r.starts_with(p)) else { break };
        let Some((c2, l2)) = g.country_prefix(&r[sep.len()..]) else { break };
        let st = j + sep.len();
        states.push((c2, st..st + l2));
        j = st + l2;
    }
    states
}

/// The end of a title at `j` that no name follows ("…外长" then a stop or a verb), for a title either side
/// may carry.
fn titled(s: &str, j: usize, end: usize, named: &[Mention], by_end: bool) -> Option<usize> {
    let g = gazetteer::get();
    let ends = |tend: usize| {
        let follow = &s[tend..end];
        follow.is_empty()
            || g.name_stops.iter().chain(&g.name_weak_stops).any(|w| follow.starts_with(w.as_str()))
            || g.verbs.iter().any(|v| follow.starts_with(v.pattern.as_str()))
    };
    let (tend, side) = match g.title_prefix(&s[j..end]) {
        Some((t, side)) => (j + t.len(), side),
        None if by_end => office_title(s, j, end, &ends)?,
        None => return None,
    };
    // Only when no name follows the title (else it is a named mention). `named` is in text order: a
    // binary search, not a scan per state named (quadratic in a run-on sentence of contacts).
    let at = named.partition_point(|m| m.name.as_ref().is_some_and(|n| n.start < tend));
    let has_name = named.get(at).is_some_and(|m| m.name.as_ref().is_some_and(|n| n.start == tend));
    (!has_name && ends(tend) && matches!(side, TitleSide::Any | TitleSide::Foreign)).then_some(tend)
}

/// Characters an office named by its portfolio may take before its title (初级产业部长, 联邦最高法院院长).
const OFFICE_WORDS: usize = 10;

/// A title a state's office gives that the gazetteer knows only by its end: the words after the state up
/// to the first place where a known title ends and the phrase does (a stop, a verb, the end).
fn office_title(s: &str, j: usize, end: usize, ends: &dyn Fn(usize) -> bool) -> Option<(usize, TitleSide)> {
    let g = gazetteer::get();
    for (n, (k, c)) in s[j..end].char_indices().enumerate() {
        if n > OFFICE_WORDS || !super::titles::is_cjk(c) {
            return None;
        }
        let tend = j + k + c.len_utf8();
        if let Some((_, side)) = g.title_suffix(&s[j..tend]).filter(|_| ends(tend)) {
            return Some((tend, side));
        }
    }
    None
}

/// Make the guessed sides agree with what the article says elsewhere about the same name.
pub fn reconcile(s: &str, all: &mut [Vec<Mention>]) {
    let mut strong: HashMap<String, (Side, Option<String>)> = HashMap::new();
    for m in all.iter().flatten() {
        if let (Some(n), false) = (&m.name, m.weak) {
            if m.side != Side::Unknown {
                strong.entry(s[n.clone()].to_string()).or_insert((m.side, m.country.clone()));
            }
        }
    }
    // A foreign office with no state written ("内阁总理金德勋") is of the state the article is about.
    let mut counts: HashMap<String, usize> = HashMap::new();
    for m in all.iter().flatten().filter(|m| m.side == Side::Foreign) {
        if let Some(c) = &m.country {
            *counts.entry(c.clone()).or_default() += 1;
        }
    }
    let dominant = counts.into_iter().max_by_key(|(c, n)| (*n, std::cmp::Reverse(c.clone()))).map(|(c, _)| c);
    for m in all.iter_mut().flatten() {
        if m.side == Side::Foreign && m.country.is_none() && m.org.is_none() && m.org_known.is_none() {
            if let Some(n) = &m.name {
                if let Some((_, c)) = strong.get(&s[n.clone()]) {
                    m.country = c.clone();
                }
            }
            if m.country.is_none() {
                m.country = dominant.clone();
            }
        }
    }
    for m in all.iter_mut().flatten() {
        if let (Some(n), true) = (&m.name, m.weak) {
            if let Some((side, country)) = strong.get(&s[n.clone()]) {
                m.side = *side;
                m.country = country.clone();
                m.weak = false;
            }
        }
    }
}

fn name_of<'a>(s: &'a str, m: &Mention) -> Option<&'a str> {
    m.name.as_ref().map(|r| &s[r.clone()])
}

/// Two mentions (`a` in `s`, `b` in `t`) are the same person (or delegation of the same state when a name
/// is missing): a full and a short form of a name are one person (安东尼·布林肯, 布林肯).
pub fn same_person(s: &str, a: &Mention, t: &str, b: &Mention) -> bool {
    match (name_of(s, a), name_of(t, b)) {
        (Some(x), Some(y)) => x == y || x.contains(y) || y.contains(x) || same_holder(x, y),
        _ => {
            a.country.is_some() && a.country == b.country
                || a.org_known.is_some() && a.org_known == b.org_known
        }
    }
}

/// Two spellings of one known office holder (杨洁篪, 杨洁箎).
fn same_holder(x: &str, y: &str) -> bool {
    let g = gazetteer::get();
    let (Some(a), Some(b)) = (g.holders.get(x), g.holders.get(y)) else { return false };
    a.iter().any(|h| b.iter().any(|k| k.name == h.name))
}

/// Some person of `a` (in `s`) is one of `b` (in `t`).
pub fn overlap(s: &str, a: &[Mention], t: &str, b: &[Mention]) -> bool {
    a.iter().any(|x| b.iter().any(|y| same_person(s, x, t, y)))
}
