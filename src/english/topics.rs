//! Topics of an English readout: the English column of `data/topics.tsv`, on the same ids as the
//! Chinese lexicon, each with its mentions.

use super::lexicon;
use crate::contacts::Topic;
use crate::document::{Document, Span};

/// Topics mentioned in the text, most mentioned first.
pub fn topics(doc: &Document) -> Vec<Topic> {
    let lx = lexicon::get();
    let text = doc.text.as_str();
    let mut spans: Vec<Vec<Span>> = vec![Vec::new(); lx.topics.len()];
    for (r, i) in lx.topic_phrases.find(text, 0..text.len()) {
        spans[i].push(doc.span(r));
    }
    let mut out: Vec<Topic> = lx
        .topics
        .iter()
        .zip(spans)
        .filter(|(_, sp)| !sp.is_empty())
        .map(|(t, sp)| Topic { id: t.id.clone(), label: t.label.clone(), mentions: sp })
        .collect();
    out.sort_by_key(|t| std::cmp::Reverse(t.mentions.len()));
    out
}
