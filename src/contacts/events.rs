//! Events: every contact the article reports, the headline's first.
//!
//! A contact is a contact verb (data/contact_verbs.tsv) whose clause names a PRC official and a foreign
//! counterpart: `X同Y通电话` (pair form) or `X会见Y` (object form). Repeated reports of the same contact
//! (headline, lead, digest summary and item) are merged.

use super::dates::{self, Anchor, Day};
use super::participants::{self, ArticleContext, Mention, Side};
use super::text::{self, Sentence};
use super::{Event, Participant};
use crate::document::{Document, Span, Warning};
use crate::gazetteer;
use regex::Regex;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

/// A contact as found, with ranges into the simplified text (or into the title for a headline event).
#[derive(Debug, Clone)]
struct Found {
    kind: String,
    cameo: String,
    planned: bool,
    date: Option<(dates::Resolved, Option<Range<usize>>)>,
    location: Option<(String, Option<Range<usize>>)>,
    requested_by: Option<(String, Option<Range<usize>>)>,
    china: Vec<Mention>,
    counterparts: Vec<Mention>,
    trigger: Range<usize>,
    sentence: Option<Range<usize>>,
    para: Option<usize>,
    from_title: bool,
    /// Where later reports of the same contact were merged in: (paragraph, sentence start).
    reports: Vec<(usize, usize)>,
    /// The verb refers back to a contact ("此次会晤", "会谈中", "的会晤"): it adds no contact of its own.
    reference: bool,
}

const NUMERALS: &[char] = &[
    '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '几', '数', '多', '1', '2', '3', '4',
    '5',
];
const SPECULATION: &[&str] = &[
    "？",
    "?",
    "是否",
    "或将",
    "可能",
    "据传",
    "传闻",
    "猜测",
    "有望",
    "或会",
    "或许",
    "消息人士称",
    "援引消息人士",
];
const PLANNED: &[&str] =
    &["将于", "即将", "将", "拟于", "拟", "计划", "准备", "预计", "定于", "明天", "明日", "下周"];
const MESSAGES: &[&str] = &["致电", "致信", "致函", "贺电", "唁电", "贺信", "互致"];
/// Connectives and time words that may open a clause whose subject is the previous clause's.
const OPENERS: &[&str] = &[
    "接着",
    "随后",
    "之后",
    "其后",
    "此后",
    "然后",
    "再",
    "先",
    "还",
    "并",
    "又",
    "同日",
    "当天",
    "当日",
    "期间",
    "分别",
    "也",
    "此外",
    "另外",
    "此前",
    "今天",
    "昨天",
    "今日",
    "昨日",
    "上午",
    "下午",
    "晚上",
    "中午",
    "当地时间",
];

/// Contact verbs in `s[range]`, longest first, not overlapping.
fn triggers(s: &str, range: &Range<usize>) -> Vec<(Range<usize>, &'static gazetteer::Verb)> {
    let g = gazetteer::get();
    let mut out = Vec::new();
    for m in g.verb_ac.find_iter(&s[range.clone()]) {
        let v = &g.verbs[m.pattern().as_usize()];
        let r = range.start + m.start()..range.start + m.end();
        let before = &s[range.start..r.start];
        let after = &s[r.end..range.end];
        let skip = (v.kind == "phone_call" && before.ends_with(NUMERALS))
            || (v.kind == "phone_call"
                && before.ends_with('了')
                && before[..before.len() - 3].ends_with(NUMERALS))
            || (v.form != "pair"
                && (after.starts_with("记者") || after.starts_with("媒体") || after.starts_with("中外记者")));
        if !skip {
            out.push((r, v));
        }
    }
    out
}

static LOC_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:在|于|到访|访问)([^，。；、在于“”]{2,24}?)(?:同|与|和|会见|接见|会晤|举行|出席|参加|集体会见|分别|共同|晤|通电话|通话|视频|见面|会面|主持|进行|期间|，|的)")
        .expect("location regex")
});
static DATELINE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:新华社|中新社|中新网|人民网|央视网|环球网|国际在线|央视新闻|新华网)([^\d\s，。]{2,8}?)(\d{1,2})月(\d{1,2})日电")
        .expect("dateline regex")
});
static INVITE_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"应([^，。；]{0,40}?)(?:的)?邀请|应邀").expect("invite regex"));

const NOT_PLACE: &[&str] = &[
    "期间",
    "之际",
    "时",
    "出席",
    "参加",
    "访问",
    "接受",
    "问题",
    "方面",
    "会议",
    "框架",
    "电话",
    "视频",
    "线上",
    "北京时间",
    "中方",
    "双方",
    "基础",
    "此",
    "这",
    "其",
    "上",
    "中",
    "后",
    "前",
    "下",
    "来华",
    "访华",
    "同",
    "的",
];

