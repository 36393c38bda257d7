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
    let mut out: Vec<Topic> = g
        .topics
        .iter()
        .zip(spans)
        .filter(|(_, sp)| !sp.is_empty())
        .map(|(t, sp)| Topic { id: t.id.clone(), label: t.label.clone(), mentions: sp })
        .collect();
    out.sort_by_key(|t| std::cmp::Reverse(t.mentions.len()));
    out
}
