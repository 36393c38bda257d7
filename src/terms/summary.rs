//! Extractive summary: the contact sentence (who met or called whom), then the one or two sentences
//! that carry most of the article's keywords.

use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// An agency dateline opening a sentence: 新华社北京10月13日电, 新华社联合国9月18日电（记者毛磊）.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^，。！？\s]{2,16}?\d{1,2}月\d{1,2}日[电電](?:[（(][^）)\n]{0,30}[）)])?\s*").unwrap()
});

/// Sentences shorter than this (in characters) say too little to summarise an article.
const MIN_CHARS: usize = 12;
/// Longer ones are run-ons or lists.
const MAX_CHARS: usize = 220;

/// Byte ranges of the sentences of `text`: split after 。！？!? (with any closing quotes) and at line
/// breaks; surrounding whitespace trimmed.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let mut end = None;
        if c == '\n' {
            end = Some(i);
        } else if matches!(c, '。' | '！' | '？' | '!' | '?') {
            let mut e = i + c.len_utf8();
            while let Some(&(j, q)) = chars.peek() {
                if matches!(q, '”' | '’' | '」' | '』' | '）' | ')' | '"') {
                    e = j + q.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            end = Some(e);
        }
        if let Some(e) = end {
            push_trimmed(text, start, e, &mut out);
            start = if c == '\n' { e + 1 } else { e };
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if start + lead < end - trail {
        out.push((start + lead, end - trail));
    }
}

/// Pick the summary sentences of `text` (simplified): the first sentence with a contact verb and a
/// participant name (or, without names, the first with a contact verb), then up to `extra` more by
/// keyword weight. Returned contact sentence first, the rest in text order.
pub fn summarize(
    text: &str,
    names: &[&str],
    keywords: &HashMap<&str, f64>,
    extra: usize,
) -> Vec<(usize, usize)> {
    let sents = sentences(text);
    // The contact verbs are the contacts stage's lexicon (data/contact_verbs.tsv).
    let verbs = &crate::gazetteer::get().verb_ac;
    let has_contact = |&(s, e): &(usize, usize)| verbs.is_match(&text[s..e]);
    let contact = sents
        .iter()
        .position(|r| has_contact(r) && names.iter().any(|n| text[r.0..r.1].contains(n)))
        .or_else(|| sents.iter().position(has_contact));

    let mut scored: Vec<(usize, f64)> = sents
        .iter()
        .enumerate()
        .filter(|&(i, &(s, e))| {
            let n = text[s..e].chars().count();
            Some(i) != contact && (MIN_CHARS..=MAX_CHARS).contains(&n)
        })
        .map(|(i, &(s, e))| {
            let sent = &text[s..e];
            let weight: f64 = keywords.iter().filter(|(w, _)| sent.contains(*w)).map(|(_, v)| v).sum();
            // Dividing by the square root of the length favours dense sentences without favouring
            // fragments; a slight preference for early sentences follows the news lead.
            let len = sent.chars().count() as f64;
            (i, weight / len.sqrt() / (1.0 + i as f64 * 0.02))
        })
        .filter(|&(_, w)| w > 0.0)
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let best = scored.first().map_or(0.0, |s| s.1);
    // The third sentence only when it is nearly as good as the second; none that repeats one already
    // chosen (readouts often restate their key sentence).
    let mut chosen: Vec<&str> = contact.iter().map(|&i| &text[sents[i].0..sents[i].1]).collect();
    let mut picked: Vec<usize> = Vec::new();
    for (i, score) in scored {
        if picked.len() == extra || (!picked.is_empty() && score < best * 0.6) {
            break;
        }
        let sent = &text[sents[i].0..sents[i].1];
        if chosen.iter().any(|c| similar(c, sent)) {
            continue;
        }
        chosen.push(sent);
        picked.push(i);
    }
    picked.sort_unstable();
    contact.into_iter().chain(picked).map(|i| without_dateline(text, sents[i])).collect()
}

/// The sentence without an agency dateline before it (the dateline is not what happened). Shared
/// with the comparison, which quotes sentences as evidence.
pub fn without_dateline(text: &str, (start, end): (usize, usize)) -> (usize, usize) {
    match DATELINE.find(&text[start..end]) {
        Some(m) if start + m.end() < end => (start + m.end(), end),
        _ => (start, end),
    }
}

/// Whether two sentences mostly say the same: over half of the shorter one's character bigrams are in
/// the other.
fn similar(a: &str, b: &str) -> bool {
    fn bigrams(s: &str) -> std::collections::HashSet<(char, char)> {
        let chars: Vec<char> = s.chars().filter(|c| c.is_alphanumeric()).collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect()
    }
    let (x, y) = (bigrams(a), bigrams(b));
    let shorter = x.len().min(y.len());
    shorter > 0 && x.intersection(&y).count() * 2 > shorter
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_after_terminators_and_closing_quotes() {
        let text = "他说：“好。”然后走了！\n  新段落？";
        let s: Vec<&str> = sentences(text).into_iter().map(|(a, b)| &text[a..b]).collect();
        assert_eq!(s, vec!["他说：“好。”", "然后走了！", "新段落？"]);
    }

    #[test]
    fn contact_sentence_comes_first() {
        let text = "新华社北京电。阿富汗局势持续动荡，阿富汗问题关乎地区稳定。10月13日，王毅同智利外长阿拉芒通电话。阿富汗和平进程需要各方支持。";
        let kw: HashMap<&str, f64> = [("阿富汗", 1.0)].into_iter().collect();
        let picked: Vec<&str> =
            summarize(text, &["阿拉芒"], &kw, 2).into_iter().map(|(a, b)| &text[a..b]).collect();
        assert_eq!(picked[0], "10月13日，王毅同智利外长阿拉芒通电话。");
        assert!(picked.contains(&"阿富汗局势持续动荡，阿富汗问题关乎地区稳定。"), "{picked:?}");
        assert!(!picked.contains(&"新华社北京电。"));
    }

    #[test]
    fn agency_datelines_are_dropped() {
        let text = "新华社联合国9月18日电（记者某某）当地时间9月18日，韩正会见古特雷斯。";
        let picked = summarize(text, &["古特雷斯"], &HashMap::new(), 2);
        assert_eq!(&text[picked[0].0..picked[0].1], "当地时间9月18日，韩正会见古特雷斯。");
        let text = "新华社北京10月13日电 2021年10月13日，王毅同阿拉芒通电话。";
        let picked = summarize(text, &["阿拉芒"], &HashMap::new(), 2);
        assert_eq!(&text[picked[0].0..picked[0].1], "2021年10月13日，王毅同阿拉芒通电话。");
    }

    #[test]
    fn a_restated_sentence_is_not_picked_twice() {
        let text = "阿富汗局势持续动荡，阿富汗问题关乎地区稳定。王毅同阿拉芒通电话。据报道，阿富汗局势持续动荡，阿富汗问题关乎地区稳定。";
        let kw: HashMap<&str, f64> = [("阿富汗", 1.0)].into_iter().collect();
        let picked = summarize(text, &["阿拉芒"], &kw, 2);
        assert_eq!(picked.len(), 2, "{picked:?}");
    }
}