/// The place named before the verb in its sentence: the city when both city and venue are named.
fn location(s: &str, sentence: &Range<usize>, trig: &Range<usize>) -> Option<(String, Range<usize>)> {
    let g = gazetteer::get();
    // Only the last DATE_LOOKBACK characters before the verb, as for dates: the whole sentence prefix
    // for every verb is quadratic in a run-on sentence of many contacts.
    let prefix = &s[sentence.start..trig.start];
    let skip = prefix.char_indices().rev().nth(DATE_LOOKBACK).map_or(0, |(i, _)| i);
    let sentence = &(sentence.start + skip..sentence.end);
    let seg = &s[sentence.start..trig.end];
    let mut best = None;
    // "在京会见": the capital's one-character name.
    for (abbr, city) in [("在京", "北京"), ("在沪", "上海")] {
        if let Some(p) = seg.rfind(abbr) {
            let st = sentence.start + p + "在".len();
            best = Some((city.to_string(), st..st + abbr.len() - "在".len()));
        }
    }
    for c in LOC_RE.captures_iter(seg) {
        let m = c.get(1).expect("group");
        let mut x = m.as_str();
        let mut abs = sentence.start + m.start()..sentence.start + m.end();
        // "出席慕尼黑安全会议": the city the gathering is named after.
        if x.starts_with("出席") || x.starts_with("参加") {
            let inner = &x["出席".len()..];
            if let Some(city) = g.city_prefix(inner) {
                let st = abs.start + "出席".len();
                best = Some((city.to_string(), st..st + city.len()));
            }
            continue;
        }
        // "奥地利维也纳", "卡塔尔多哈": the state before the city is not the place.
        if let Some((_, len)) = g.country_prefix(x) {
            if len < x.len() {
                x = &x[len..];
                abs.start += len;
            }
        }
        if let Some(city) = g.city_prefix(x) {
            best = Some((city.to_string(), abs.start..abs.start + city.len()));
            continue;
        }
        // "欧洲小国马耳他".
        if let Some(city) = g.cities.iter().find(|c| x.ends_with(c.as_str())) {
            best = Some((city.to_string(), abs.end - city.len()..abs.end));
            continue;
        }
        if NOT_PLACE.iter().any(|w| x.contains(w))
            || ["与", "同", "和", "对", "向"].iter().any(|w| x.starts_with(w))
            || g.holder_names.iter().any(|n| x.contains(n.as_str()))
        {
            continue;
        }
        let venue = g.venue_suffixes.iter().any(|v| x.ends_with(v.as_str()));
        let country = g.country_names.iter().any(|(n, _)| x == n);
        if venue
            || country
            || (x.chars().count() <= 5 && c.get(0).is_some_and(|m0| !m0.as_str().ends_with('，')))
        {
            best = Some((x.to_string(), abs));
        }
    }
    best
}

