//! Participants: people (and delegations) named in the text, with their title, state or organisation and
//! side (PRC or foreign). A name is found from the office-holder gazetteer or, never seen before, from the
//! title standing before it (`智利外长阿拉芒`, `美国国务卿布林肯`).

use crate::gazetteer::{self, TitleSide};
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

/// The article-wide context that resolves short forms: 土 is Turkmenistan in an article naming 土库曼斯坦.
#[derive(Debug, Clone, Default)]
pub struct ArticleContext {
    /// ISO codes of the states named in full in the article.
    pub named_states: Vec<String>,
    pub year: Option<i32>,
}

impl ArticleContext {
    pub fn new(simplified: &str, title: &str, year: Option<i32>) -> Self {
        let g = gazetteer::get();
        let mut named: Vec<String> = Vec::new();
        for text in [simplified, title] {
            for m in g.country_ac.find_iter(text) {
                let iso = &g.countries[g.country_names[m.pattern().as_usize()].1].iso;
                if !named.contains(iso) {
                    named.push(iso.clone());
                }
            }
        }
        // 土耳其 also contains no 土库曼斯坦, but 土库曼斯坦 does not contain 土耳其: fine as is.
        ArticleContext { named_states: named, year }
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

fn is_name_char(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || matches!(c, '·' | '•' | '‧' | '・' | '-' | '－')
}

fn prev_char(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

/// Read a name starting at `i` (after a title): CJK characters up to a stop word.
fn read_name(s: &str, i: usize, limit: usize) -> Option<Range<usize>> {
    let g = gazetteer::get();
    let rest = &s[i..limit];
    if g.name_start_stops.iter().any(|w| rest.starts_with(w.as_str()))
        || g.name_stops.iter().any(|w| rest.starts_with(w.as_str()))
        || g.title_prefix(rest).is_some()
        || g.country_prefix(rest).is_some()
    {
        return None;
    }
    // A known name right here wins.
    if let Some(n) = g.holder_names.iter().find(|n| rest.starts_with(n.as_str())) {
        return Some(i..i + n.len());
    }
    let mut j = i;
    let mut n = 0;
    for (k, c) in rest.char_indices() {
        if k > 0 {
            let here = &rest[k..];
            if g.name_stops.iter().any(|w| here.starts_with(w.as_str()))
                || g.verbs.iter().any(|v| here.starts_with(v.pattern.as_str()))
            {
                break;
            }
        }
        if !is_name_char(c) {
            break;
        }
        j = i + k + c.len_utf8();
        n += 1;
        if n > 12 {
            return None;
        }
    }
    if j == i {
        return None;
    }
    let name = &s[i..j];
    let cjk = name.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count();
    // Names of 1 character exist (泰国外长敦) but only right before a stop; over 6 characters without a
    // separating dot is a phrase, not a name.
    if cjk == 0 || (cjk > 6 && !name.contains(['·', '•', '‧', '・', '-', '－'])) {
        return None;
    }
    if name.ends_with('方') && name.chars().count() == 2 {
        return None;
    }
    Some(i..j)
}

/// Words that end the stretch of text a title can extend over, backwards from a name.
const LEFT_BOUNDARIES: &[&str] = &[
    "，", ",", "。", "；", "：", ":", "“", "”", "\"", "（", "）", "(", ")", "【", "】", "《", "》", "！",
    "？", " ", "　", "\n", "同", "与", "和", "跟", "及", "会见", "接见", "晤", "的", "应约", "应邀", "消息",
    "报道", "电", "讯", "时间", "再次", "分别", "先后", "以及", "邀请", "是", "对", "向", "被", "在", "为",
    "由",
];

/// For each boundary word, the names, titles and organisations that contain it (computed once).
static CONTAINERS: std::sync::LazyLock<std::collections::HashMap<String, Vec<String>>> =
    std::sync::LazyLock::new(|| {
        let g = gazetteer::get();
        let all: Vec<&str> = g
            .country_names
            .iter()
            .map(|(n, _)| n.as_str())
            .chain(g.titles.iter().map(|(t, _)| t.as_str()))
            .chain(g.orgs.iter().map(|o| o.name.as_str()))
            .collect();
        let bounds = LEFT_BOUNDARIES
            .iter()
            .copied()
            .chain(g.verbs.iter().map(|v| v.pattern.as_str()))
            .chain(EXTRA_BOUNDARIES);
        bounds
            .map(|b| {
                (
                    b.to_string(),
                    all.iter().filter(|n| n.contains(b) && **n != b).map(|n| n.to_string()).collect(),
                )
            })
            .collect()
    });

const EXTRA_BOUNDARIES: [&str; 4] = ["欢迎", "陪同", "率领", "接待"];

/// Start of the title stretch before the name at `name_start`, not before `floor`.
fn left_context_start(s: &str, floor: usize, name_start: usize) -> usize {
    let seg = &s[floor..name_start];
    let mut best = floor;
    let g = gazetteer::get();
    // A boundary character inside a state's name, an organisation or an office ("埃及", "外交与安全政策高级代表")
    // is not a boundary.
    let inside_name = |p: usize, b: &str| {
        CONTAINERS.get(b).is_some_and(|names| {
            names.iter().any(|n| seg.match_indices(n.as_str()).any(|(q, _)| q <= p && p < q + n.len()))
        })
    };
    let verbs = g.verbs.iter().map(|v| v.pattern.as_str());
    for b in LEFT_BOUNDARIES.iter().copied().chain(verbs).chain(EXTRA_BOUNDARIES) {
        let found = seg.rmatch_indices(b).map(|(p, _)| p).find(|p| !inside_name(*p, b));
        if let Some(p) = found {
            let mut end = floor + p + b.len();
            // "电" only ends a dateline.
            if b == "电" && !seg[..p].ends_with('日') {
                continue;
            }
            if b == "在" || b == "对" || b == "为" {
                continue;
            }
            // "和"/"及" join words inside an office ("经济和财政部部长") unless they join two people: right
            // after the previous person, or before a state or organisation.
            if b == "和" || b == "及" {
                let after = &seg[p + b.len()..];
                let joins = p == 0 || g.country_prefix(after).is_some() || g.org_prefix(after).is_some();
                if !joins {
                    continue;
                }
            }
            if end > name_start {
                end = name_start;
            }
            best = best.max(end);
        }
    }
    // "、" separates people when a state or organisation follows it ("马立基、以色列外长科恩"), but not the
    // offices of one person ("中共中央政治局委员、中央外办主任").
    for (p, _) in s[best..name_start].match_indices('、') {
        let after = &s[best + p + '、'.len_utf8()..name_start];
        if g.country_prefix(after).is_some() || g.org_prefix(after).is_some() {
            best = best + p + '、'.len_utf8();
            break;
        }
    }
    // A day number ends the stretch: "5月9日" / "9日".
    let sub = &s[best..name_start];
    if let Some(p) = sub.rfind('日') {
        if sub[..p].ends_with(|c: char| c.is_ascii_digit())
            || sub[..p].ends_with(['今', '昨', '当', '同', '翌', '次'])
        {
            best += p + '日'.len_utf8();
        }
    }
    best
}

/// Classify a title and read the state or organisation before it.
struct TitleInfo {
    title: Option<Range<usize>>,
    country: Option<String>,
    org: Option<Range<usize>>,
    side: Side,
}

fn read_title(s: &str, start: usize, name_start: usize, ctx: &ArticleContext) -> TitleInfo {
    let g = gazetteer::get();
    let mut i = start;
    let mut country = None;
    let mut org = None;
    let mut side = Side::Unknown;
    // Leading 驻X: "中国驻美大使" — the first state is the envoy's own.
    let text = &s[i..name_start];
    let org_first = match (g.org_prefix(text), g.country_prefix(text)) {
        (Some(o), Some((_, len))) => o.name.len() > len,
        _ => false,
    };
    if org_first {
        let o = g.org_prefix(text).expect("checked");
        org = Some(i..i + o.name.len());
        country = o.country.clone();
        i += o.name.len();
    } else if let Some((ci, len)) = g.country_prefix(text) {
        country = Some(g.countries[ci].iso.clone());
        i += len;
    } else if let Some(o) = g.org_prefix(text) {
        org = Some(i..i + o.name.len());
        if o.party {
            country = o.country.clone();
        }
        i += o.name.len();
    } else {
        // One-character short form before a title: 俄外长, 土副总理兼外长, 美防长.
        let mut ch = text.chars();
        if let Some(c) = ch.next() {
            let rest = ch.as_str();
            if g.title_prefix(rest).is_some() || rest.starts_with('驻') {
                if let Some(iso) = ctx.short_form(&c.to_string()) {
                    country = Some(iso);
                    i += c.len_utf8();
                }
            }
        }
    }
    // An organisation after the state: 美国国会参议院, 越南共产党中央.
    if org.is_none() {
        if let Some(o) = g.org_prefix(&s[i..name_start]) {
            if o.party {
                org = Some(i..i + o.name.len());
                country = country.or(o.country.clone());
            }
        }
    }
    let rest = &s[i..name_start];
    let title = g.title_suffix(rest).map(|_| i..name_start);
    let t_side = if let Some((_, sd)) = g.title_suffix(rest) { Some(sd) } else { None };
    let whole = &s[start..name_start];
    let china_marks =
        ["中共", "中央", "国务院", "全国人大", "全国政协", "国务委员", "国家主席", "中联部", "解放军"];
    match country.as_deref() {
        Some("CN") => side = Side::China,
        Some(iso) => {
            side = match g.country_by_iso(iso) {
                Some(c) if !c.state => Side::Domestic,
                _ => Side::Foreign,
            }
        }
        None => {}
    }
    if side == Side::Unknown || side == Side::Foreign {
        if org.is_some() && side == Side::Unknown {
            side = Side::Foreign;
        }
        match t_side {
            Some(TitleSide::Company) if org.is_none() => side = Side::Company,
            Some(TitleSide::Domestic) => side = Side::Domestic,
            Some(TitleSide::China) if side == Side::Unknown => side = Side::China,
            Some(TitleSide::Foreign) if side == Side::Unknown => side = Side::Foreign,
            _ => {}
        }
    }
    if side == Side::Unknown && china_marks.iter().any(|m| whole.contains(m)) {
        side = Side::China;
    }
    // A company name before an executive title: 特斯拉首席执行官.
    if side == Side::Unknown && title.is_none() {
        return TitleInfo { title: None, country, org, side };
    }
    TitleInfo { title, country, org, side }
}

/// Every person mentioned in `s[range]` (a sentence of the simplified text).
pub fn find(s: &str, range: Range<usize>, ctx: &ArticleContext) -> Vec<Mention> {
    let g = gazetteer::get();
    let mut out: Vec<Mention> = Vec::new();
    let mut taken: Vec<Range<usize>> = Vec::new();
    // One pass of each automaton: where known names start, where titles end, and which positions fall
    // strictly inside a title ("秘书" of "秘书长" is not a title followed by a name).
    let text = &s[range.clone()];
    let known_at: std::collections::HashMap<usize, usize> =
        g.holder_ac.find_iter(text).map(|m| (range.start + m.start(), range.start + m.end())).collect();
    let mut title_end = std::collections::HashSet::new();
    let mut in_title = std::collections::HashSet::new();
    for m in g.title_ac.find_overlapping_iter(text) {
        title_end.insert(range.start + m.end());
        for (k, _) in text[m.start()..m.end()].char_indices().skip(1) {
            in_title.insert(range.start + m.start() + k);
        }
    }
    let mut i = range.start;
    while i < range.end {
        let rest = &s[i..range.end];
        let overlaps = |r: &Range<usize>| taken.iter().any(|t| t.start < r.end && r.start < t.end);
        let known = known_at.get(&i).map(|e| i..*e);
        let after_title = title_end.contains(&i);
        let inside_title = in_title.contains(&i);
        let cand =
            known.or_else(|| if after_title && !inside_title { read_name(s, i, range.end) } else { None });
        if let Some(r) = cand {
            if !overlaps(&r) {
                let floor = out.last().map_or(range.start, |m| m.range.end);
                let lstart = left_context_start(s, floor, r.start);
                let info = read_title(s, lstart, r.start, ctx);
                let name = &s[r.clone()];
                let holder = g.holder(name, ctx.year);
                let mut side = info.side;
                let mut country = info.country.clone();
                let org = info.org.clone();
                let mut org_known = None;
                let mut weak = false;
                if let Some(h) = holder {
                    if country.is_none() && org.is_none() {
                        country = h.country.clone();
                    }
                    if side == Side::Unknown
                        || (side == Side::China
                            && h.country.as_deref() != Some("CN")
                            && info.country.is_none())
                    {
                        side = if h.country.as_deref() == Some("CN") { Side::China } else { Side::Foreign };
                    }
                    if h.org.is_some() && org.is_none() && country.is_none() {
                        org_known = h.org.clone();
                    }
                } else if side == Side::Unknown && info.title.is_some() {
                    // A title continuing a list ("菲律宾总统马科斯和外长马纳罗") shares the list's state.
                    let prev = out.last();
                    let gap =
                        prev.map_or("", |p| if p.range.end <= lstart { &s[p.range.end..lstart] } else { "" });
                    let joined = gap.chars().count() <= 8
                        && (["和", "、", "及", "包括", "以及"].iter().any(|w| gap.contains(w)))
                        && !gap.contains('。');
                    match prev {
                        Some(p) if joined && p.side == Side::Foreign => {
                            side = Side::Foreign;
                            country = p.country.clone();
                        }
                        _ => {
                            // Chinese news give a foreign official's state; a title without one is a PRC
                            // official's, unless the name is written with a state elsewhere.
                            side = Side::China;
                            weak = true;
                        }
                    }
                }
                if side == Side::China && country.is_none() {
                    country = Some("CN".into());
                }
                let start = if info.title.is_some() || info.country.is_some() || info.org.is_some() {
                    lstart
                } else {
                    r.start
                };
                let title = info.title.clone().filter(|t| t.end > t.start);
                out.push(Mention {
                    name: Some(r.clone()),
                    title,
                    country,
                    org,
                    org_known,
                    side,
                    range: start..r.end,
                    weak,
                });
                taken.push(r.clone());
                i = r.end;
                continue;
            }
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    out.extend(nameless(s, range, &out, ctx));
    out.sort_by_key(|m| m.range.start);
    out
}

/// Delegations named by state and title but no person: "新加坡、马来西亚和韩国外长" (one per state).
fn nameless(s: &str, range: Range<usize>, named: &[Mention], ctx: &ArticleContext) -> Vec<Mention> {
    let g = gazetteer::get();
    let mut out = Vec::new();
    let starts: std::collections::HashMap<usize, usize> = g
        .country_ac
        .find_iter(&s[range.clone()])
        .map(|m| (range.start + m.start(), m.pattern().as_usize()))
        .collect();
    let mut i = range.start;
    while i < range.end {
        let rest = &s[i..range.end];
        if let Some(&pi) = starts.get(&i) {
            let (ci, len) = (g.country_names[pi].1, g.country_names[pi].0.len());
            // Collect a list of states joined by 、和与及.
            let mut states = vec![(ci, i..i + len)];
            let mut j = i + len;
            loop {
                let r = &s[j..range.end];
                let sep = ["、", "和", "与", "及"].iter().find(|p| r.starts_with(**p));
                let Some(sep) = sep else { break };
                match g.country_prefix(&r[sep.len()..]) {
                    Some((c2, l2)) => {
                        let st = j + sep.len();
                        states.push((c2, st..st + l2));
                        j = st + l2;
                    }
                    None => break,
                }
            }
            let after = &s[j..range.end];
            if let Some((t, side)) = g.title_prefix(after) {
                let tend = j + t.len();
                let follow = &s[tend..range.end];
                // Only when no name follows the title (else it is a named mention).
                let has_name = named.iter().any(|m| m.name.as_ref().is_some_and(|n| n.start == tend));
                let ends = follow.is_empty()
                    || g.name_stops.iter().any(|w| follow.starts_with(w.as_str()))
                    || g.verbs.iter().any(|v| follow.starts_with(v.pattern.as_str()));
                if !has_name && ends && matches!(side, TitleSide::Any | TitleSide::Foreign) {
                    for (c, r) in states {
                        let iso = g.countries[c].iso.clone();
                        let sd = if iso == "CN" {
                            Side::China
                        } else if g.countries[c].state {
                            Side::Foreign
                        } else {
                            Side::Domestic
                        };
                        out.push(Mention {
                            name: None,
                            title: Some(j..tend),
                            country: Some(iso),
                            org: None,
                            org_known: None,
                            weak: false,
                            side: sd,
                            range: r.start..tend,
                        });
                    }
                    i = tend;
                    continue;
                }
            }
            // A state's delegation: "阿富汗塔利班临时政府代表团".
            let tail = &s[j..range.end];
            let lim = tail.char_indices().nth(14).map_or(tail.len(), |(k, _)| k);
            if let Some(p) = tail[..lim].find("代表团") {
                let iso = g.countries[ci].iso.clone();
                if iso != "CN" && g.countries[ci].state && !tail[..p].contains(['，', '。', '、']) {
                    let end = j + p + "代表团".len();
                    out.push(Mention {
                        name: None,
                        title: None,
                        country: Some(iso),
                        org: None,
                        org_known: None,
                        weak: false,
                        side: Side::Foreign,
                        range: i..end,
                    });
                    i = end;
                    continue;
                }
            }
            i = j;
            continue;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    let _ = ctx;
    out
}

/// The state or PRC side written as `X方` ("美方", "智方") or a country name at `s[i..]`.
pub fn side_word(s: &str, ctx: &ArticleContext) -> Option<String> {
    let mut ch = s.chars();
    let c = ch.next()?;
    if ch.next() == Some('方') {
        return ctx.short_form(&c.to_string());
    }
    let _ = prev_char;
    None
}

/// Make the guessed sides agree with what the article says elsewhere about the same name.
pub fn reconcile(s: &str, all: &mut [Vec<Mention>]) {
    let mut strong: std::collections::HashMap<String, (Side, Option<String>)> =
        std::collections::HashMap::new();
    for m in all.iter().flatten() {
        if let (Some(n), false) = (&m.name, m.weak) {
            if m.side != Side::Unknown {
                strong.entry(s[n.clone()].to_string()).or_insert((m.side, m.country.clone()));
            }
        }
    }
    // A foreign office with no state written ("内阁总理金德勋") is of the state the article is about.
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
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
