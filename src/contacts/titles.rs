//! Reading a person's mention around a name: the name itself after a title (`智利外长阿拉芒`), and the
//! stretch before a name that holds the state or organisation and the title, with the side they give.

use super::mentions::{Article, Side};
use crate::gazetteer::{self, TitleSide};
use aho_corasick::AhoCorasick;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

pub const NAME_DOTS: [char; 6] = ['·', '•', '‧', '・', '-', '－'];

pub fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

fn is_name_char(c: char) -> bool {
    is_cjk(c) || NAME_DOTS.contains(&c)
}

/// Read a name starting at `i` (after a title): CJK characters up to a stop word.
pub fn read_name(s: &str, i: usize, limit: usize) -> Option<Range<usize>> {
    let g = gazetteer::get();
    let rest = &s[i..limit];
    if g.name_start_stops.iter().any(|w| rest.starts_with(w.as_str()))
        || g.name_stops.iter().chain(&g.name_weak_stops).any(|w| rest.starts_with(w.as_str()))
        || g.title_prefix(rest).is_some()
        || g.country_prefix(rest).is_some_and(|(_, len)| !dotted_name_past(rest, len))
    {
        return None;
    }
    // A known name right here wins.
    if let Some(n) = g.holder_names.iter().find(|n| rest.starts_with(n.as_str())) {
        return Some(i..i + n.len());
    }
    let mut j = i;
    for (n, (k, c)) in rest.char_indices().enumerate() {
        if k > 0 {
            let here = &rest[k..];
            if g.name_stops.iter().any(|w| here.starts_with(w.as_str()))
                || g.speech.say.iter().any(|w| here.starts_with(w.as_str()))
                || (n >= 2 && g.name_weak_stops.iter().any(|w| here.starts_with(w.as_str())))
                || g.verbs.iter().any(|v| here.starts_with(v.pattern.as_str()))
            {
                break;
            }
        }
        if !is_name_char(c) {
            break;
        }
        if n >= 12 {
            return None;
        }
        j = i + k + c.len_utf8();
    }
    if j == i {
        return None;
    }
    let name = &s[i..j];
    let cjk = name.chars().filter(|c| is_cjk(*c)).count();
    // Names of 1 character exist (泰国外长敦) but only right before a stop; a transliterated name written
    // without its dot may run to 10 characters (阿玛尔巴伊斯格楞) when something follows it; longer is a phrase.
    let most = if j < limit { 10 } else { 6 };
    if cjk == 0 || (cjk > most && !name.contains(NAME_DOTS)) {
        return None;
    }
    if name.ends_with('方') && name.chars().count() == 2 {
        return None;
    }
    // Not a person: a time word, a common noun, a thing (…会议), a place of the gazetteer.
    let place = g.cities.iter().any(|c| c == name) || g.country_names.iter().any(|(c, _)| c == name);
    if place || g.not_names.rejects(name) {
        return None;
    }
    Some(i..j)
}

/// A transliterated name with a dot runs on past the state's name it starts with (巴西鲁·法耶 is no 巴西):
/// the word before its first dot is longer than `len` bytes.
fn dotted_name_past(rest: &str, len: usize) -> bool {
    // Within a name's length: the run of name characters may be the whole rest of a text.
    let near = rest.char_indices().nth(16).map_or(rest, |(k, _)| &rest[..k]);
    let run = near.find(|c: char| !is_name_char(c)).map_or(near, |e| &near[..e]);
    run.find(NAME_DOTS).is_some_and(|d| d > len)
}

/// Words that end the stretch a title can cover: the cue list `title_boundary` and the contact verbs.
fn boundaries() -> impl Iterator<Item = &'static str> {
    let g = gazetteer::get();
    g.cues.title_boundary.iter().map(String::as_str).chain(g.verbs.iter().map(|v| v.pattern.as_str()))
}

/// The boundary words and an automaton finding them.
static BOUNDARY_AC: LazyLock<(AhoCorasick, Vec<&'static str>)> = LazyLock::new(|| {
    let words: Vec<&'static str> = boundaries().collect();
    (AhoCorasick::new(&words).expect("boundary automaton"), words)
});

/// For each boundary word, the names, titles and organisations that contain it (computed once).
static CONTAINERS: LazyLock<HashMap<String, Vec<String>>> = LazyLock::new(|| {
    let g = gazetteer::get();
    let all: Vec<&str> = g
        .country_names
        .iter()
        .map(|(n, _)| n.as_str())
        .chain(g.titles.iter().map(|(t, _)| t.as_str()))
        .chain(g.orgs.iter().map(|o| o.name.as_str()))
        .collect();
    boundaries()
        .map(|b| {
            (b.to_string(), all.iter().filter(|n| n.contains(b) && **n != b).map(|n| n.to_string()).collect())
        })
        .collect()
});

