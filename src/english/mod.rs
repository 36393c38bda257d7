//! English readouts (the counterpart's own account of a contact, e.g. the White House's): a
//! [`Document`] → the same schema as the Chinese path ([`Contacts`] and [`Terms`]), so the collection
//! and the comparison read both languages alike. Sides keep the Chinese path's meaning: `china` is the
//! PRC's officials, `counterparts` the others.
//!
//! - [`sentences`]: English sentence boundaries (abbreviations and initials kept inside).
//! - [`lexicon`]: the English word lists of `data/`.
//! - [`contact`]: the readout formula → the event (kind, date, place, both sides).
//! - [`statements`]: who said what, and what both agreed.
//! - [`topics`]: topics on the Chinese lexicon's ids.
//! - [`terms`]: keywords, highlights, summary.

pub mod contact;
pub mod lexicon;
pub mod sentences;
pub mod statements;
pub mod terms;
pub mod topics;

use crate::contacts::Contacts;
use crate::document::Document;
use crate::terms::Terms;

/// Analyze an English document.
pub fn extract(doc: &Document) -> (Contacts, Terms) {
    let sents = sentences::split(&doc.text);
    let found = contact::find(doc, &sents);
    let formula = found.as_ref().map(|c| c.sentence);
    let event = found.map(|c| c.event);
    let (statements, agreements) = statements::statements(doc, &sents, event.as_ref(), formula);
    let topics = topics::topics(doc);
    // A readout of a contact with a PRC official; a contact with no PRC side is kept all the same.
    let readout = event.as_ref().is_some_and(|e| !e.china.is_empty());
    let contacts = Contacts {
        readout,
        events: event.into_iter().collect(),
        statements,
        agreements,
        topics,
        warnings: Vec::new(),
    };
    let terms = terms::terms(doc, &sents, &contacts, formula);
    (contacts, terms)
}