fn side_of(ms: &[Mention]) -> (Vec<Mention>, Vec<Mention>, bool) {
    let mut china = Vec::new();
    let mut foreign = Vec::new();
    let mut excluded = false;
    for m in ms {
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

fn is_head(s: &str, m: &Mention) -> bool {
    let Some(t) = &m.title else { return false };
    let t = &s[t.clone()];
    ["主席", "总统", "总理", "首相", "国王", "元首", "总书记", "领导人", "国务委员长"]
        .iter()
        .any(|h| t.ends_with(h))
}

/// Find the contacts reported in one stretch of text (a sentence, or the headline).
#[allow(clippy::too_many_arguments)]
fn in_sentence(
    s: &str,
    range: &Range<usize>,
    ctx: &ArticleContext,
    mentions: &[Mention],
    prev_china: Option<&Vec<Mention>>,
    anchor: &Anchor,
    from_title: bool,
    para: Option<usize>,
    article: &[Mention],
) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let sent_text = &s[range.clone()];
    if SPECULATION.iter().any(|w| sent_text.contains(w)) {
        return out;
    }
    let trigs = triggers(s, range);
    // Where the sentence's first "说，" / "表示，" ends: found once, not per verb over the whole
    // prefix (quadratic in a long sentence of many verbs, tests/superlinear.rs).
    let said_end =
        ["说，", "表示，"].iter().filter_map(|w| sent_text.find(w).map(|p| range.start + p + w.len())).min();
    for (trig, verb) in trigs {
        let mut clause = text::clause(s, range, trig.start);
        clause.end = clause.end.max(text::clause(s, range, trig.end).end);
        // A list running over a comma ("与法国总统马克龙，及德国总理默克尔举行…") is one clause.
        loop {
            let head = &s[clause.start..trig.start];
            let cont = ["及", "以及", "和", "与", "并与", "同"].iter().any(|w| head.starts_with(w));
            if !cont || clause.start <= range.start {
                break;
            }
            let comma =
                s[..clause.start].char_indices().next_back().map_or(range.start, |(k, _)| k).max(range.start);
            let prev_start = text::clause(s, range, comma).start;
            if prev_start >= clause.start {
                break;
            }
            clause.start = prev_start;
        }
        let clause_text = &s[clause.start..trig.start];
        if MESSAGES.iter().any(|w| clause_text.contains(w)) {
            continue;
        }
        // Mentions are sorted by start: slice the clause's share instead of filtering them all for
        // every verb (quadratic in a run-on sentence of many contacts, tests/superlinear.rs).
        let from = mentions.partition_point(|m| m.range.start < clause.start);
        let to = mentions.partition_point(|m| m.range.start < clause.end);
        let in_clause = &mentions[from..to.max(from)];
        let before: Vec<Mention> = in_clause.iter().filter(|m| m.range.end <= trig.start).cloned().collect();
        let after: Vec<Mention> = if verb.form != "pair" {
            in_clause
                .iter()
                .filter(|m| m.range.start >= trig.end && m.range.end <= clause.end)
                .cloned()
                .collect()
        } else {
            Vec::new()
        };
        let mut all: Vec<Mention> = before.clone();
        all.extend(after.iter().cloned());
        // Negated: "没有会晤王毅".
        let near_start = clause_text.char_indices().rev().nth(4).map_or(0, |(k, _)| k);
        let near = &clause_text[near_start..];
        if ["没有", "未", "不", "拒绝", "取消", "推迟"].iter().any(|w| near.contains(w)) {
            continue;
        }
        // A planned contact inside someone's words ("王毅说，两国元首将于…会晤") is what was said, not a
        // contact the article reports.
        let said = said_end.is_some_and(|e| e <= trig.start);
        if verb.form != "object" && !before.iter().any(|m| m.side != Side::Unknown) {
            if let Some((c, f)) = collective(s, &clause, trig.start, article, ctx) {
                all.extend(c);
                all.extend(f);
            }
        }
        let (mut china, mut foreign, excluded) = side_of(&all);
        // A side missing from the clause is the sentence's earlier subject ("拜登5日表示，已与习近平通话").
        let sent_from = mentions.partition_point(|m| m.range.start < range.start);
        // Searched from the clause backwards: the nearest one is found without walking the sentence.
        let earlier =
            || mentions[sent_from..from.max(sent_from)].iter().filter(|m| m.range.end <= clause.start);
        if china.is_empty() && !excluded {
            if let Some(m) = earlier().rev().find(|m| m.side == Side::China) {
                china.push(m.clone());
            }
        }
        if foreign.is_empty() && !excluded {
            if let Some(m) = earlier().rev().find(|m| m.side == Side::Foreign) {
                foreign.push(m.clone());
            }
        }
        if foreign.is_empty() {
            continue;
        }
        if china.is_empty() {
            // Omitted subject: "接着与沙特外交大臣费萨尔通话" continues the previous clause's PRC side.
            let subject_text = match before.first() {
                Some(m) => &s[clause.start..m.range.start],
                None => clause_text,
            };
            let mut rest = subject_text.trim();
            for _ in 0..4 {
                for o in OPENERS {
                    rest = rest.trim_start_matches(o);
                }
                let ds = dates::find_all(rest);
                if let Some(d) = ds.first() {
                    if d.start == 0 {
                        rest = &rest[d.end..];
                    }
                }
                rest = rest.trim_start_matches(['，', ',', ' ', '、']);
            }
            // "与X通话" has no subject; a bare clause does when its first person is foreign ("普京会见…").
            let prepositional = rest.starts_with("同") || rest.starts_with("与") || rest.starts_with("和");
            let omitted = prepositional
                || (rest.is_empty()
                    && before.first().is_none_or(|m| m.side != Side::Foreign || verb.form == "pair"));
            match prev_china {
                Some(pc)
                    if omitted
                        && !pc.is_empty()
                        && !clause_text.contains('他')
                        && !clause_text.contains('她') =>
                {
                    china = pc.clone()
                }
                _ => continue,
            }
        }
        let mut kind = verb.kind.clone();
        let mut cameo = verb.cameo.clone();
        // "通过视频电话进行了会谈", "以视频方式会见": the medium decides the kind.
        if kind == "talks" || kind == "meeting" {
            let medium = &s[clause.start..trig.start];
            if medium.contains("视频") || medium.contains("视像") {
                kind = "video_call".into();
                cameo = "041".into();
            } else if medium.contains("电话") {
                kind = "phone_call".into();
                cameo = "041".into();
            }
        }
        if verb.pattern == "举行会晤" {
            let heads = china.iter().any(|m| is_head(s, m)) && foreign.iter().any(|m| is_head(s, m));
            if heads {
                kind = "meeting".into();
                cameo = "044".into();
            }
        }
        if kind == "meeting" && verb.form != "pair" {
            // Who hosts: the subject of 会见 received the other.
            let subject_china = before.iter().any(|m| m.side == Side::China);
            let subject_foreign = before.iter().any(|m| m.side == Side::Foreign);
            if subject_china && !subject_foreign {
                cameo = "043".into();
            } else if subject_foreign {
                cameo = "042".into();
            }
        }
        let planned_word = PLANNED.iter().find_map(|w| clause_text.find(w).map(|p| (w, p)));
        let mut planned = planned_word.is_some_and(|(_, p)| !clause_text[..p].ends_with('已'));
        if planned && said {
            continue;
        }
        // Date: nearest expression before the verb in the sentence, else earlier in the paragraph.
        let mut date = None;
        // Only the last DATE_LOOKBACK characters before the verb: scanning the whole sentence prefix
        // for each verb was quadratic in a long run-on sentence (tests/superlinear.rs, many names).
        let prefix = &s[range.start..trig.start];
        let skip = prefix.char_indices().rev().nth(DATE_LOOKBACK).map_or(0, |(i, _)| i);
        let pick = pick_date(&prefix[skip..]).map(|d| dates::Found {
            start: d.start + skip,
            end: d.end + skip,
            ..d
        });
        if let Some(d) = pick {
            let r = if planned { anchor.resolve_future(d.expr) } else { anchor.resolve(d.expr) };
            if let Some(r) = r {
                let abs = range.start + d.start..range.start + d.end;
                date = Some((r, (!from_title).then_some(abs)));
            }
        }
        if let Some((d, _)) = &date {
            if let Some(p) = anchor.published {
                if d.day > p {
                    planned = true;
                }
            }
        }
        let location = location(s, range, &trig).map(|(l, r)| (l, (!from_title).then_some(r)));
        let mut requested_by = None;
        // 应约 may stand in an earlier clause of the sentence ("8日应约同对话法方牵头人，法国…部长勒梅尔通话").
        let since = out.last().map_or(range.start, |f: &Found| f.trigger.end).max(range.start);
        if let Some(p) = s[since..trig.start].find("应约") {
            let abs = since + p..since + p + "应约".len();
            let china_first = before.iter().any(|m| m.side == Side::China && m.range.end <= abs.start);
            let who = if china_first || before.is_empty() { "counterpart" } else { "china" };
            requested_by = Some((who.to_string(), (!from_title).then_some(abs)));
        }
        let found = Found {
            kind,
            cameo,
            planned,
            date,
            location,
            requested_by,
            china,
            counterparts: foreign,
            trigger: trig.clone(),
            sentence: (!from_title).then(|| range.clone()),
            para,
            from_title,
            reports: para.map(|p| vec![(p, range.start)]).unwrap_or_default(),
            reference: {
                let before = &s[range.start..trig.start];
                let after = &s[trig.end..range.end];
                ["此次", "这次", "本次", "该", "的", "两人", "首次", "那次", "上次"]
                    .iter()
                    .any(|w| before.ends_with(w))
                    || ["后", "前", "中", "时", "结束", "期间", "上", "的", "开始", "开首"]
                        .iter()
                        .any(|w| after.starts_with(w))
            },
        };
        // 分别 (or several states with a nameless title) reports one contact per counterpart.
        let split = clause_text.contains("分别")
            || (found.counterparts.len() > 1 && found.counterparts.iter().all(|m| m.name.is_none()));
        if split {
            for c in &found.counterparts {
                let mut f = found.clone();
                f.counterparts = vec![c.clone()];
                out.push(f);
            }
        } else {
            out.push(found);
        }
        let _ = ctx;
    }
    out
}

static COLLECTIVE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:中|我国|中国)(?P<x>[^\s，。、两]{1,6}?)(?:两国)?(?P<role>元首|领导人|领袖|首脑|外长|外交部长|防长|国防部长)$")
        .expect("collective regex")
});