/// Start of the title stretch before the name at `name_start`, not before `floor`.
pub fn left_context_start(s: &str, floor: usize, name_start: usize) -> usize {
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
    // Every boundary word of the stretch in one pass of an automaton (a search per word was most of the
    // work on a text of many names).
    let (ac, words) = &*BOUNDARY_AC;
    let hits: Vec<(usize, usize)> =
        ac.find_overlapping_iter(seg).map(|m| (m.pattern().as_usize(), m.start())).collect();
    for (i, &b) in words.iter().enumerate() {
        // "电" only ends a dateline; 在/对/为 never end a title's stretch.
        if matches!(b, "在" | "对" | "为") {
            continue;
        }
        // A 与 inside an office's name is not a boundary either (外交部边界与海洋事务司司长).
        let in_office = |p: usize| b == "与" && p > 0 && office_and(&seg[..p], &seg[p + b.len()..]);
        let found = hits
            .iter()
            .rev()
            .filter(|h| h.0 == i)
            .map(|h| h.1)
            .find(|p| !inside_name(*p, b) && !in_office(*p));
        let Some(p) = found else { continue };
        if b == "电" && !seg[..p].ends_with('日') {
            continue;
        }
        // A space after 、 is layout inside a list of offices ("副委员长、 中国…副会长").
        if b.trim().is_empty() && seg[..p].ends_with('、') {
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
        best = best.max((floor + p + b.len()).min(name_start));
    }
    // "、" separates people when a state or organisation follows it ("马立基、以色列外长科恩"), but not the
    // offices of one person ("中共中央政治局委员、中央外办主任").
    // An office before the 、 lists one person's offices ("全国人大常委会副委员长、中国人民争取和平与裁军协会
    // 副会长"), not two people.
    for (p, _) in s[best..name_start].match_indices('、') {
        let after = &s[best + p + '、'.len_utf8()..name_start];
        let office_before = g.title_suffix(s[best..best + p].trim_end()).is_some();
        if !office_before && (g.country_prefix(after.trim_start()).is_some() || g.org_prefix(after).is_some())
        {
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

/// A 与 joining the words of one office's name (外交部边界与海洋事务司司长, 法国欧洲与外交部部长, 外交与联邦事务部
/// 部长), given the stretch `before` and `after` it up to the name: an office word (部, 司, 委员会…) follows
/// within a few characters and no punctuation, and from it a title runs to the name. Not after a side (中方与),
/// an adverb (并与, 还与) or a time word (周一与), nor before a state or organisation: those join two parties.
fn office_and(before: &str, after: &str) -> bool {
    let g = gazetteer::get();
    let word_before = before.chars().next_back().is_some_and(|c| is_cjk(c) && c != '方')
        && !g.name_weak_stops.iter().chain(&g.not_names.time).any(|w| before.ends_with(w.as_str()));
    if !word_before || g.country_prefix(after).is_some() || g.org_prefix(after).is_some() {
        return false;
    }
    let window = after.char_indices().nth(10).map_or(after.len(), |(k, _)| k);
    let run = after[..window].find(|c: char| !is_cjk(c)).unwrap_or(window);
    g.cues.office_word.iter().any(|w| {
        after[..run].match_indices(w.as_str()).any(|(q, _)| {
            let title = &after[q + w.len()..];
            q > 0 && g.title_suffix(title).is_some_and(|(t, _)| t.len() == title.len())
        })
    })
}

/// Where a 与 joining the words of an office's name stands in a title's stretch: a PRC body after it is part
/// of another state's office (欧洲与外交部部长 is France's, whatever 外交部 says).
fn office_and_in(stretch: &str) -> Option<usize> {
    let len = '与'.len_utf8();
    stretch
        .match_indices('与')
        .map(|(p, _)| p)
        .find(|&p| p > 0 && office_and(&stretch[..p], &stretch[p + len..]))
}

/// Where the title stretch `s[start..name_start]` really starts: at its first state, organisation, PRC body,
/// title or office qualifier (负责…的) from which a title runs to the name; words before it are the
/// sentence's ("会见了", "继", "如果").
fn title_start(s: &str, start: usize, name_start: usize) -> usize {
    let g = gazetteer::get();
    let opens = |rest: &str| {
        g.country_prefix(rest)
            .map(|(_, l)| l)
            .or_else(|| g.org_prefix(rest).map(|o| o.name.len()))
            .or_else(|| intl_org(rest))
            .or_else(|| g.prc_bodies.starts(rest))
            .or_else(|| g.title_prefix(rest).map(|(t, _)| t.len()))
            .or_else(|| g.cues.title_opener.iter().find(|w| rest.starts_with(w.as_str())).map(|w| w.len()))
            .or_else(|| short_form_title(rest).then_some(0))
    };
    // A 的 inside a title only after an office qualifier (负责军控事务的助理国务卿); else it ends a relative
    // clause before the title ("出席峰会的哈萨克斯坦总统").
    let qualified = |rest: &str| {
        rest.rfind('的').is_none_or(|p| g.cues.title_opener.iter().any(|w| rest[..p].contains(w.as_str())))
    };
    let titled = |rest: &str| {
        opens(rest).is_some_and(|l| l == rest.len() || g.title_suffix(rest).is_some()) && qualified(rest)
    };
    // What comes before is the sentence's only when it ends with a word that leads up to a title (了, 继,
    // 介绍, 如果, 会上); else it is a name the gazetteer lacks (科摩罗总统, 赤道几内亚, 参议长).
    // Not after a 与 inside an office's name (会见了欧洲与外交部部长: the title is all of it).
    let junk = |p: usize| {
        let before = &s[start..p];
        let in_office =
            before.strip_suffix('与').is_some_and(|b| !b.is_empty() && office_and(b, &s[p..name_start]));
        before.is_empty()
            || (g.cues.before_title.iter().chain(&g.speech.say).any(|w| before.ends_with(w.as_str()))
                && !in_office)
    };
    s[start..name_start]
        .char_indices()
        .map(|(k, _)| start + k)
        .find(|&p| junk(p) && titled(&s[p..name_start]))
        .unwrap_or_else(|| {
            // Nothing known opens it (a state the gazetteer lacks): at least not before a relative clause's 的.
            let stretch = &s[start..name_start];
            match stretch.rfind('的') {
                Some(p) if !qualified(stretch) => start + p + '的'.len_utf8(),
                _ => start,
            }
        })
}

/// An international or regional body the gazetteer lacks, by the shape of its name before a title:
/// a scope word (国际, 世界, 各国, 中美洲, 阿拉伯…), at most ten characters, a body word (组织, 联盟, 议会, 局,
/// 银行…) and then a title (各国议会联盟主席, 国际展览局秘书长, 拉丁美洲议会议长). Its length.
fn intl_org(s: &str) -> Option<usize> {
    let g = gazetteer::get();
    let scope = g.cues.intl_scope.iter().find(|w| s.starts_with(w.as_str()))?;
    let window: usize = s.char_indices().nth(scope.chars().count() + 10).map_or(s.len(), |(k, _)| k);
    let mut best = None;
    for (k, _) in s[..window].char_indices().skip(scope.chars().count()) {
        for body in &g.cues.intl_body {
            let end = k + body.len();
            if s[k..].starts_with(body.as_str()) && g.title_prefix(&s[end..]).is_some() {
                best = Some(end);
            }
        }
    }
    best
}

/// A state's one-character short form before a title: 俄外长, 土副总理兼外长, 美防长.
fn short_form_title(s: &str) -> bool {
    let g = gazetteer::get();
    let mut ch = s.chars();
    let Some(c) = ch.next() else { return false };
    c != '中'
        && g.country_short.contains_key(c.encode_utf8(&mut [0; 4]) as &str)
        && after_short_form(ch.as_str())
}

/// What may follow a state's one-character short form in a title: a title (俄外长, 马最高元首), 驻 (美驻华
/// 大使), or 共 for the state's communist party (越共中央总书记, 古共中央政治局委员).
fn after_short_form(rest: &str) -> bool {
    let g = gazetteer::get();
    let qualified = g.cues.title_qualifier.iter().find_map(|q| rest.strip_prefix(q.as_str()));
    g.title_prefix(rest).is_some()
        || rest.starts_with('驻')
        || party_short(rest)
        || qualified.is_some_and(|r| g.title_prefix(r).is_some())
}

/// 共 after a state's short form: its communist party (越共, 古共; 中共 is a PRC body).
fn party_short(rest: &str) -> bool {
    rest.starts_with('共') && !rest.starts_with("共同")
}

/// An envoy posted abroad with no state of their own written (驻哈萨克大使, 新任驻朝鲜大使): Chinese news
/// name a PRC envoy so; a foreign envoy to China is 驻华.
fn prc_envoy(stretch: &str) -> bool {
    let posted = stretch.strip_prefix("新任").unwrap_or(stretch).strip_prefix('驻');
    posted.is_some_and(|p| !p.starts_with('华') && !p.starts_with("中国"))
}

/// A title and the state or organisation before it, with the side they give.
pub struct TitleInfo {
    /// Where the mention starts (its state, organisation or title).
    pub start: usize,
    pub title: Option<Range<usize>>,
    pub country: Option<String>,
    pub org: Option<Range<usize>>,
    pub side: Side,
}

/// The state or organisation opening `s[start..name_start]`: (where the title starts, state, organisation).
fn read_state(
    s: &str,
    start: usize,
    name_start: usize,
    art: &Article,
) -> (usize, Option<String>, Option<Range<usize>>) {
    let g = gazetteer::get();
    // "前美国国务卿": a former office holder's state follows the word saying so.
    let former = g
        .cues
        .former
        .iter()
        .find(|w| {
            s[start..name_start].strip_prefix(w.as_str()).is_some_and(|r| g.country_prefix(r).is_some())
        })
        .map_or(0, |w| w.len());
    let mut i = start + former;
    let mut country = None;
    let mut org = None;
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
    } else if let Some(len) = intl_org(text) {
        org = Some(i..i + len);
        i += len;
    } else {
        // One-character short form before a title: 俄外长, 土副总理兼外长, 美防长; 越共: the party.
        let mut ch = text.chars();
        if let Some(c) = ch.next().filter(|c| *c != '中') {
            let rest = ch.as_str();
            if let Some(iso) = after_short_form(rest).then(|| art.short_form(&c.to_string())).flatten() {
                country = Some(iso);
                if party_short(rest) {
                    org = Some(i..i + c.len_utf8() + '共'.len_utf8());
                    i += '共'.len_utf8();
                }
                i += c.len_utf8();
            }
        }
    }
    // The state holding the organisation's chair (海合会轮值主席国科威特王储): the person is its official.
    if let Some((len, ci)) = org.as_ref().and_then(|_| chair_state(&s[i..name_start])) {
        country = Some(g.countries[ci].iso.clone());
        org = None;
        i += len;
    }
    // An organisation after the state: 美国国会参议院, 越南共产党中央.
    if org.is_none() {
        if let Some(o) = g.org_prefix(&s[i..name_start]).filter(|o| o.party) {
            org = Some(i..i + o.name.len());
            country = country.or(o.country.clone());
        }
    }
    (i, country, org)
}

/// A chair-state word and the state after it, opening `rest`: (their length, the state's index).
fn chair_state(rest: &str) -> Option<(usize, usize)> {
    let g = gazetteer::get();
    let w = g.cues.chair_state.iter().filter(|w| rest.starts_with(w.as_str())).map(String::len).max()?;
    g.country_prefix(&rest[w..]).map(|(ci, len)| (w + len, ci))
}

/// Classify the title in `s[start..name_start]` and read the state or organisation before it.
pub fn read_title(s: &str, start: usize, name_start: usize, art: &Article) -> TitleInfo {
    let g = gazetteer::get();
    let start = title_start(s, start, name_start);
    let (i, country, org) = read_state(s, start, name_start, art);
    let rest = &s[i..name_start];
    let t_side = g.title_suffix(rest).map(|(_, sd)| sd);
    let title = t_side.map(|_| i..name_start);
    let mut side = match country.as_deref() {
        Some("CN") => Side::China,
        Some(iso) => match g.country_by_iso(iso) {
            Some(c) if !c.state => Side::Domestic,
            _ => Side::Foreign,
        },
        None => Side::Unknown,
    };
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
    // A PRC body in the title, or a PRC envoy: the PRC side.
    let whole = &s[start..name_start];
    let prc = g.cues.prc_mark.iter().any(|m| whole.contains(m.as_str()))
        || g.prc_bodies.starts(whole).is_some()
        || g.prc_bodies.within(office_and_in(whole).map_or(whole, |p| &whole[..p]))
        || prc_envoy(whole);
    if side == Side::Unknown && prc {
        side = Side::China;
    }
    // A company, a business group or a private foundation: its head is not an official (GUIDE).
    let office = &s[org.as_ref().map_or(i, |o| o.start)..name_start];
    let described = title.is_some() || org.is_some();
    if described && side != Side::Domestic && g.cues.non_official.iter().any(|w| office.contains(w.as_str()))
    {
        side = Side::Company;
    }
    TitleInfo { start, title, country, org, side }
}
