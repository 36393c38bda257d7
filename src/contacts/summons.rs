//! Summons (召见, 约见, 约谈): the summoned is a diplomat posted in the summoner's state ("驻华大使",
//! "中国驻秘鲁大使"), so a summons reads both sides from the post even when the text names no person on
//! one of them: the summoner is the state of the post, written as a body or an unnamed official
//! ("外交部召见…", "某国政府召见…", "有关负责人约见…"); the summoned is the sending state's diplomat,
//! named or not ("约见美国驻华使馆高级官员").

use super::mentions::{delegation, Article, Mention, Side};
use crate::gazetteer;
use std::ops::Range;

/// Characters a diplomat's post may take after the sending state and 驻 ("驻阿拉伯联合酋长国大使馆").
const POST_REACH: usize = 14;

/// Characters a nameless summoner's title may take ("外交部驻香港特别行政区特派员公署有关负责人").
const TITLE_REACH: usize = 24;

/// Whether the contact verb written `verb` summons.
pub fn is_summons(verb: &str) -> bool {
    gazetteer::get().cues.summons.iter().any(|w| verb.ends_with(w.as_str()))
}

/// A diplomat's post after a summons verb: the sending state, where the post is, and the words of it.
struct Post {
    sender: String,
    /// `None` when the text writes no post ("中国大使").
    host: Option<String>,
    /// From the sending state to the end of the post's words (the nameless diplomat's mention).
    range: Range<usize>,
    /// From 驻 to the end of the post's words (the nameless diplomat's title).
    title: Range<usize>,
}

/// The state a name at the start of `s` stands for: a state's name, a one-character short form (美驻港…),
/// or the PRC's own words for itself (我国).
fn state_at(s: &str, art: &Article) -> Option<(String, usize)> {
    let g = gazetteer::get();
    if let Some((c, len)) = g.country_prefix(s) {
        return Some((g.countries[c].iso.clone(), len));
    }
    if let Some(w) = g.cues.prc_self.iter().find(|w| s.starts_with(w.as_str())) {
        return Some(("CN".to_string(), w.len()));
    }
    let first = s.chars().next()?;
    let one = &s[..first.len_utf8()];
    art.short_form(one).map(|iso| (iso, one.len()))
}

/// The state a post after 驻 is in: a place in the PRC (驻华, 驻港, 驻沪) or a state (驻秘鲁, 驻日).
fn host_at(s: &str, art: &Article) -> Option<String> {
    let g = gazetteer::get();
    if g.cues.prc_post.iter().any(|w| s.starts_with(w.as_str())) {
        return Some("CN".to_string());
    }
    state_at(s, art).map(|(iso, _)| iso)
}

/// The post named first in `s[object]` (the words after a summons verb): "[了]美国驻华使馆高级官员".
fn post(s: &str, object: &Range<usize>, art: &Article) -> Option<Post> {
    let g = gazetteer::get();
    let text = &s[object.clone()];
    let lead = text.len() - text.trim_start_matches('了').len();
    let start = object.start + lead;
    let (sender, len) = state_at(&s[start..object.end], art)?;
    let zhu = start + len;
    let after = &s[zhu..object.end];
    // "中国大使", "日本使馆官员": no post written; the host is the summoner's state (read in `fill`).
    let host = match after.strip_prefix('驻') {
        Some(rest) => Some(host_at(rest, art)?),
        None if g.cues.post.iter().any(|w| after.starts_with(w.as_str())) => None,
        None => return None,
    };
    let near_end = after.char_indices().nth(POST_REACH).map_or(object.end, |(k, _)| zhu + k);
    let words = &s[zhu..near_end];
    // The post's last word (大使馆, 总领馆, 大使, 官员…) ends the diplomat's words.
    let end = g.cues.post.iter().filter_map(|w| words.rfind(w.as_str()).map(|p| zhu + p + w.len())).max()?;
    (host.as_ref() != Some(&sender)).then_some(Post { sender, host, range: start..end, title: zhu..end })
}

