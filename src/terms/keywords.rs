//! Keywords: TF-IDF (with jieba's IDF values) and TextRank over the article's own token stream.
//!
//! jieba-rs's `TfIdf` and `TextRank` segment the text themselves, so they cannot see the per-article
//! names that [`super::segment`] keeps whole, and asking them about one word at a time re-segments
//! it; both scores are computed here over our tokens, with each distinct word's part of speech and
//! IDF read once from [`Tables`].

use super::lexicon::{is_policy_term, COUNTRY_INITIALS, DOMAIN_WORDS, STOP_WORDS};
use super::segment::Token;
use super::tables::{Class, Tables};
use rustc_hash::{FxHashMap, FxHashSet};

/// A word's keyword class and IDF. A word the dictionary lacks is [`Class::Unknown`] (a
/// transliterated name the HMM found, a per-article name) with the median IDF, except a domain word,
/// which is a proper noun or a term by construction, and a Latin run (`CPTPP`, `G20`), which jieba
/// tags `eng`.
fn lookup(tables: &Tables, word: &str) -> (Class, f64) {
    match tables.lookup(word) {
        Some((class, idf)) => (class, idf.unwrap_or(tables.median_idf())),
        None if DOMAIN_WORDS.contains_key(word) || !word.chars().any(is_han) => {
            (Class::Noun, tables.median_idf())
        }
        None => (Class::Unknown, tables.median_idf()),
    }
}

/// How many TextRank neighbours on each side a word links to (jieba's default span).
const TEXTRANK_SPAN: usize = 5;
const TEXTRANK_DAMPING: f64 = 0.85;
const TEXTRANK_ITERATIONS: usize = 10;

/// Whether a word can be a keyword by its form: two or more characters, not a stop word, not a
/// number, and either Chinese (with no Latin lower case, which in these files is pinyin glosses or
/// markup debris) or a Latin acronym such as `CPTPP` or `G20`.
pub fn is_candidate(word: &str) -> bool {
    if word.chars().count() < 2 || STOP_WORDS.contains(word) {
        return false;
    }
    let mut han = 0;
    let mut upper = 0;
    for c in word.chars() {
        if is_han(c) {
            han += 1;
        } else if c.is_ascii_uppercase() {
            upper += 1;
        } else if !(c.is_ascii_digit() || c == '·') {
            return false;
        }
    }
    if han == 2 && word.ends_with('方') && word.chars().next().is_some_and(|c| COUNTRY_INITIALS.contains(&c))
    {
        // 美方, 俄方, 土方: "the X side", how readouts refer to the counterpart, never the topic.
        return false;
    }
    if han > 0 {
        // Chinese numerals as a whole word (三个, 第一) carry no topic.
        return !word.chars().all(|c| "零一二三四五六七八九十百千万亿两第个".contains(c));
    }
    upper >= 1
}

pub fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// A candidate word with where it first occurs (a range of the segmented text) and its score.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored<'a> {
    pub word: &'a str,
    pub first: (usize, usize),
    pub score: f64,
}

/// Characters of grammar (demonstratives, copula, particles, coverbs) that no name of this genre starts or
/// ends with, but that jieba's HMM glues to the word next to them.
const FUNCTION_CHARS: &str = "这那是的了着过同和与跟在也就都把被对向从将及并而";

fn has_function_edge(word: &str) -> bool {
    let mut chars = word.chars();
    let (first, last) = (chars.next(), chars.next_back());
    [first, last].into_iter().flatten().any(|c| FUNCTION_CHARS.contains(c))
}

/// A candidate keyword of one article.
struct Candidate<'a> {
    word: &'a str,
    count: usize,
    first: (usize, usize),
    idf: f64,
}

/// The candidate keywords of one article's token stream.
pub struct Candidates<'a> {
    /// In order of first occurrence.
    list: Vec<Candidate<'a>>,
    /// For each token, the index of its candidate (if it is one).
    of_token: Vec<Option<u32>>,
}

