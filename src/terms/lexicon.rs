//! The terms lexicons: stop words and policy terms (data files under `data/`, embedded at compile time),
//! and the domain dictionary that joins them with the gazetteers' names.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

static STOP_WORDS_TXT: &str = include_str!("../../data/stopwords_zh.txt");
static POLICY_TERMS_TXT: &str = include_str!("../../data/policy_terms.txt");

/// Non-empty, non-comment lines of a data file.
fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Chinese stop words (simplified script).
pub static STOP_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| data_lines(STOP_WORDS_TXT).collect());

/// Policy terms and named agreements with their category (`policy` or `treaty`).
pub static POLICY_TERMS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    data_lines(POLICY_TERMS_TXT)
        .map(|l| match l.split_once('\t') {
            Some((term, cat)) => (term.trim(), cat.trim()),
            None => (l, "policy"),
        })
        .collect()
});

/// Every word of the domain dictionary (simplified script) with its entity category, or `None` for a
/// word that only guides segmentation: the gazetteers' names (`person`, `country`, `place`, `org`,
/// `title`) and topic terms, and the policy terms (`policy`, `treaty`). The gazetteer's topic terms
/// (疫苗, 投资, …) come as `policy` but are topics, not policy terms: they are not highlighted unless the
/// policy list has them too (the contact extraction reports topics itself).
pub static DOMAIN_WORDS: LazyLock<HashMap<String, Option<&'static str>>> = LazyLock::new(|| {
    let mut words: HashMap<String, Option<&'static str>> = HashMap::default();
    for (name, cat) in crate::gazetteer::dictionary_words() {
        if name.chars().count() >= 2 {
            words.insert(name, (cat != "policy").then_some(cat));
        }
    }
    for (term, cat) in POLICY_TERMS.iter() {
        let entry = words.entry((*term).to_string()).or_insert(None);
        if entry.is_none() {
            *entry = Some(cat);
        }
    }
    words
});

/// Whether a word is in the policy-term list.
pub fn is_policy_term(word: &str) -> bool {
    static SET: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| POLICY_TERMS.iter().map(|p| p.0).collect());
    SET.contains(word)
}

/// First characters of the country names the gazetteer knows: in this genre 美方, 俄方, 土方 ("the X
/// side") are written with them.
pub static COUNTRY_INITIALS: LazyLock<HashSet<char>> = LazyLock::new(|| {
    DOMAIN_WORDS
        .iter()
        .filter(|(_, c)| **c == Some("country"))
        .filter_map(|(w, _)| w.chars().next())
        .collect()
});

/// The jieba part-of-speech tag given to a domain word of a category, so that keyword filtering by tag
/// treats them as the proper nouns they are.
pub fn pos_of_category(category: Option<&str>) -> &'static str {
    match category {
        Some("person") => "nr",
        Some("country" | "place") => "ns",
        Some("org") => "nt",
        Some("title") => "n",
        _ => "nz",
    }
}
