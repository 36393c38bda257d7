//! Contacts: [`Document`] → is it a readout, the events (who, with whom, how, when, where), statements,
//! agreements and topics.
//!
//! Everything is matched on `doc.simplified` (so traditional articles read like simplified ones) and every
//! extracted field carries the [`Span`] of the text it came from, mapped back to the original script.
//!
//! - [`text`]: paragraphs and sentences of the simplified view.
//! - [`participants`]: people and delegations, with title, state or organisation and side.
//! - [`dates`]: calendar arithmetic and the date expressions of the genre.
//! - [`events`]: the contacts themselves (kind, CAMEO code, status, date, place, who asked).
//! - [`readout`]: whether the article reports a diplomatic contact at all.
//! - [`statements`]: who said what, with tone markers, and what the sides agreed.
//! - [`topics`]: what the contact was about, from the topic lexicon.

pub mod dates;
pub mod events;
pub mod participants;
pub mod readout;
pub mod statements;
pub mod text;
pub mod topics;

use crate::document::Document;
pub use crate::schema::{Agreement, Contacts, Event, Participant, Statement, ToneMarker, Topic};

/// Extract the contacts of a document.
pub fn extract(doc: &Document) -> Contacts {
    let sents = text::sentences(&doc.simplified);
    // Who is named where, once for every stage.
    let title = doc.meta.title.as_deref().map(crate::script::to_simplified).unwrap_or_default();
    let year = doc.meta.published.as_deref().and_then(|p| p.get(..4)).and_then(|y| y.parse().ok());
    let ctx = participants::ArticleContext::new(&doc.simplified, &title, year);
    let mut per_sent: Vec<Vec<participants::Mention>> =
        sents.iter().map(|st| participants::find(&doc.simplified, st.range.clone(), &ctx)).collect();
    participants::reconcile(&doc.simplified, &mut per_sent);
    let (events, warnings) = events::extract(doc, &sents, &per_sent, &ctx);
    let readout = readout::is_readout(&events);
    let statements = statements::statements(doc, &sents, &per_sent, &ctx);
    let agreements = statements::agreements(doc, &sents);
    let topics = topics::topics(doc);
    Contacts { readout, events, statements, agreements, topics, warnings }
}