/// Find the candidate keywords of `tokens`; `names` are the participants' names.
pub fn candidates<'a>(tables: &Tables, tokens: &[Token<'a>], names: &FxHashSet<&str>) -> Candidates<'a> {
    // One pass to number the distinct words and count them; the decisions are then per word.
    let mut index: FxHashMap<&str, u32> = FxHashMap::default();
    let mut distinct: Vec<(&str, usize, (usize, usize))> = Vec::new();
    let mut ids: Vec<u32> = Vec::with_capacity(tokens.len());
    for t in tokens {
        let id = *index.entry(t.word).or_insert_with(|| {
            distinct.push((t.word, 0, (t.start, t.end)));
            (distinct.len() - 1) as u32
        });
        distinct[id as usize].1 += 1;
        ids.push(id);
    }
    let mut list: Vec<Candidate> = Vec::new();
    let candidate_of: Vec<Option<u32>> = distinct
        .into_iter()
        .map(|(word, count, first)| {
            if !is_candidate(word) {
                return None;
            }
            let (class, idf) = lookup(tables, word);
            // A word jieba's HMM made up and the text uses once is more often a wrong cut (高开高 from
            // 高开高走) than a name; real unknown names recur. One that begins or ends with a function
            // character is a name glued to its grammar (王毅同, 这是).
            let unknown = class == Class::Unknown && !names.contains(word);
            let wrong_cut = unknown && (count < 2 || has_function_edge(word));
            (class != Class::Other && !wrong_cut).then(|| {
                list.push(Candidate { word, count, first, idf });
                (list.len() - 1) as u32
            })
        })
        .collect();
    Candidates { list, of_token: ids.into_iter().map(|id| candidate_of[id as usize]).collect() }
}

/// Best first; ties by word so the order never depends on hashing.
fn top<'a>(mut scored: Vec<Scored<'a>>, k: usize) -> Vec<Scored<'a>> {
    scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.word.cmp(b.word)));
    scored.truncate(k);
    scored
}

/// What TF-IDF weighs beyond the body's own counts.
#[derive(Debug, Default)]
pub struct Context<'a> {
    /// Candidate words of the headline, and the counterparts' names (what the article is about): each
    /// counts [`TITLE_COUNT`] extra occurrences, if the body has it.
    pub salient: FxHashSet<&'a str>,
    /// The Chinese side's participants (王毅 in most readouts): scaled by [`CHINA_SIDE_FACTOR`].
    pub china_side: FxHashSet<&'a str>,
    /// All participants' names: candidates even where jieba does not know them.
    pub names: FxHashSet<&'a str>,
}

/// A headline names what the article is about in a few words, and the counterpart is who it is about
/// (often named once, then called 俄方 or 对方): such a word counts as this many more occurrences.
const TITLE_COUNT: usize = 3;
/// The Chinese officials appear in nearly every article of the genre, so within it they say little
/// about any one (the IDF of a general corpus cannot know that).
const CHINA_SIDE_FACTOR: f64 = 0.25;
/// Policy terms and named agreements are the topics this genre is read for; a general corpus's IDF
/// underrates slogans that are common in all political news.
const POLICY_FACTOR: f64 = 2.0;

/// TF-IDF: term frequency among the candidate words times jieba's IDF, weighted by [`Context`].
pub fn tfidf<'a>(cands: &Candidates<'a>, context: &Context, k: usize) -> Vec<Scored<'a>> {
    let cands = &cands.list;
    let total: usize = cands.iter().map(|c| c.count).sum();
    if total == 0 {
        return Vec::new();
    }
    let scored = cands
        .iter()
        .map(|c| {
            let count = c.count + if context.salient.contains(c.word) { TITLE_COUNT } else { 0 };
            let mut score = count as f64 * c.idf / total as f64;
            if context.china_side.contains(c.word) {
                score *= CHINA_SIDE_FACTOR;
            }
            if is_policy_term(c.word) {
                score *= POLICY_FACTOR;
            }
            Scored { word: c.word, first: c.first, score }
        })
        .collect();
    top(scored, k)
}

