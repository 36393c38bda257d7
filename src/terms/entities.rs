//! Entities (highlights): names, places, organisations, policy terms, documents, numbers with units and
//! dates, each as a range of the simplified text; overlaps resolved in favour of the longer, then the
//! more specific.

use super::lexicon::DOMAIN_WORDS;
use super::segment::Token;
use regex::Regex;
use rustc_hash::FxHashSet;
use std::sync::LazyLock;

/// One highlight in the simplified text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub category: &'static str,
}

/// Titles of documents, treaties, books and papers: `《…》` on one line.
static DOCUMENT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"《[^《》\n]{1,60}》").unwrap());

/// Dates with a day or a month: `2021年10月13日`, `10月13日`, `2020年7月`, `12月22日`, `2021年`
/// (a four-digit year). Digits may be full width (`\d` is Unicode).
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\d{4}\s*年\s*)?\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|\d{4}\s*年").unwrap()
});

/// Numbers with a unit: money, percentages, counts, anniversaries. Big-number characters (万, 亿) join
/// the number; the unit list is the one of news reports.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\d+(?:[.,，]\d+)*\s*(?:多|余)?\s*[十百千万亿]*\s*",
        r"(?:美元|欧元|日元|英镑|卢布|人民币|新元|港元|元|吨|桶|立方米|平方公里|公里|千米|米|",
        r"个百分点|%|％|倍|人次|剂次|剂|人|名|家|项|架|艘|辆|台|次|个|周年|年|天|小时|亿|万)"
    ))
    .unwrap()
});

/// Short quoted terms (`“台独”`): slogans and names the writer marks as such.
static QUOTED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"“([^“”，。！？；：、\s]{2,10})”").unwrap());

/// More specific categories win ties of length.
fn specificity(category: &str) -> u8 {
    match category {
        "document" | "date" | "number" => 0,
        "person" => 1,
        "policy" | "treaty" => 2,
        "org" => 3,
        "country" => 4,
        "place" => 5,
        "title" => 6,
        _ => 7,
    }
}

/// Every entity of the simplified text `text` segmented as `tokens`; `names` are the article's
/// participant names (people). Sorted by position, non-overlapping.
pub fn find(text: &str, tokens: &[Token], names: &FxHashSet<&str>) -> Vec<Found> {
    let mut cands: Vec<Found> = Vec::new();
    let mut push =
        |start: usize, end: usize, category: &'static str| cands.push(Found { start, end, category });

    for t in tokens {
        if let Some(category) = token_category(t, names) {
            push(t.start, t.end, category);
        }
    }
    for m in DOCUMENT.find_iter(text) {
        push(m.start(), m.end(), "document");
    }
    for m in DATE.find_iter(text) {
        push(m.start(), m.end(), "date");
    }
    for m in NUMBER.find_iter(text) {
        push(m.start(), m.end(), "number");
    }
    let quoted: Vec<regex::Match> = QUOTED.captures_iter(text).filter_map(|c| c.get(1)).collect();
    let mut times: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    for m in &quoted {
        *times.entry(m.as_str()).or_insert(0) += 1;
    }
    for m in quoted {
        if let Some(&Some(category)) = DOMAIN_WORDS.get(m.as_str()) {
            push(m.start(), m.end(), category);
        } else if super::keywords::is_candidate(m.as_str()) && times[m.as_str()] >= 2 {
            // A quoted expression used once is mostly a fragment of speech; a term is quoted again.
            push(m.start(), m.end(), "term");
        }
    }
    resolve(cands, text.len())
}

/// The category of one token: a participant name or a domain-dictionary word. jieba's own tags are not
/// used: its dictionary tags 高水平 and 阿富汗 as person names, 惠及 as a place.
fn token_category(t: &Token, names: &FxHashSet<&str>) -> Option<&'static str> {
    if names.contains(t.word) {
        return Some("person");
    }
    DOMAIN_WORDS.get(t.word).copied().flatten()
}

/// Keep the longest candidates first, then the most specific, dropping any that overlaps one kept.
fn resolve(mut cands: Vec<Found>, len: usize) -> Vec<Found> {
    cands.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(specificity(a.category).cmp(&specificity(b.category)))
            .then(a.start.cmp(&b.start))
    });
    let mut taken = vec![false; len];
    let mut kept = Vec::new();
    for c in cands {
        if c.start < c.end && !taken[c.start..c.end].iter().any(|&x| x) {
            taken[c.start..c.end].iter_mut().for_each(|x| *x = true);
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.start);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, names: &[&str]) -> Vec<(String, &'static str)> {
        let tokens = crate::terms::segment::segment(crate::terms::tables::get().unwrap(), text, names);
        let names: FxHashSet<&str> = names.iter().copied().collect();
        find(text, &tokens, &names)
            .into_iter()
            .map(|f| (text[f.start..f.end].to_string(), f.category))
            .collect()
    }

    #[test]
    fn numbers_dates_documents_and_policy_terms() {
        let f = found(
            "2021年10月13日，双边贸易额超过400亿美元，同比增长19.8％。俄方推进《至2030年国家发展目标》，共建“一带一路”。",
            &[],
        );
        for want in [
            ("2021年10月13日", "date"),
            ("400亿美元", "number"),
            ("19.8％", "number"),
            ("《至2030年国家发展目标》", "document"),
            ("一带一路", "policy"),
        ] {
            assert!(f.contains(&(want.0.to_string(), want.1)), "{want:?} not in {f:?}");
        }
        // A quoted expression once is speech, twice a term.
        let f2 = found("他说“不会赞同”。“战狼外交”一词来自“战狼外交”。", &[]);
        assert!(
            f2.contains(&("战狼外交".to_string(), "term")) && !f2.iter().any(|x| x.0 == "不会赞同"),
            "{f2:?}"
        );
        // The year inside the document title is not a separate highlight.
        assert!(!f.iter().any(|(t, _)| t == "2030年"), "{f:?}");
    }

    #[test]
    fn participant_names_are_people() {
        let f = found("国务委员兼外长王毅同土副总理兼外长塔瓦里斯基举行会谈", &["塔瓦里斯基", "王毅"]);
        assert!(f.contains(&("塔瓦里斯基".to_string(), "person")), "{f:?}");
        assert!(f.contains(&("王毅".to_string(), "person")), "{f:?}");
    }

    #[test]
    fn jieba_dictionary_tags_are_not_taken_for_names() {
        // jieba's dictionary tags both as person names (nr).
        let f = found("双方保持高水平交往，严正表明立场。", &[]);
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn overlaps_keep_the_longer() {
        let cands = vec![
            Found { start: 0, end: 6, category: "country" },
            Found { start: 0, end: 12, category: "org" },
            Found { start: 9, end: 15, category: "person" },
            Found { start: 15, end: 18, category: "date" },
        ];
        let kept = resolve(cands, 18);
        assert_eq!(kept.len(), 2);
        assert_eq!((kept[0].start, kept[0].end), (0, 12));
        assert_eq!((kept[1].start, kept[1].end), (15, 18));
    }
}
