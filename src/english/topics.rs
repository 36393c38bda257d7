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
    Topic::ranked(lx.topics.iter().map(|t| (t.id.as_str(), t.label.as_str())), spans)
}
