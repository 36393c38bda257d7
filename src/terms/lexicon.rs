//! The terms lexicons: stop words and policy terms (data files under `data/`, embedded at compile time),
//! and the domain dictionary that joins them with the gazetteers' names.

use std::collections::{HashMap, HashSet};
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

/// Every word of the domain dictionary (simplified script) with its entity category: the gazetteers'
/// names (`person`, `country`, `place`, `org`, `title`, `policy`) and the policy terms. When a word is in
/// both, the gazetteer's category wins (it knows the name better than the term list).
pub static DOMAIN_WORDS: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut words: HashMap<String, &'static str> = HashMap::new();
    for (term, cat) in POLICY_TERMS.iter() {
        words.insert((*term).to_string(), cat);
    }
    for (name, cat) in crate::gazetteer::dictionary_words() {
        if name.chars().count() >= 2 {
            words.insert(name, cat);
        }
    }
    words
});

/// The jieba part-of-speech tag given to a domain word of a category, so that keyword filtering by tag
/// treats them as the proper nouns they are.
pub fn pos_of_category(category: &str) -> &'static str {
    match category {
        "person" => "nr",
        "country" | "place" => "ns",
        "org" => "nt",
        "title" => "n",
        _ => "nz",
    }
}