/// TextRank (as jieba's): candidates linked when they occur within [`TEXTRANK_SPAN`] tokens of each
/// other, weighted by how often; PageRank over that graph; the Chinese side's names scaled down as in
/// [`tfidf`]; scores scaled so the best is 1.
pub fn textrank<'a>(cands: &Candidates<'a>, context: &Context, k: usize) -> Vec<Scored<'a>> {
    let Candidates { list: cands, of_token } = cands;
    let n = cands.len();
    if n == 0 {
        return Vec::new();
    }
    // Edge weights, undirected: each co-occurrence as a pair, sorted so that equal pairs are adjacent
    // (counted in one pass) and the summation order (and so the floats) is deterministic.
    let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(of_token.len() * (TEXTRANK_SPAN - 1));
    for (i, a) in of_token.iter().enumerate() {
        let Some(a) = *a else { continue };
        for &b in of_token.iter().skip(i + 1).take(TEXTRANK_SPAN - 1).flatten() {
            if a != b {
                pairs.push((a.min(b), a.max(b)));
            }
        }
    }
    pairs.sort_unstable();
    let mut out_sum = vec![0.0; n];
    let mut adjacency: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for run in pairs.chunk_by(|x, y| x == y) {
        let (a, b) = (run[0].0 as usize, run[0].1 as usize);
        let w = run.len() as f64;
        out_sum[a] += w;
        out_sum[b] += w;
        adjacency[a].push((b, w));
        adjacency[b].push((a, w));
    }
    let mut rank = vec![1.0 / n as f64; n];
    for _ in 0..TEXTRANK_ITERATIONS {
        let next: Vec<f64> = (0..n)
            .map(|i| {
                let s: f64 = adjacency[i].iter().map(|&(j, w)| w / out_sum[j] * rank[j]).sum();
                (1.0 - TEXTRANK_DAMPING) + TEXTRANK_DAMPING * s
            })
            .collect();
        rank = next;
    }
    for (r, c) in rank.iter_mut().zip(cands.iter()) {
        if context.china_side.contains(c.word) {
            *r *= CHINA_SIDE_FACTOR;
        }
    }
    let max = rank.iter().cloned().fold(f64::MIN, f64::max);
    let scored = cands
        .iter()
        .zip(rank)
        .map(|(c, r)| Scored { word: c.word, first: c.first, score: if max > 0.0 { r / max } else { 0.0 } })
        .collect();
    top(scored, k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_exclude_stop_words_numbers_pinyin_and_single_characters() {
        assert!(is_candidate("阿富汗"));
        assert!(is_candidate("CPTPP"));
        assert!(is_candidate("G20"));
        assert!(!is_candidate("表示"));
        assert!(!is_candidate("我们"));
        assert!(!is_candidate("zhǎng"));
        assert!(!is_candidate("guān"));
        assert!(!is_candidate("国"));
        assert!(!is_candidate("2021"));
        assert!(!is_candidate("三个"));
        assert!(!is_candidate("中方"));
        assert!(!is_candidate("美方"));
        assert!(is_candidate("地方"));
    }

    fn tables() -> &'static Tables {
        crate::terms::tables::get().unwrap()
    }

    fn segment(text: &str) -> Vec<Token<'_>> {
        crate::terms::segment::segment(tables(), text, &[])
    }

    #[test]
    fn lookup_gives_classes_and_idf() {
        let t = tables();
        assert!(lookup(t, "阿富汗").1 > lookup(t, "国家").1);
        assert_eq!(lookup(t, "塔瓦里斯基"), (Class::Unknown, t.median_idf()));
        assert_eq!(lookup(t, "推进").0, Class::Other);
        assert_eq!(lookup(t, "CPTPP"), (Class::Noun, t.median_idf()));
        assert!(has_function_edge("王毅同") && has_function_edge("这是") && !has_function_edge("阿拉芒"));
        // Verbs are not keywords, even when frequent.
        let tokens = segment("推进推进推进合作。");
        assert!(tfidf(&candidates(t, &tokens, &FxHashSet::default()), &Context::default(), 5)
            .iter()
            .all(|s| s.word != "推进"));
    }

    #[test]
    fn repeated_topic_ranks_first() {
        let text = "双方就阿富汗局势交换意见。阿富汗问题事关地区稳定，阿富汗人民应当自主决定前途。";
        let tokens = segment(text);
        let cands = candidates(tables(), &tokens, &FxHashSet::default());
        let tf = tfidf(&cands, &Context::default(), 3);
        assert_eq!(tf[0].word, "阿富汗", "{tf:?}");
        let tr = textrank(&cands, &Context::default(), 3);
        assert_eq!(tr[0].word, "阿富汗", "{tr:?}");
        assert_eq!(tr[0].score, 1.0);
    }
}
