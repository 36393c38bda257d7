//! Terms of an English readout: keywords by frequency over content words (words from
//! `unicode-segmentation`, the Unicode word boundaries; stop words from `stop-words`, the stopwords-iso
//! English list; words of one stem counted together with `rust-stemmers`' Snowball English stemmer),
//! highlights (people, titles, places, states, topic words, dates) and a summary (the formula sentence and
//! the two after it).

use super::lexicon;
use super::sentences::Sentence;
use crate::contacts::Contacts;
use crate::document::{Document, Span};
use crate::terms::{Entity, Keyword, Terms, KEYWORDS};
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;
use unicode_segmentation::UnicodeSegmentation;

static STOP: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| stop_words::get("en").iter().copied().collect());

/// Sentences the summary adds after the contact sentence.
const SUMMARY_EXTRA: usize = 2;

pub fn terms(doc: &Document, sents: &[Sentence], contacts: &Contacts, formula: Option<usize>) -> Terms {
    Terms {
        keywords: keywords(&doc.text),
        textrank: Vec::new(),
        entities: entities(doc, contacts),
        summary: Vec::new(),
        summary_spans: Vec::new(),
    }
    .with_summary(doc, sents, formula)
}

trait WithSummary {
    fn with_summary(self, doc: &Document, sents: &[Sentence], formula: Option<usize>) -> Self;
}

impl WithSummary for Terms {
    fn with_summary(mut self, doc: &Document, sents: &[Sentence], formula: Option<usize>) -> Terms {
        let first = formula.unwrap_or(0);
        for s in sents.iter().skip(first).take(SUMMARY_EXTRA + 1) {
            self.summary.push(doc.text[s.range.clone()].to_string());
            self.summary_spans.push(doc.span(s.range.clone()));
        }
        self
    }
}

/// Content words by frequency (stems counted together), shown in their most frequent form.
pub fn keywords(text: &str) -> Vec<Keyword> {
    let stemmer = Stemmer::create(Algorithm::English);
    let mut count: HashMap<String, (usize, usize, HashMap<String, usize>)> = HashMap::new();
    let mut total = 0usize;
    for (pos, w) in text.unicode_words().enumerate() {
        let lower = w.to_lowercase().replace('\u{2019}', "'");
        let lower = lower.trim_end_matches("'s");
        if lower.chars().count() < 3 || lower.chars().any(|c| c.is_ascii_digit()) || STOP.contains(lower) {
            continue;
        }
        total += 1;
        let stem = stemmer.stem(lower).into_owned();
        let e = count.entry(stem).or_insert((0, pos, HashMap::new()));
        e.0 += 1;
        *e.2.entry(lower.to_string()).or_default() += 1;
    }
    let mut v: Vec<(usize, usize, String)> = count
        .into_values()
        .map(|(n, first, forms)| {
            let form = forms
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|f| f.0)
                .unwrap_or_default();
            (n, first, form)
        })
        .collect();
    v.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    v.into_iter()
        .take(KEYWORDS)
        .map(|(n, _, word)| Keyword { word, score: n as f64 / total.max(1) as f64, method: "tf" })
        .collect()
}

fn entities(doc: &Document, contacts: &Contacts) -> Vec<Entity> {
    let lx = lexicon::get();
    let text = doc.text.as_str();
    let mut all: Vec<(std::ops::Range<usize>, &'static str)> = Vec::new();
    for (r, _) in crate::people::get().find_en(text) {
        all.push((r, "person"));
    }
    for e in &contacts.events {
        for p in e.china.iter().chain(&e.counterparts) {
            if let Some(s) = p.span {
                all.push((s.start..s.end, "person"));
            }
            if let Some(s) = p.title_span {
                all.push((s.start..s.end, "title"));
            }
        }
        for (field, cat) in [("location", "place"), ("date", "date")] {
            if let Some(s) = e.evidence.get(field) {
                all.push((s.start..s.end, cat));
            }
        }
    }
    for (r, _) in lx.country_phrases.find(text, 0..text.len()) {
        all.push((r, "country"));
    }
    for (r, _) in lx.topic_phrases.find(text, 0..text.len()) {
        all.push((r, "policy"));
    }
    // Non-overlapping, in text order; at one start the longest wins.
    all.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
    let mut out: Vec<Entity> = Vec::new();
    let mut end = 0;
    for (r, cat) in all {
        if r.start < end || r.is_empty() {
            continue;
        }
        end = r.end;
        out.push(Entity { text: text[r.clone()].to_string(), category: cat, span: span(doc, r) });
    }
    out
}

fn span(doc: &Document, r: std::ops::Range<usize>) -> Span {
    doc.span(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_skip_stop_words_and_join_stems() {
        let k = keywords(
            "Fentanyl: the leaders discussed fentanyl. Fentanyl flows and the discussion of competition; competing.",
        );
        assert_eq!(k[0].word, "fentanyl");
        assert!(k.iter().all(|w| w.word != "the" && w.word != "and"));
        assert!(k.iter().any(|w| w.word.starts_with("compet")));
    }
}
