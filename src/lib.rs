//! Readout: analysis of Chinese news reports of diplomatic contacts.
//!
//! The data flow is one module per stage: bytes → [`ingest`] → [`document::Document`] →
//! [`contacts`] and [`terms`] → [`report::Report`]. The core has no wasm or web dependency; the
//! browser binding lives in `wasm.rs`, compiled only for wasm32.

pub mod collection;
pub mod contacts;
pub mod document;
pub mod error;
pub mod gazetteer;
pub mod ingest;
pub mod pretty;
pub mod report;
pub mod schema;
pub mod script;
pub mod terms;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use document::Document;
pub use error::{Error, ErrorKind, Result};
pub use report::Report;

/// Limits and switches for one analysis.
#[derive(Debug, Clone)]
pub struct Options {
    /// Files larger than this are refused with [`ErrorKind::TooLarge`].
    pub max_bytes: usize,
    /// HTML (and Markdown rendered to HTML) nested deeper than this keeps its text but loses the tags
    /// below, with a `nesting` warning: the HTML parser's cost grows with depth squared. Real
    /// pages stay under ~60 levels.
    pub max_depth: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { max_bytes: 20 * 1024 * 1024, max_depth: 256 }
    }
}

/// Analyze one file: `name` is used in the report and in errors.
pub fn analyze(bytes: &[u8], name: &str, opts: &Options) -> Result<Report> {
    let doc = ingest::read(bytes, name, opts).map_err(|e| e.in_file(name))?;
    let mut contacts = contacts::extract(&doc);
    let warnings = std::mem::take(&mut contacts.warnings);
    let terms = terms::extract(&doc, &contacts);
    Ok(Report::new(doc, contacts, terms, warnings))
}