const HEAD_TITLES: &[&str] =
    &["主席", "总统", "总理", "首相", "国王", "元首", "总书记", "领导人", "国务委员长", "领袖"];
const FM_TITLES: &[&str] = &["外长", "外交部长", "外相", "外交大臣", "国务卿", "外交发展大臣"];
const DEF_TITLES: &[&str] = &["防长", "国防部长", "防卫大臣", "防卫相"];

/// "中美两国元首通电话": the PRC and the named state, as the article's own holders of that office.
fn collective(
    s: &str,
    clause: &Range<usize>,
    trig: usize,
    article: &[Mention],
    ctx: &ArticleContext,
) -> Option<(Vec<Mention>, Vec<Mention>)> {
    let g = gazetteer::get();
    let seg = &s[clause.start..trig];
    // The subject ends right before the verb, maybe with a time or place between: cut those.
    let mut cut = seg.len();
    for w in ["举行", "在", "于", "今", "昨", "首次", "再次", "周", "将", "已", "以视", "通过"]
    {
        if let Some(p) = seg.find(w) {
            cut = cut.min(p);
        }
    }
    if let Some(d) = dates::find_all(seg).first() {
        cut = cut.min(d.start);
    }
    let head = seg[..cut].trim_end_matches(['(', '（', ' ']);
    let Some(c) = COLLECTIVE_RE.captures(head) else {
        return state_set(s, head, clause, trig, article, ctx);
    };
    let x = c.name("x")?.as_str();
    let iso = match g.country_names.iter().find(|(n, _)| n == x) {
        Some((_, i)) => g.countries[*i].iso.clone(),
        None if x.chars().count() == 1 => ctx.short_form(x)?,
        None => return None,
    };
    let role = c.name("role")?.as_str();
    let titles: &[&str] = match role {
        "外长" | "外交部长" => FM_TITLES,
        "防长" | "国防部长" => DEF_TITLES,
        _ => HEAD_TITLES,
    };
    let fits = |m: &Mention| {
        let t = m.title.as_ref().map(|r| &s[r.clone()]).unwrap_or("");
        let office =
            m.name.as_ref().and_then(|n| g.holder(&s[n.clone()], ctx.year)).map_or("", |h| h.office.as_str());
        titles.iter().any(|w| t.ends_with(w) || office.ends_with(w))
    };
    let china: Vec<Mention> =
        article.iter().filter(|m| m.side == Side::China && fits(m)).take(1).cloned().collect();
    let foreign: Vec<Mention> = article
        .iter()
        .filter(|m| m.side == Side::Foreign && m.country.as_deref() == Some(iso.as_str()) && fits(m))
        .take(1)
        .cloned()
        .collect();
    let at = clause.start + c.get(0)?.start()..clause.start + c.get(0)?.end();
    let nameless = |country: &str, side| Mention {
        name: None,
        title: None,
        country: Some(country.to_string()),
        org: None,
        org_known: None,
        side,
        range: at.clone(),
        weak: false,
    };
    let china = if china.is_empty() { vec![nameless("CN", Side::China)] } else { china };
    let foreign = if foreign.is_empty() { vec![nameless(&iso, Side::Foreign)] } else { foreign };
    Some((china, foreign))
}

/// The date expression dating a verb at the end of `before`: the nearest one, skipping dates of other
/// happenings ("上月20日就职后，首次与…通电话") and taking the start of a range ("周一至周二").
/// How far before a contact verb its date is looked for, in characters (a long sentence's date
/// stands within its clause, far closer than this).
const DATE_LOOKBACK: usize = 400;

fn pick_date(before: &str) -> Option<dates::Found> {
    let ds = dates::find_all(before);
    let mut i = ds.len();
    while i > 0 {
        i -= 1;
        let d = ds[i];
        let between = &before[d.end..];
        // The date of another happening, or of the speech reporting the contact ("周一回应…将会晤时说").
        if [
            "后，", "后,", "以来", "之后", "前，", "后的", "时，", "回应", "表示", "透露", "报道", "宣布",
            "证实", "披露",
        ]
        .iter()
        .any(|w| between.contains(w))
        {
            continue;
        }
        let lead = &before[..d.start];
        if i > 0
            && (lead.ends_with('至') || lead.ends_with('到') || lead.ends_with('—') || lead.ends_with('-'))
        {
            return Some(ds[i - 1]);
        }
        return Some(d);
    }
    None
}

