//! Terms: [`Document`] → keywords, entities with highlight spans, and an extractive summary.
//!
//! Everything is found in the simplified view (`doc.simplified`), segmented once by [`segment`] with the
//! domain dictionary and the article's participant names, and mapped back to the original text with
//! [`Document::span_of_simplified`] (indexed, so hundreds of highlights stay linear), so words and spans
//! come out in the article's own script.
//! The JSON shape is documented in `docs/terms.md`.

pub mod entities;
pub mod keywords;
pub mod lexicon;
pub mod segment;
pub mod summary;
pub mod tables;

use crate::document::{Document, Span};
use crate::schema::Contacts;
use rustc_hash::FxHashSet;
use serde::Serialize;

/// How many keywords each method reports.
pub const KEYWORDS: usize = 15;
/// How many sentences the summary adds after the contact sentence.
const SUMMARY_EXTRA: usize = 2;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Terms {
    /// TF-IDF keywords, best first.
    pub keywords: Vec<Keyword>,
    /// TextRank keywords, best first.
    pub textrank: Vec<Keyword>,
    /// Highlights: non-overlapping, in text order.
    pub entities: Vec<Entity>,
    /// Two or three sentences of the text, the contact sentence first.
    pub summary: Vec<String>,
    /// Where each `summary` sentence is in the text (same order).
    pub summary_spans: Vec<Span>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Keyword {
    /// In the article's script (its first occurrence).
    pub word: String,
    pub score: f64,
    /// `tfidf` or `textrank`.
    pub method: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    pub text: String,
    /// `person`, `country`, `place`, `org`, `title`, `policy`, `treaty`, `document`, `number`, `date`,
    /// `term` (a short quoted expression).
    pub category: &'static str,
    pub span: Span,
}

/// The participants' names the contact extraction found, in simplified script (for matching).
pub fn participant_names(contacts: &Contacts) -> Vec<String> {
    names_of(contacts.events.iter().flat_map(|e| e.china.iter().chain(&e.counterparts)))
}

fn names_of<'a>(participants: impl Iterator<Item = &'a crate::schema::Participant>) -> Vec<String> {
    let mut names: Vec<String> = participants
        .filter_map(|p| p.name.as_deref())
        .map(|n| crate::script::to_simplified(n.trim()))
        .filter(|n| n.chars().count() >= 2)
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The terms of one document, or `None` while the segmentation tables are not loaded (in the page,
/// until they have downloaded: the rest of the report does not wait for them).
pub fn extract(doc: &Document, contacts: &Contacts) -> Option<Terms> {
    Some(extract_with(tables::get()?, doc, contacts))
}

/// [`extract`] with the given tables. The text is segmented once; keywords, entities and the summary
/// all read that one token stream.
pub fn extract_with(tables: &tables::Tables, doc: &Document, contacts: &Contacts) -> Terms {
    extract_timed(tables, doc, contacts, &mut |_| {})
}

/// [`extract_with`], calling `lap` after each step with the step's name (`segment`, `keywords`,
/// `entities`, `summary`): how the benchmark reports each step's share.
pub fn extract_timed(
    tables: &tables::Tables,
    doc: &Document,
    contacts: &Contacts,
    lap: &mut dyn FnMut(&'static str),
) -> Terms {
    let text = doc.simplified.as_str();
    let names = participant_names(contacts);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let tokens = segment::segment(tables, text, &names);
    lap("segment");

    let keyword = |s: &keywords::Scored, method| Keyword {
        word: doc.original_of_simplified(s.first.0..s.first.1).to_string(),
        score: round(s.score),
        method,
    };
    let china_side = names_of(contacts.events.iter().flat_map(|e| e.china.iter()));
    let counterparts = names_of(contacts.events.iter().flat_map(|e| e.counterparts.iter()));
    let title = doc.meta.title.as_deref().map(crate::script::to_simplified).unwrap_or_default();
    let title_tokens = segment::segment(tables, &title, &names);
    let context = keywords::Context {
        salient: title_tokens
            .iter()
            .map(|t| t.word)
            .filter(|w| keywords::is_candidate(w))
            .chain(counterparts.iter().map(String::as_str))
            .collect(),
        china_side: china_side.iter().map(String::as_str).collect(),
        names: names.iter().copied().collect(),
    };
    let candidates = keywords::candidates(tables, &tokens, &context.names);
    let tfidf = keywords::tfidf(&candidates, &context, KEYWORDS);
    let textrank = keywords::textrank(&candidates, &context, KEYWORDS);
    lap("keywords");

    let name_set: FxHashSet<&str> = names.iter().copied().collect();
    let entities = entities::find(text, &tokens, &name_set)
        .into_iter()
        .map(|f| {
            let span = doc.span_of_simplified(f.start..f.end);
            Entity { text: doc.text[span.start..span.end].to_string(), category: f.category, span }
        })
        .collect();
    lap("entities");

    let weights: std::collections::HashMap<&str, f64> = tfidf.iter().map(|s| (s.word, s.score)).collect();
    let summary_spans: Vec<Span> = summary::summarize(text, &names, &weights, SUMMARY_EXTRA)
        .into_iter()
        .map(|(s, e)| doc.span_of_simplified(s..e))
        .collect();
    lap("summary");

    Terms {
        keywords: tfidf.iter().map(|s| keyword(s, "tfidf")).collect(),
        textrank: textrank.iter().map(|s| keyword(s, "textrank")).collect(),
        entities,
        summary: summary_spans.iter().map(|s| doc.text[s.start..s.end].to_string()).collect(),
        summary_spans,
    }
}

/// Scores to 6 significant decimals: enough to rank, short in JSON.
fn round(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}
