//! Word segmentation: `jieba-rs` with the domain dictionary (gazetteer names, policy terms) added once,
//! plus the names of one article kept whole without touching the shared dictionary.
//!
//! Per-article names (the participants the contact extraction found) are protected by cutting the text
//! at their occurrences and segmenting only the pieces between them: the shared [`Jieba`] is never
//! mutated after start-up (so no lock, and no name leaks into the next article), and cloning the
//! dictionary per article (tens of milliseconds) is avoided. See `benches/segment.rs` for the cost.

use super::lexicon::{pos_of_category, DOMAIN_WORDS};
use super::tables::Tables;
use jieba_rs::Jieba;

/// Add the domain words to a freshly loaded dictionary (once, when the tables load).
pub(crate) fn add_domain_words(jieba: &mut Jieba) {
    // Sorted so that the dictionary (and the frequencies jieba suggests) never depends on hash order.
    let mut words: Vec<(&String, &Option<&str>)> = DOMAIN_WORDS.iter().collect();
    words.sort();
    for (word, category) in words {
        jieba.add_word(word, None, Some(pos_of_category(*category)));
    }
}

/// One word of the segmented text. `start`/`end` are UTF-8 byte offsets into the segmented string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub word: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Segment `text` (simplified script) with the shared dictionary, keeping each of `names` whole
/// wherever it occurs. Tokens are contiguous and cover the whole text.
pub fn segment<'a>(tables: &Tables, text: &'a str, names: &[&str]) -> Vec<Token<'a>> {
    let jieba = tables.jieba();
    let protected = name_occurrences(text, names);
    let mut tokens = Vec::with_capacity(text.len() / 4);
    let mut at = 0;
    for (start, end) in protected {
        cut_into(jieba, text, at, start, &mut tokens);
        tokens.push(Token { word: &text[start..end], start, end });
        at = end;
    }
    cut_into(jieba, text, at, text.len(), &mut tokens);
    tokens
}

/// Segment `text[from..to]` with the shared dictionary and append its tokens with offsets into `text`.
fn cut_into<'a>(jieba: &Jieba, text: &'a str, from: usize, to: usize, out: &mut Vec<Token<'a>>) {
    if from >= to {
        return;
    }
    // `cut`, not `tag`: tagging runs a part-of-speech HMM on every unknown word, which doubles the time;
    // the keyword filter looks tags up for its few candidate words instead.
    out.extend(jieba.cut(&text[from..to], true).into_iter().map(|t| Token {
        word: t.word,
        start: from + t.byte_start,
        end: from + t.byte_end,
    }));
}

/// Byte ranges of the occurrences of `names` in `text`, sorted and non-overlapping (at one position
/// the longer name wins). Names of one character are ignored: they would cut words apart.
fn name_occurrences(text: &str, names: &[&str]) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = Vec::new();
    for name in names {
        if name.chars().count() < 2 {
            continue;
        }
        found.extend(text.match_indices(name).map(|(i, m)| (i, i + m.len())));
    }
    // By start, longest first; then keep each range that starts after the last kept one ends.
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut kept: Vec<(usize, usize)> = Vec::with_capacity(found.len());
    for r in found {
        if kept.last().is_none_or(|last| r.0 >= last.1) {
            kept.push(r);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment<'a>(text: &'a str, names: &[&str]) -> Vec<Token<'a>> {
        super::segment(super::super::tables::get().unwrap(), text, names)
    }

    fn words<'a>(tokens: &[Token<'a>]) -> Vec<&'a str> {
        tokens.iter().map(|t| t.word).collect()
    }

    #[test]
    fn policy_terms_stay_whole() {
        let text = "推动构建人类卫生健康共同体，继续高质量共建一带一路。";
        let w = words(&segment(text, &[]));
        assert!(w.contains(&"人类卫生健康共同体"), "{w:?}");
        assert!(w.iter().any(|x| x.contains("一带一路")), "{w:?}");
    }

    #[test]
    fn article_names_stay_whole_without_leaking() {
        // A made-up transliterated name: in no dictionary, so jieba alone would cut it up.
        let text = "土副总理兼外长塔瓦里斯基举行会谈";
        let with = words(&segment(text, &["塔瓦里斯基"]));
        assert!(with.contains(&"塔瓦里斯基"), "{with:?}");
        // The next article, without the name, is segmented by the unchanged shared dictionary.
        assert!(!super::super::tables::get().unwrap().jieba().has_word("塔瓦里斯基"));
    }

    #[test]
    fn tokens_cover_the_text_contiguously() {
        let text = "王毅同智利外长阿拉芒通电话。abc 12.5％";
        let tokens = segment(text, &["阿拉芒", "智利外长阿拉芒", "x"]);
        let mut at = 0;
        for t in &tokens {
            assert_eq!(t.start, at);
            assert_eq!(&text[t.start..t.end], t.word);
            at = t.end;
        }
        assert_eq!(at, text.len());
        assert!(words(&tokens).contains(&"智利外长阿拉芒"));
    }
}