/// The summoner written before the verb as a body or an unnamed official of the host state: "外交部",
/// "有关负责人", "哈萨克斯坦政府". `None` when the words before the verb name another state or neither.
fn summoner(s: &str, before: &Range<usize>, host: &str) -> Option<Mention> {
    let g = gazetteer::get();
    let text = &s[before.clone()];
    let states: Vec<(Range<usize>, &str)> = g.states_in(text).collect();
    if host != "CN" {
        // The host state named as the summoner ("秘鲁外交部召见…"), and no other.
        let (at, _) = states.first().filter(|_| states.iter().all(|(_, iso)| *iso == host))?;
        return Some(delegation(host, None, Side::Foreign, before.start + at.start..before.start + at.end));
    }
    if states.iter().any(|(_, iso)| *iso != "CN") {
        return None;
    }
    // A PRC body (外交部) or an unnamed official (有关负责人), as written: from the body to the official.
    let body = text.char_indices().find_map(|(k, _)| g.prc_bodies.starts(&text[k..]).map(|len| (k, k + len)));
    let official = g
        .cues
        .official_noun
        .iter()
        .filter_map(|w| text.find(w.as_str()).map(|p| (p, p + w.len())))
        .min_by_key(|(p, _)| *p);
    let (from, to) = match (body, official) {
        (Some((b, _)), Some((_, e))) if b < e => (b, e),
        (Some(body), _) => body,
        (None, Some((p, e))) => (title_start(text, p), e),
        (None, None) => return None,
    };
    let (from, to) = (before.start + from, before.start + to);
    Some(delegation("CN", Some(from..to), Side::China, from..to))
}

/// Where the words naming an unnamed official at `p` start: after the last punctuation, within
/// [`TITLE_REACH`] characters ("公署有关负责人").
fn title_start(text: &str, p: usize) -> usize {
    let head = &text[..p];
    let near = head.char_indices().rev().nth(TITLE_REACH - 1).map_or(0, |(k, _)| k);
    let cut = head[near..]
        .rfind(|c: char| !super::titles::is_cjk(c))
        .map_or(near, |q| near + q + head[near + q..].chars().next().map_or(1, char::len_utf8));
    cut.max(near)
}

/// Fill the sides a summons leaves unnamed: `china` and `foreign` as the clause's people gave them.
/// `before` is the clause up to the verb, `object` the clause after it.
pub fn fill(
    s: &str,
    before: &Range<usize>,
    object: &Range<usize>,
    art: &Article,
    china: &mut Vec<Mention>,
    foreign: &mut Vec<Mention>,
) {
    let Some(p) = post(s, object, art) else { return };
    // No post written: a PRC diplomat is summoned by the state the summoner names, a foreign one by the PRC.
    let host = match p.host.clone() {
        Some(h) => h,
        None if p.sender == "CN" => {
            match gazetteer::get().states_in(&s[before.clone()]).next().map(|(_, iso)| iso.to_string()) {
                Some(h) if h != "CN" => h,
                _ => return,
            }
        }
        None => "CN".to_string(),
    };
    // A summons between two other states ("俄罗斯外交部召见美国驻俄大使") has no PRC side.
    if p.sender != "CN" && host != "CN" {
        return;
    }
    let named_after =
        |ms: &[Mention]| ms.iter().any(|m| m.range.start >= object.start && m.range.end <= object.end);
    let (summoned_side, summoner_side) =
        if p.sender == "CN" { (&mut *china, &mut *foreign) } else { (&mut *foreign, &mut *china) };
    if !named_after(summoned_side) {
        let side = if p.sender == "CN" { Side::China } else { Side::Foreign };
        summoned_side.push(delegation(&p.sender, Some(p.title.clone()), side, p.range.clone()));
    }
    if summoner_side.is_empty() {
        summoner_side.extend(summoner(s, before, &host));
    }
}
