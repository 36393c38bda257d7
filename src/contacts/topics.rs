//! Topics: what the contact was about, from the topic lexicon (data/topics.tsv), each with its mentions.

use super::Topic;
use crate::document::Document;
use crate::gazetteer;

/// Topics mentioned in the body, most mentioned first.
pub fn topics(doc: &Document) -> Vec<Topic> {
    let g = gazetteer::get();
    let s = doc.simplified.as_str();
    let mut spans: Vec<Vec<crate::document::Span>> = vec![Vec::new(); g.topics.len()];
    for m in g.topic_ac.find_iter(s) {
        spans[g.topic_of[m.pattern().as_usize()]].push(doc.span_of_simplified(m.start()..m.end()));
    }
    Topic::ranked(g.topics.iter().map(|t| (t.id.as_str(), t.label.as_str())), spans)
}
