//! Ingest: bytes → [`Document`]. Decoding, front matter, body extraction, boilerplate removal, metadata.

use crate::document::{Document, Format, Meta};
use crate::error::{Error, ErrorKind, Result};
use crate::Options;

/// Read one file's bytes into a clean document.
pub fn read(bytes: &[u8], name: &str, opts: &Options) -> Result<Document> {
    if bytes.len() > opts.max_bytes {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!("file is {} bytes, over the limit of {} bytes", bytes.len(), opts.max_bytes),
        ));
    }
    let text = String::from_utf8_lossy(bytes);
    let paragraphs: Vec<String> =
        text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
    if paragraphs.is_empty() {
        return Err(Error::new(ErrorKind::Empty, "the file holds no text"));
    }
    let meta = Meta { title: paragraphs.first().cloned(), ..Meta::default() };
    Ok(Document::new(name, Format::Text, "UTF-8", meta, paragraphs))
}