/// "中国与日本…举行对话", "中俄蒙举行…会晤", "中美高层战略对话": the states are the subject; the people are
/// those of each state named in the paragraph from here on (a nameless delegation when none is), and the PRC
/// side is the article's PRC official.
fn state_set(
    s: &str,
    head: &str,
    clause: &Range<usize>,
    trig: usize,
    article: &[Mention],
    ctx: &ArticleContext,
) -> Option<(Vec<Mention>, Vec<Mention>)> {
    let g = gazetteer::get();
    let mut rest = head.strip_prefix("中国").or_else(|| head.strip_prefix('中'))?;
    let mut states: Vec<String> = Vec::new();
    loop {
        let r = rest.trim_start_matches(['与', '和', '同', '、']);
        if let Some((ci, len)) = g.country_prefix(r) {
            states.push(g.countries[ci].iso.clone());
            rest = &r[len..];
            continue;
        }
        let mut ch = r.chars();
        match ch.next() {
            Some(c) if states.len() < 3 && g.country_short.contains_key(&c.to_string()) => {
                states.push(ctx.short_form(&c.to_string())?);
                rest = ch.as_str();
            }
            _ => break,
        }
    }
    states.retain(|c| c != "CN");
    // What follows the states is a short qualifier ("两国", "高层", "首轮"), not a clause of its own.
    if states.is_empty() || rest.chars().count() > 8 || rest.contains(['，', '的']) {
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
    let at = clause.start..trig;
    let mut foreign = Vec::new();
    for iso in states {
        let named: Vec<Mention> = article
            .iter()
            .filter(here)
            .filter(|m| {
                m.side == Side::Foreign && m.country.as_deref() == Some(iso.as_str()) && m.name.is_some()
            })
            .take(2)
            .cloned()
            .collect();
        if named.is_empty() {
            foreign.push(Mention {
                name: None,
                title: None,
                country: Some(iso),
                org: None,
                org_known: None,
                side: Side::Foreign,
                range: at.clone(),
                weak: false,
            });
        } else {
            foreign.extend(named);
        }
    }
    if china.is_empty() {
        return None;
    }
    Some((china, foreign))
}

fn name_of<'a>(s: &'a str, m: &Mention) -> Option<&'a str> {
    m.name.as_ref().map(|r| &s[r.clone()])
}

/// Two mentions are the same person (or delegation of the same state when a name is missing).
fn same_person(s: &str, a: &Mention, t: &str, b: &Mention) -> bool {
    match (name_of(s, a), name_of(t, b)) {
        (Some(x), Some(y)) => x == y || x.contains(y) || y.contains(x),
        _ => {
            a.country.is_some() && a.country == b.country
                || a.org_known.is_some() && a.org_known == b.org_known
        }
    }
}

fn overlap(s: &str, a: &[Mention], t: &str, b: &[Mention]) -> bool {
    a.iter().any(|x| b.iter().any(|y| same_person(s, x, t, y)))
}

/// Merge `b` into `a` (a later report of the same contact fills what the first left open).
fn absorb(s: &str, a: &mut Found, b: &Found) {
    for m in &b.counterparts {
        if let Some(x) = a.counterparts.iter_mut().find(|x| same_person(s, x, s, m)) {
            if x.name.is_none() && m.name.is_some() {
                *x = m.clone();
            }
        } else if a.counterparts.iter().all(|x| x.name.is_some()) || m.name.is_some() {
            a.counterparts.push(m.clone());
        }
    }
    for m in &b.china {
        if !a.china.iter().any(|x| same_person(s, x, s, m)) {
            a.china.push(m.clone());
        }
    }
    if a.date.is_none() {
        a.date = b.date.clone();
    }
    if a.location.is_none() {
        a.location = b.location.clone();
    }
    if a.requested_by.is_none() {
        a.requested_by = b.requested_by.clone();
    }
    a.reports.extend(b.reports.iter().copied());
}

/// Merge `b` into an earlier contact even of another kind: a back-reference ("此次会晤"), or a report naming
/// only states (a digest's summary line) against the full item.
fn mergeable_loosely(s: &str, a: &Found, b: &Found) -> bool {
    let nameless = |f: &Found| f.counterparts.iter().all(|m| m.name.is_none());
    let china_ok = a.china.is_empty() || b.china.is_empty() || overlap(s, &a.china, s, &b.china);
    let dates_ok = match (&a.date, &b.date) {
        (Some(x), Some(y)) => x.0.day == y.0.day,
        _ => true,
    };
    (b.reference || a.reference || nameless(a) || nameless(b))
        && china_ok
        && dates_ok
        && overlap(s, &a.counterparts, s, &b.counterparts)
}

fn mergeable(s: &str, a: &Found, b: &Found) -> bool {
    let same_kind = a.kind == b.kind;
    let dates_ok = match (&a.date, &b.date) {
        (Some(x), Some(y)) => x.0.day == y.0.day,
        _ => true,
    };
    let china_ok = a.china.is_empty() || b.china.is_empty() || overlap(s, &a.china, s, &b.china);
    same_kind && dates_ok && china_ok && overlap(s, &a.counterparts, s, &b.counterparts)
}

/// Build the anchor dates resolve against.
fn anchor(doc: &Document) -> Anchor {
    let published = doc.meta.published.as_deref().and_then(Day::parse_iso);
    let dateline =
        DATELINE_RE.captures(&doc.simplified).and_then(|c| Some((c[2].parse().ok()?, c[3].parse().ok()?)));
    let (years_by_md, mut common_year) =
        if published.is_none() { dates::dated_material(&doc.source) } else { Default::default() };
    if published.is_none() && common_year.is_none() {
        common_year = dates::years_mentioned(&doc.simplified);
    }
    Anchor { published, dateline, years_by_md, common_year }
}

fn participant(doc: &Document, s: &str, m: &Mention, from_title: bool, title_text: &str) -> Participant {
    let orig = |r: &Range<usize>| -> String {
        if from_title {
            original_title_slice(doc, title_text, r.clone())
        } else {
            doc.original_of_simplified(r.clone()).to_string()
        }
    };
    let span = |r: &Range<usize>| (!from_title).then(|| doc.span_of_simplified(r.clone()));
    let _ = s;
    let name = m.name.as_ref().map(|r| if from_title { orig(r) } else { usual_form(doc, r.clone()) });
    Participant {
        name,
        title: m.title.as_ref().map(orig),
        country: m.country.clone().filter(|_| m.org.is_none() || m.country.is_some()),
        org: m.org.as_ref().map(orig).or_else(|| m.org_known.clone()),
        span: m.name.as_ref().or(Some(&m.range)).and_then(span),
        title_span: m.title.as_ref().and_then(span),
    }
}

