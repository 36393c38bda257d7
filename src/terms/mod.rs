//! Terms: [`Document`] → keywords, entities with highlight spans, and an extractive summary.

use crate::contacts::Contacts;
use crate::document::{Document, Span};
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Terms {
    pub keywords: Vec<Keyword>,
    pub entities: Vec<Entity>,
    pub summary: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Keyword {
    pub word: String,
    pub score: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    pub text: String,
    pub category: String,
    pub span: Span,
}

pub fn extract(_doc: &Document, _contacts: &Contacts) -> Terms {
    Terms::default()
}
