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

use crate::document::{Document, Span, Warning};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything the contact extraction finds in one document; flattened into the report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Contacts {
    pub readout: bool,
    pub events: Vec<Event>,
    pub statements: Vec<Statement>,
    pub agreements: Vec<Agreement>,
    pub topics: Vec<Topic>,
    /// Problems noticed while extracting (e.g. `year_corrected`); the report lists them with the others.
    #[serde(skip)]
    pub warnings: Vec<Warning>,
}

/// One contact between a PRC official and a foreign counterpart.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    /// `phone_call`, `video_call`, `talks`, `meeting` or `other`.
    pub kind: String,
    /// CAMEO event code (041 phone, 042 make a visit, 043 host a visit, 044 meet at a third location,
    /// 046 negotiate, 040 consult).
    pub cameo: String,
    /// `held` or `planned`.
    pub status: String,
    /// `YYYY-MM-DD`, local time as the text gives it.
    pub date: Option<String>,
    pub location: Option<String>,
    /// `counterpart` (应约) or `china` (at China's request or invitation).
    pub requested_by: Option<String>,
    pub china: Vec<Participant>,
    pub counterparts: Vec<Participant>,
    /// Where the event was read: `body`, or `title` when only the headline reports it.
    pub source: String,
    /// The sentence reporting the event (absent for a headline-only event).
    pub span: Option<Span>,
    /// Field → the text it came from: `trigger`, `date`, `location`, `requested_by`, `status`.
    pub evidence: BTreeMap<String, Span>,
    /// Paragraph index of the reporting sentence.
    pub paragraph: Option<usize>,
    /// The date as written when the text's year was an obvious slip and was corrected.
    pub date_as_written: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Participant {
    /// As written (original script); `null` for a delegation named by its state only.
    pub name: Option<String>,
    /// As written at first mention.
    pub title: Option<String>,
    /// ISO 3166-1 alpha-2 of the state represented (`null` for an international organisation).
    pub country: Option<String>,
    /// The organisation represented, as written.
    pub org: Option<String>,
    /// The name (or the whole mention) in the text.
    pub span: Option<Span>,
    pub title_span: Option<Span>,
}

/// What one side said.
#[derive(Debug, Clone, Serialize)]
pub struct Statement {
    /// The speaker as written (`王毅`, `阿拉芒`, `双方`).
    pub speaker: String,
    /// `china`, `counterpart` or `both`.
    pub side: String,
    pub text: String,
    pub span: Span,
    pub speaker_span: Span,
    pub paragraph: usize,
    pub sentence: usize,
    pub tone: Vec<ToneMarker>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ToneMarker {
    pub marker: String,
    /// `negative`, `positive` or `firm`.
    pub tone: String,
    pub span: Span,
}

/// Something the sides agreed on or signed.
#[derive(Debug, Clone, Serialize)]
pub struct Agreement {
    /// `agreed`, `consensus` or `signed`.
    pub kind: String,
    pub text: String,
    pub span: Span,
    pub paragraph: usize,
    pub sentence: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Topic {
    pub id: String,
    pub label: String,
    pub mentions: Vec<Span>,
}

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