/// The form of a known person's name the article uses most (楊潔篪 or 楊潔箎; 布林肯 over 安东尼·布林肯).
fn usual_form(doc: &Document, r: Range<usize>) -> String {
    let g = gazetteer::get();
    let here = &doc.simplified[r.clone()];
    let written = doc.original_of_simplified(r.clone()).to_string();
    let Some(hs) = g.holders.get(here) else { return written };
    let canon: Vec<&str> = hs.iter().map(|h| h.name.as_str()).collect();
    let mut best: Option<(usize, usize, String)> = None;
    for (alias, ahs) in &g.holders {
        if !ahs.iter().any(|h| canon.contains(&h.name.as_str())) {
            continue;
        }
        let hits: Vec<usize> = doc.simplified.match_indices(alias.as_str()).map(|(p, _)| p).collect();
        if let Some(first) = hits.first() {
            let key = (hits.len(), usize::MAX - alias.len());
            if best.as_ref().is_none_or(|b| (b.0, b.1) < key) {
                best = Some((
                    key.0,
                    key.1,
                    doc.original_of_simplified(*first..*first + alias.len()).to_string(),
                ));
            }
        }
    }
    best.map_or(written, |b| b.2)
}

/// The original-script slice of the headline for a range of its simplified form.
fn original_title_slice(doc: &Document, simplified_title: &str, r: Range<usize>) -> String {
    let title = doc.meta.title.as_deref().unwrap_or("");
    if title.len() == simplified_title.len() {
        return title.get(r.clone()).unwrap_or(&simplified_title[r]).to_string();
    }
    let start = simplified_title[..r.start].chars().count();
    let len = simplified_title[r].chars().count();
    title.chars().skip(start).take(len).collect()
}

/// The first and last (by name) title and state given to a person anywhere in the article, so that a bare
/// later mention ("拉夫罗夫表示") gets the first mention's title.
fn complete(s: &str, all: &[Mention], m: &mut Mention) {
    let Some(n) = name_of(s, m) else { return };
    for o in all {
        if name_of(s, o) != Some(n) {
            continue;
        }
        if m.title.is_none() && o.title.is_some() {
            m.title = o.title.clone();
        }
        if m.country.is_none() && o.country.is_some() && m.org.is_none() {
            m.country = o.country.clone();
        }
        if m.org.is_none() && o.org.is_some() {
            m.org = o.org.clone();
            if o.country.is_none() {
                m.country = None;
            }
        }
        if m.title.is_some() && (m.country.is_some() || m.org.is_some()) {
            break;
        }
    }
}

