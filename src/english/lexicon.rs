//! The English word lists (`data/*_en.tsv`, the English column of `data/topics.tsv`,
//! `data/characterisation.tsv`), loaded once into automata that match whole words, case-insensitively.

use crate::gazetteer::{field as col, rows};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::ops::Range;
use std::sync::LazyLock;

/// A list of phrases matched as whole words, case-insensitively, longest first; `of[pattern]` is the
/// entry (row) each phrase belongs to.
pub struct Phrases {
    ac: AhoCorasick,
    of: Vec<usize>,
}

impl Phrases {
    fn new<'a>(rows: impl IntoIterator<Item = (usize, &'a str)>) -> Phrases {
        let (mut pats, mut of) = (Vec::new(), Vec::new());
        for (i, p) in rows {
            let p = p.trim();
            if p.is_empty() {
                continue;
            }
            // Readouts write the apostrophe as ’ as often as '.
            if p.contains('\'') {
                pats.push(p.replace('\'', "\u{2019}"));
                of.push(i);
            }
            pats.push(p.to_string());
            of.push(i);
        }
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&pats)
            .expect("automaton");
        Phrases { ac, of }
    }

    /// Every whole-word match in `text[range]`: (byte range in `text`, entry).
    pub fn find(&self, text: &str, range: Range<usize>) -> Vec<(Range<usize>, usize)> {
        let s = &text[range.clone()];
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
        self.ac
            .find_iter(s)
            .filter(|m| !word(s[..m.start()].chars().next_back()) && !word(s[m.end()..].chars().next()))
            .map(|m| (range.start + m.start()..range.start + m.end(), self.of[m.pattern().as_usize()]))
            .collect()
    }
}

pub struct ContactVerb {
    pub phrase: String,
    pub kind: String,
    pub cameo: String,
}

pub struct SpeechVerb {
    pub verb: String,
    /// `neutral`, `positive`, `negative`, `firm` or `agreement`.
    pub tone: String,
}

pub struct TopicEn {
    pub id: String,
    pub label: String,
    pub sensitive: bool,
}

pub struct Characterisation {
    pub id: String,
    pub zh: Vec<String>,
}

pub struct Lexicon {
    pub verbs: Vec<ContactVerb>,
    pub verb_phrases: Phrases,
    pub speech: Vec<SpeechVerb>,
    pub speech_phrases: Phrases,
    pub topics: Vec<TopicEn>,
    pub topic_phrases: Phrases,
    pub characterisation: Vec<Characterisation>,
    pub char_phrases: Phrases,
    /// Country codes; `country_phrases` finds their English names.
    pub countries: Vec<String>,
    pub country_phrases: Phrases,
}

fn load() -> Lexicon {
    let verb_rows: Vec<Vec<&str>> = rows(include_str!("../../data/contact_verbs_en.tsv")).collect();
    let verbs: Vec<ContactVerb> = verb_rows
        .iter()
        .map(|r| ContactVerb { phrase: col(r, 0).into(), kind: col(r, 1).into(), cameo: col(r, 2).into() })
        .collect();
    let verb_phrases = Phrases::new(verbs.iter().enumerate().map(|(i, v)| (i, v.phrase.as_str())));

    let speech: Vec<SpeechVerb> = rows(include_str!("../../data/speech_en.tsv"))
        .map(|r| SpeechVerb { verb: col(&r, 0).into(), tone: col(&r, 1).into() })
        .collect();
    let speech_phrases = Phrases::new(speech.iter().enumerate().map(|(i, v)| (i, v.verb.as_str())));

    let topic_rows: Vec<Vec<&str>> = rows(include_str!("../../data/topics.tsv")).collect();
    let topics: Vec<TopicEn> = topic_rows
        .iter()
        .map(|r| TopicEn {
            id: col(r, 0).into(),
            label: col(r, 1).into(),
            sensitive: col(r, 4) == "sensitive",
        })
        .collect();
    let topic_phrases = Phrases::new(
        topic_rows.iter().enumerate().flat_map(|(i, r)| col(r, 3).split('|').map(move |t| (i, t))),
    );

    let char_rows: Vec<Vec<&str>> = rows(include_str!("../../data/characterisation.tsv")).collect();
    let characterisation: Vec<Characterisation> = char_rows
        .iter()
        .map(|r| Characterisation {
            id: col(r, 0).into(),
            zh: col(r, 2).split('|').filter(|s| !s.is_empty()).map(str::to_string).collect(),
        })
        .collect();
    let char_phrases = Phrases::new(
        char_rows.iter().enumerate().flat_map(|(i, r)| col(r, 1).split('|').map(move |t| (i, t))),
    );

    let country_rows: Vec<Vec<&str>> = rows(include_str!("../../data/countries_en.tsv")).collect();
    let countries: Vec<String> = country_rows.iter().map(|r| col(r, 0).to_string()).collect();
    let country_phrases = Phrases::new(
        country_rows.iter().enumerate().flat_map(|(i, r)| col(r, 1).split('|').map(move |t| (i, t))),
    );
    Lexicon {
        verbs,
        verb_phrases,
        speech,
        speech_phrases,
        topics,
        topic_phrases,
        characterisation,
        char_phrases,
        countries,
        country_phrases,
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(load);

pub fn get() -> &'static Lexicon {
    &LEXICON
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_any_case_either_apostrophe() {
        let lx = get();
        let t =
            "They said AI matters; Russia\u{2019}s defense industrial base; no match in 'email' or 'said'.";
        let ids: Vec<&str> =
            lx.topic_phrases.find(t, 0..t.len()).iter().map(|(_, i)| lx.topics[*i].id.as_str()).collect();
        assert_eq!(ids, ["ai", "prc_support_for_russia"]);
        let c = "talks in France and the People's Republic of China";
        let codes: Vec<&str> =
            lx.country_phrases.find(c, 0..c.len()).iter().map(|(_, i)| lx.countries[*i].as_str()).collect();
        assert_eq!(codes, ["FR", "CN"]);
    }
}
