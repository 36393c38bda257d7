//! Readout: analysis of Chinese news reports of diplomatic contacts.
//!
//! The data flow is one module per stage: bytes → [`ingest`] → [`document::Document`] →
//! [`contacts`] and [`terms`] → [`report::Report`]. The core has no wasm or web dependency; the
//! browser binding lives in `wasm.rs`, compiled only for wasm32.

pub mod collection;
pub mod compare;
pub mod contacts;
pub mod document;
pub mod english;
pub mod error;
pub mod export;
pub mod gazetteer;
pub mod ingest;
pub mod language;
pub mod people;
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
    /// Set by the caller to abandon the analysis: checked between stages (and between the steps of
    /// ingest), after which [`analyze`] returns [`ErrorKind::Timeout`]. A stage cannot be interrupted
    /// from outside its thread, so this bounds how long abandoned work goes on to one stage; the CLI's
    /// watchdog sets it when a file runs over `--timeout` (see `src/bin/readout/run.rs`).
    pub stop: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
    /// Files larger than this are refused with [`ErrorKind::TooLarge`].
    pub max_bytes: usize,
    /// Article text (the clean body) analysed at most; paragraphs past it are left out, with a
    /// `text_truncated` warning. The analysis holds about 30 bytes per byte of dense readout text,
    /// so this bounds its memory (about 250 MB at most for a 20 MB file at the default); a real article has well under 100 KB.
    pub max_text: usize,
    /// HTML (and Markdown rendered to HTML) nested deeper than this keeps its text but loses the tags
    /// below, with a `nesting` warning: the HTML parser's cost grows with depth squared. Real
    /// pages stay under ~60 levels.
    pub max_depth: usize,
    /// Attributes kept per HTML element; the rest are dropped, with an `attributes` warning. The
    /// HTML tokenizer checks each new attribute against the element's others, so n attributes on one
    /// element cost O(n²) (200,000 took 30 s). Real elements carry a few dozen at most.
    pub max_attributes: usize,
    /// HTML elements kept per page; tags past it are dropped (their text kept), with an `elements`
    /// warning. Bounds the tree's memory and the walk over it; a large real saved page has under 20,000.
    pub max_elements: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            stop: None,
            max_bytes: 20 * 1024 * 1024,
            max_text: 2 * 1024 * 1024,
            max_depth: 256,
            max_attributes: 64,
            max_elements: 100_000,
        }
    }
}

impl Options {
    /// [`ErrorKind::Timeout`] when the caller has asked the analysis to stop.
    pub fn check_stop(&self) -> Result<()> {
        match &self.stop {
            Some(flag) if flag.load(std::sync::atomic::Ordering::Relaxed) => {
                Err(Error::new(ErrorKind::Timeout, "the analysis ran over its time budget and was stopped"))
            }
            _ => Ok(()),
        }
    }
}

/// Analyze one file: `name` is used in the report and in errors.
pub fn analyze(bytes: &[u8], name: &str, opts: &Options) -> Result<Report> {
    let doc = ingest::read(bytes, name, opts).map_err(|e| e.in_file(name))?;
    opts.check_stop().map_err(|e| e.in_file(name))?;
    // The language switch: an English readout (the counterpart's own account) has its own extractor.
    let lang = language::detect(&doc.text);
    if lang == language::Language::En {
        let (mut contacts, terms) = english::extract(&doc);
        let warnings = report::clean_contacts(&mut contacts).into_iter().collect();
        opts.check_stop().map_err(|e| e.in_file(name))?;
        // English terms need no segmentation tables: always present.
        return Ok(Report::new(doc, contacts, Some(terms), warnings).in_language(lang));
    }
    let mut contacts = contacts::extract(&doc);
    let mut warnings = std::mem::take(&mut contacts.warnings);
    // Names are read from the original text, which may hold invisible characters the analysis
    // view skipped: cleaned before terms match them and before the report shows them.
    warnings.extend(report::clean_contacts(&mut contacts));
    opts.check_stop().map_err(|e| e.in_file(name))?;
    let terms = terms::extract(&doc, &contacts);
    opts.check_stop().map_err(|e| e.in_file(name))?;
    Ok(Report::new(doc, contacts, terms, warnings))
}