/// Extract the events of a document, headline first.
pub fn extract(
    doc: &Document,
    sents: &[Sentence],
    per_sent: &[Vec<Mention>],
    ctx: &ArticleContext,
) -> (Vec<Event>, Vec<Warning>) {
    let s = doc.simplified.as_str();
    let title_s = doc.meta.title.as_deref().map(crate::script::to_simplified).unwrap_or_default();
    let anchor = anchor(doc);
    let year = anchor.published.map(|d| d.y).or(anchor.common_year);
    let ctx = &ArticleContext { named_states: ctx.named_states.clone(), year };
    let all_mentions: Vec<Mention> = per_sent.iter().flatten().cloned().collect();

    let mut found: Vec<Found> = Vec::new();
    let mut prev_china: Option<(usize, Vec<Mention>)> = None;
    for (st, ms) in sents.iter().zip(per_sent) {
        let pc = prev_china.as_ref().filter(|(p, _)| *p == st.para || *p + 1 == st.para).map(|(_, c)| c);
        let fs = in_sentence(s, &st.range, ctx, ms, pc, &anchor, false, Some(st.para), &all_mentions);
        if let Some(f) = fs.last() {
            prev_china = Some((st.para, f.china.clone()));
        } else if let Some(m) = ms.iter().rev().find(|m| m.side == Side::China) {
            prev_china = Some((st.para, vec![m.clone()]));
        }
        found.extend(fs);
    }

    // Dates not in the reporting sentence: earlier in its paragraph, else the article's dateline (looked
    // for once: once per contact over the whole text is quadratic in a digest of many contacts).
    let dateline = DATELINE_RE.captures(s);
    for f in found.iter_mut() {
        if f.date.is_some() {
            continue;
        }
        let Some(sr) = f.sentence.clone() else { continue };
        let para = f.para;
        let mut best = None;
        for st in sents.iter().filter(|st| Some(st.para) == para && st.range.end <= sr.start).rev() {
            let ds = dates::find_all(&s[st.range.clone()]);
            if let Some((r, d)) = ds.iter().rev().find_map(|d| anchor.resolve(d.expr).map(|r| (r, d))) {
                best = Some((r, Some(st.range.start + d.start..st.range.start + d.end)));
                break;
            }
        }
        if best.is_none() && para.is_some_and(|p| p == 0) {
            if let Some(c) = &dateline {
                let m = c.get(0).expect("match");
                if let (Ok(mo), Ok(d)) = (c[2].parse(), c[3].parse()) {
                    if let Some(r) = anchor.resolve(dates::Expr::MonthDay(mo, d)) {
                        best = Some((r, Some(m.start()..m.end())));
                    }
                }
            }
        }
        // A later paragraph retelling the contact the lead reported ("X周四表示，他刚与Y交谈…" then
        // "X披露与Y通电话之后…"): the lead (导语) gives the story's when, so a held contact of the same
        // two sides takes the lead's first date.
        if best.is_none() && !f.planned && para.is_some_and(|p| p > 0) {
            best = lead_date(s, sents, &anchor, f);
        }
        f.date = best;
    }

    // Place from the dateline for in-person contacts of the lead paragraph.
    if let Some(c) = &dateline {
        let m = c.get(1).expect("group");
        for f in found.iter_mut().filter(|f| f.para == Some(0) && f.location.is_none()) {
            if matches!(f.kind.as_str(), "meeting" | "talks" | "other") {
                f.location = Some((m.as_str().to_string(), Some(m.start()..m.end())));
            }
        }
    }

    // 应…邀请 / 应邀: who asked, for the contacts of the people named in that sentence.
    for (st, ms) in sents.iter().zip(per_sent) {
        for c in INVITE_RE.captures_iter(&s[st.range.clone()]) {
            let m0 = c.get(0).expect("match");
            let abs = st.range.start + m0.start()..st.range.start + m0.end();
            let inviters: Vec<&Mention> =
                ms.iter().filter(|m| m.range.start >= abs.start && m.range.end <= abs.end).collect();
            let who = if let Some(inv) = inviters.first() {
                match inv.side {
                    Side::China => "china",
                    Side::Foreign => "counterpart",
                    _ => continue,
                }
            } else {
                // 应邀: the visitor accepted an invitation; a visit to China (访华, 来华) means China invited.
                let after = &s[abs.end..st.range.end];
                let g = gazetteer::get();
                let visit = after.trim_start_matches(['对', '赴', '前', '往']);
                let foreign_visit = visit.starts_with("访问")
                    && g.country_prefix(&visit["访问".len()..])
                        .is_some_and(|(c, _)| g.countries[c].iso != "CN")
                    || g.country_prefix(visit).is_some_and(|(c, _)| g.countries[c].iso != "CN")
                    || (visit.starts_with('访') && !visit.starts_with("访华"));
                let visitor = if visit.starts_with("访华") || visit.starts_with("来华") {
                    Some(Side::Foreign)
                } else if foreign_visit {
                    Some(Side::China)
                } else {
                    ms.iter().rfind(|m| m.range.end <= abs.start).map(|m| m.side)
                };
                match visitor {
                    Some(Side::China) => "counterpart",
                    Some(Side::Foreign) => "china",
                    _ => continue,
                }
            };
            for f in found.iter_mut().filter(|f| f.requested_by.is_none()) {
                let involved = ms.iter().any(|m| {
                    f.counterparts.iter().chain(&f.china).any(|x| same_person(s, x, s, m) && x.name.is_some())
                });
                if involved || f.sentence.as_ref() == Some(&st.range) {
                    f.requested_by = Some((who.to_string(), Some(abs.clone())));
                }
            }
        }
    }

    // Merge repeated reports of the same contact.
    let mut merged: Vec<Found> = Vec::new();
    for f in found {
        let exact = merged.iter().position(|a| mergeable(s, a, &f));
        let at = exact.or_else(|| merged.iter().position(|a| mergeable_loosely(s, a, &f)));
        if let Some(i) = at {
            let a = &mut merged[i];
            if exact.is_none() && f.reference {
                // A back-reference adds no participants ("普京此前会见马克龙等人时" is another contact).
                let mut g = f.clone();
                g.counterparts.retain(|m| a.counterparts.iter().any(|x| same_person(s, x, s, m)));
                g.china.clear();
                absorb(s, a, &g);
                continue;
            }
            // A summary line naming only the state, or a back-reference reported first, takes the full
            // report's kind ("视频会谈", not "会谈").
            let a_nameless = a.counterparts.iter().all(|m| m.name.is_none());
            if (a_nameless && f.counterparts.iter().any(|m| m.name.is_some()))
                || (a.reference && !f.reference)
            {
                a.reference = f.reference;
                a.kind = f.kind.clone();
                a.cameo = f.cameo.clone();
            }
            absorb(s, a, &f);
        } else {
            merged.push(f);
        }
    }

    // Officials taking part ("丁薛祥、王毅、何立峰等参加会见") join the contact reported just before.
    for (st, ms) in sents.iter().zip(per_sent) {
        let t = &s[st.range.clone()];
        if !["参加", "陪同", "在座", "出席"].iter().any(|w| t.contains(w)) {
            continue;
        }
        // "参加会见", "出席欢迎仪式": names the contact it belongs to, however far from its report.
        let names_contact = ["参加会", "出席欢迎", "参加上述", "参加有关活动", "陪同会见", "在座"]
            .iter()
            .any(|w| t.contains(w));
        if ms.iter().any(|m| m.side == Side::Foreign) {
            continue;
        }
        let last_report = |f: &Found| {
            f.reports.iter().filter(|(_, at)| *at < st.range.start).max_by_key(|(_, at)| *at).copied()
        };
        let Some(f) = merged
            .iter_mut()
            .filter(|f| last_report(f).is_some())
            .max_by_key(|f| last_report(f).map(|r| r.1))
        else {
            continue;
        };
        if !names_contact && last_report(f).is_some_and(|(p, _)| p + 1 < st.para) {
            continue;
        }
        for m in ms.iter().filter(|m| m.side == Side::China && m.name.is_some()) {
            if !f.china.iter().any(|x| same_person(s, x, s, m)) {
                f.china.push(m.clone());
            }
        }
    }

    // The headline's contact first; a contact only the headline reports is kept from it.
    if !title_s.is_empty() {
        let tr = 0..title_s.len();
        let tctx = ArticleContext { named_states: ctx.named_states.clone(), year };
        let tm = participants::find(&title_s, tr.clone(), &tctx);
        let title_events = in_sentence(&title_s, &tr, &tctx, &tm, None, &anchor, true, None, &[]);
        let foreign: Vec<Mention> = tm.iter().filter(|m| m.side == Side::Foreign).cloned().collect();
        // The body's report of the headline's contact: same counterpart, and same kind when the headline
        // says which ("金正恩抵京将晤习近平" is not the earlier 大连 talks the body recalls first).
        let same = |f: &Found| overlap(s, &f.counterparts, &title_s, &foreign);
        let kind_of_title = title_events.first().map(|t| t.kind.clone());
        let group = |k: &str| match k {
            "phone_call" | "video_call" => k.to_string(),
            _ => "in_person".to_string(),
        };
        let title_planned = title_events.first().map(|t| t.planned);
        let pos = merged
            .iter()
            .position(|f| {
                same(f) && kind_of_title.as_ref() == Some(&f.kind) && title_planned == Some(f.planned)
            })
            .or_else(|| {
                merged.iter().position(|f| {
                    same(f)
                        && kind_of_title.as_ref().is_some_and(|k| group(k) == group(&f.kind))
                        && title_planned == Some(f.planned)
                })
            })
            .or_else(|| merged.iter().position(same));
        if let Some(pos) = pos {
            let first = merged.remove(pos);
            merged.insert(0, first);
        } else if let Some(te) = title_events.first() {
            if merged.is_empty() {
                let mut te = te.clone();
                // The lead's date is the headline's when the body reports no contact of its own.
                if let Some(st) = sents.first() {
                    let ds = dates::find_all(&s[st.range.clone()]);
                    te.date = ds.iter().find_map(|d| anchor.resolve(d.expr)).map(|r| (r, None));
                }
                merged.insert(0, te);
            }
        }
    }

    // The headline contact undated so far: the lead's date (HK and portal stories date it once, up top).
    if let Some(f) = merged.first_mut() {
        if f.date.is_none() && !f.from_title {
            for st in sents.iter().filter(|st| st.para <= 1) {
                let t = &s[st.range.clone()];
                if let Some(d) = pick_date(t) {
                    if let Some(r) = anchor.resolve(d.expr) {
                        f.date = Some((r, Some(st.range.start + d.start..st.range.start + d.end)));
                        break;
                    }
                }
            }
        }
    }

    let mut warnings = Vec::new();
    let events = merged
        .into_iter()
        .map(|mut f| {
            let from_title = f.from_title;
            let src = if from_title { title_s.as_str() } else { s };
            for m in f.china.iter_mut().chain(f.counterparts.iter_mut()) {
                if !from_title {
                    complete(s, &all_mentions, m);
                }
            }
            let mut evidence = BTreeMap::new();
            let sp = |r: &Range<usize>| -> Option<Span> {
                (!from_title).then(|| doc.span_of_simplified(r.clone()))
            };
            if let Some(t) = sp(&f.trigger) {
                evidence.insert("trigger".to_string(), t);
            }
            let mut date_as_written = None;
            if let Some((d, r)) = &f.date {
                if let Some(r) = r.as_ref().and_then(sp) {
                    evidence.insert("date".to_string(), r);
                }
                if let Some(w) = d.corrected_from {
                    date_as_written = Some(w.iso());
                    warnings.push(Warning::new(
                        "year_corrected",
                        format!(
                            "the text dates the contact {} but the article was published {}: read as {}",
                            w.iso(),
                            anchor.published.map(|p| p.iso()).unwrap_or_default(),
                            d.day.iso()
                        ),
                    ));
                }
            }
            if let Some(r) = f.location.as_ref().and_then(|l| l.1.as_ref()).and_then(sp) {
                evidence.insert("location".to_string(), r);
            }
            if let Some(r) = f.requested_by.as_ref().and_then(|l| l.1.as_ref()).and_then(sp) {
                evidence.insert("requested_by".to_string(), r);
            }
            let location = f.location.as_ref().map(|(l, r)| match r {
                Some(r) if !from_title => doc.original_of_simplified(r.clone()).to_string(),
                _ => l.clone(),
            });
            Event {
                kind: crate::schema::Kind::parse(&f.kind).expect("a known kind"),
                cameo: f.cameo.clone(),
                status: if f.planned { crate::schema::Status::Planned } else { crate::schema::Status::Held },
                date: f.date.as_ref().map(|d| d.0.day.iso()),
                location,
                requested_by: f.requested_by.as_ref().and_then(|r| crate::schema::RequestedBy::parse(&r.0)),
                china: f.china.iter().map(|m| participant(doc, src, m, from_title, &title_s)).collect(),
                counterparts: f
                    .counterparts
                    .iter()
                    .map(|m| participant(doc, src, m, from_title, &title_s))
                    .collect(),
                source: if from_title {
                    crate::schema::EventSource::Title
                } else {
                    crate::schema::EventSource::Body
                },
                span: f.sentence.as_ref().and_then(sp),
                evidence,
                paragraph: f.para,
                date_as_written,
            }
        })
        .collect();
    (events, warnings)
}

/// The date of the lead-paragraph sentence that names both sides of `f` (see the caller), when it is not
/// after publication.
fn lead_date(
    s: &str,
    sents: &[Sentence],
    anchor: &Anchor,
    f: &Found,
) -> Option<(dates::Resolved, Option<Range<usize>>)> {
    let named = |ms: &[Mention], text: &str| {
        ms.iter().any(|m| m.name.as_ref().is_some_and(|n| !n.is_empty() && text.contains(&s[n.clone()])))
    };
    let st = sents.iter().filter(|st| st.para == 0).find(|st| {
        let text = &s[st.range.clone()];
        named(&f.china, text) && named(&f.counterparts, text)
    })?;
    let ds = dates::find_all(&s[st.range.clone()]);
    let (r, d) = ds.iter().find_map(|d| anchor.resolve(d.expr).map(|r| (r, d)))?;
    if anchor.published.is_some_and(|p| r.day > p) {
        return None;
    }
    Some((r, Some(st.range.start + d.start..st.range.start + d.end)))
}
