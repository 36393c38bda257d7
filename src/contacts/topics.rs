//! Topics: what the contact was about, from the topic lexicon (data/topics.tsv), each with its mentions.

use super::Topic;
use crate::document::Document;
use crate::gazetteer;

/// Topics mentioned in the body, most mentioned first.
pub fn topics(doc: &Document) -> Vec<Topic> {
    let g = gazetteer::get();
    let s = doc.simplified.as_str();
    let mut out: Vec<Topic> = Vec::new();
    for t in &g.topics {
        let mut spans = Vec::new();
        let mut terms: Vec<&String> = t.terms.iter().collect();
        terms.sort_by_key(|x| std::cmp::Reverse(x.len()));
        let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
        for term in terms {
            for (p, _) in s.match_indices(term.as_str()) {
                let r = p..p + term.len();
                if taken.iter().any(|x| x.start < r.end && r.start < x.end) {
                    continue;
                }
                taken.push(r);
            }
        }
        taken.sort_by_key(|r| r.start);
        for r in taken {
            spans.push(doc.span_of_simplified(r));
        }
        if !spans.is_empty() {
            out.push(Topic { id: t.id.clone(), label: t.label.clone(), mentions: spans });
        }
    }
    out.sort_by_key(|t| std::cmp::Reverse(t.mentions.len()));
    out
}
