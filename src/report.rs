//! The report: the one JSON shape of a file's analysis, shared by the CLI and the page.

use crate::document::{Document, Format, Meta, Script, Warning};
use crate::language::Language;
use crate::schema::Contacts;
use crate::terms::Terms;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub file: String,
    pub format: Format,
    pub encoding: String,
    pub script: Script,
    /// `zh` (the Chinese path) or `en` (an English readout: `src/english/`).
    pub language: Language,
    pub meta: Meta,
    /// The clean paragraphs. Every span in the report indexes `body.join("\n")`.
    pub body: Vec<String>,
    pub warnings: Vec<Warning>,
    #[serde(flatten)]
    pub contacts: Contacts,
    /// Absent while the segmentation tables are not loaded (the page's first seconds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terms: Option<Terms>,
}

/// Remove invisible characters (see [`crate::script::is_invisible`]) from the fields a person reads
/// as labels and the collection groups by: participants' names, titles and organisations, places,
/// statements' speakers. Names are read from the original text, which keeps such characters as
/// written; a zero-width joiner inside a name would otherwise make one person two. A warning says
/// how many went.
pub fn clean_contacts(c: &mut Contacts) -> Option<Warning> {
    let mut removed = 0;
    let mut clean = |v: &mut String| {
        if let (std::borrow::Cow::Owned(s), n) = crate::script::strip_invisible(v) {
            *v = s;
            removed += n;
        }
    };
    for e in &mut c.events {
        e.location.iter_mut().for_each(&mut clean);
        for p in e.china.iter_mut().chain(e.counterparts.iter_mut()) {
            [&mut p.name, &mut p.title, &mut p.org].into_iter().flatten().for_each(&mut clean);
        }
    }
    for s in &mut c.statements {
        clean(&mut s.speaker);
    }
    (removed > 0).then(|| {
        Warning::new(
            "invisible_characters",
            format!(
                "{removed} invisible character(s) (zero-width or bidi controls) removed from participants' \
                 names, titles and places"
            ),
        )
    })
}

impl Report {
    pub fn new(doc: Document, contacts: Contacts, terms: Option<Terms>, warnings: Vec<Warning>) -> Self {
        let mut all = doc.warnings;
        all.extend(warnings);
        Report {
            file: doc.file,
            format: doc.format,
            encoding: doc.encoding,
            script: doc.script,
            language: Language::Zh,
            meta: doc.meta,
            body: doc.paragraphs,
            warnings: all,
            contacts,
            terms,
        }
    }

    /// The report with its language set (Chinese unless said).
    pub fn in_language(mut self, language: Language) -> Self {
        self.language = language;
        self
    }
}
