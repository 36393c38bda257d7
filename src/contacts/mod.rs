//! Contacts: [`Document`] → is it a readout, the events (who, with whom, how, when, where), statements,
//! agreements and topics.

use crate::document::{Document, Span};
use serde::Serialize;

/// Everything the contact extraction finds in one document; flattened into the report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Contacts {
    pub readout: bool,
    pub events: Vec<Event>,
    pub statements: Vec<Statement>,
    pub agreements: Vec<Agreement>,
    pub topics: Vec<Topic>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub kind: String,
    pub status: String,
    pub date: Option<String>,
    pub location: Option<String>,
    pub requested_by: Option<String>,
    pub china: Vec<Participant>,
    pub counterparts: Vec<Participant>,
    pub evidence: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Participant {
    pub name: Option<String>,
    pub title: Option<String>,
    pub country: Option<String>,
    pub org: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Statement {
    pub speaker: String,
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Agreement {
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Topic {
    pub id: String,
    pub mentions: Vec<Span>,
}

pub fn extract(_doc: &Document) -> Contacts {
    Contacts::default()
}
