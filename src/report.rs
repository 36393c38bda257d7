//! The report: the one JSON shape of a file's analysis, shared by the CLI and the page.

use crate::document::{Document, Format, Meta, Script, Warning};
use crate::schema::Contacts;
use crate::terms::Terms;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub file: String,
    pub format: Format,
    pub encoding: String,
    pub script: Script,
    pub meta: Meta,
    /// The clean paragraphs. Every span in the report indexes `body.join("\n")`.
    pub body: Vec<String>,
    pub warnings: Vec<Warning>,
    #[serde(flatten)]
    pub contacts: Contacts,
    pub terms: Terms,
}

impl Report {
    pub fn new(doc: Document, contacts: Contacts, terms: Terms, warnings: Vec<Warning>) -> Self {
        let mut all = doc.warnings;
        all.extend(warnings);
        Report {
            file: doc.file,
            format: doc.format,
            encoding: doc.encoding,
            script: doc.script,
            meta: doc.meta,
            body: doc.paragraphs,
            warnings: all,
            contacts,
            terms,
        }
    }
}
