//! The document: what ingest makes of a file's bytes and every later stage reads.
//!
//! Offsets: `text` is the clean body, its paragraphs joined by `'\n'`. Ranges into it are UTF-8 byte
//! ranges for Rust; [`Document::span`] adds the UTF-16 code-unit offsets that JavaScript strings use.
//! `simplified` is the analysis view: the same text in simplified script, converted character by
//! character, with invisible format characters (zero-width, bidi controls: see
//! [`crate::script::is_invisible`]) skipped. A range found in it maps back to the original
//! characters with [`Document::to_original`].

use crate::script::is_invisible;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::ops::Range;

/// How the body was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// An HTML fragment (typically under front matter).
    HtmlFragment,
    /// A whole saved web page (`<html>`, `<head>`, portal furniture).
    HtmlPage,
    /// Markdown, possibly with raw HTML inside.
    Markdown,
    /// Plain text.
    Text,
}

/// The Chinese script the article is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Script {
    Simplified,
    Traditional,
}

/// A non-fatal problem noticed while reading or analysing a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// A stable machine-readable kind, e.g. `front_matter`, `year_corrected`.
    pub kind: String,
    pub message: String,
}

impl Warning {
    pub fn new(kind: &str, message: impl Into<String>) -> Self {
        Warning { kind: kind.to_string(), message: message.into() }
    }
}

/// Publication metadata. Each value comes with where it was found (`*_source`), so a user can judge it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Meta {
    pub title: Option<String>,
    /// `front_matter`, `heading`, `html_title`, `first_line`, …
    pub title_source: Option<String>,
    /// ISO 8601, keeping the source's offset when it gives one (`2021-10-13T08:48:07Z`,
    /// `2021-10-13T08:48:00+08:00`), or a bare date (`2021-10-13`) when that is all the file says.
    pub published: Option<String>,
    pub published_source: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    /// 责任编辑 / 编辑 line.
    pub editor: Option<String>,
    /// 原标题 line.
    pub original_title: Option<String>,
}

/// A range of the document text with both offset units. Serialized into every piece of evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Span {
    /// UTF-8 byte offsets into `text` (Rust).
    pub start: usize,
    pub end: usize,
    /// UTF-16 code-unit offsets into `text` (JavaScript).
    pub start16: usize,
    pub end16: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    /// The name the file was given as (path or browser file name).
    pub file: String,
    pub format: Format,
    /// The encoding the bytes were decoded from (`UTF-8`, `GBK`, `Big5`, …).
    pub encoding: String,
    pub script: Script,
    pub meta: Meta,
    /// The article's own paragraphs, clean, in the original script.
    pub paragraphs: Vec<String>,
    /// `paragraphs` joined by `'\n'`.
    pub text: String,
    /// The analysis view: `text` in simplified script, character for character, invisible
    /// characters skipped (the body keeps them as written).
    pub simplified: String,
    /// The whole decoded file, furniture included: its dated material (related-news stamps) lends a
    /// year to dates when the article states no publication date. Not part of the report.
    #[serde(skip)]
    pub source: String,
    pub warnings: Vec<Warning>,
    /// Offset checkpoints so each span costs O(log n), not O(n): thousands of spans × a long text
    /// was quadratic (tests/superlinear.rs). Built by [`Document::new`]; stale if `text` is edited.
    #[serde(skip)]
    index: OffsetIndex,
}

/// Every [`STEP`] characters of `text`: the byte offset there, the UTF-16 offset, and the byte offset
/// in `simplified` of the view's next character (invisible characters have none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct OffsetIndex {
    text: Vec<usize>,
    simplified: Vec<usize>,
    utf16: Vec<usize>,
    /// No character was skipped and every one kept its UTF-8 width: byte offsets are equal.
    identity: bool,
    /// The lengths indexed, to notice a `text` edited after construction.
    lens: (usize, usize),
}

const STEP: usize = 64;

impl OffsetIndex {
    fn new(text: &str, simplified: &str) -> Self {
        let mut ix =
            OffsetIndex { identity: true, lens: (text.len(), simplified.len()), ..Default::default() };
        let (mut t, mut s, mut u) = (0, 0, 0);
        let mut sc = simplified.chars();
        for (i, a) in text.chars().enumerate() {
            if i % STEP == 0 {
                ix.text.push(t);
                ix.simplified.push(s);
                ix.utf16.push(u);
            }
            t += a.len_utf8();
            u += a.len_utf16();
            if is_invisible(a) {
                ix.identity = false;
                continue;
            }
            match sc.next() {
                Some(b) => {
                    ix.identity &= a.len_utf8() == b.len_utf8();
                    s += b.len_utf8();
                }
                None => ix.identity = false,
            }
        }
        if ix.text.is_empty() {
            ix.text.push(0);
            ix.simplified.push(0);
            ix.utf16.push(0);
        }
        ix.identity &= sc.next().is_none();
        ix
    }
}

impl Document {
    /// Build a document from clean paragraphs; fills `text` and `simplified`.
    pub fn new(file: &str, format: Format, encoding: &str, meta: Meta, paragraphs: Vec<String>) -> Self {
        let text = paragraphs.join("\n");
        let simplified = crate::script::analysis_view(&text);
        let script = crate::script::detect(&text, &simplified);
        let index = OffsetIndex::new(&text, &simplified);
        Document {
            file: file.to_string(),
            format,
            encoding: encoding.to_string(),
            script,
            meta,
            paragraphs,
            text,
            index,
            simplified,
            source: String::new(),
            warnings: Vec::new(),
        }
    }

    /// The offset index, rebuilt when `text` was edited after construction.
    fn index(&self) -> Cow<'_, OffsetIndex> {
        if self.index.lens == (self.text.len(), self.simplified.len()) && !self.index.text.is_empty() {
            Cow::Borrowed(&self.index)
        } else {
            Cow::Owned(OffsetIndex::new(&self.text, &self.simplified))
        }
    }

    /// The byte offset in `text` of byte offset `at` of `simplified`: where the character there
    /// starts (`start`), or where the character before it ends (an end offset), so that invisible
    /// characters around a range are left out of it. Walks at most [`STEP`] characters.
    fn original_offset(&self, ix: &OffsetIndex, at: usize, start: bool) -> usize {
        // The last checkpoint at or before the character starting at `at`, or strictly before the
        // character ending there.
        let k = ix.simplified.partition_point(|&s| if start { s <= at } else { s < at }).saturating_sub(1);
        let (mut t, mut s) = (ix.text[k], ix.simplified[k]);
        let mut tc = self.text[t..].chars().peekable();
        let mut sc = self.simplified[s..].chars();
        while s < at {
            let Some(b) = sc.next() else { return self.text.len() };
            loop {
                let Some(a) = tc.next() else { return self.text.len() };
                t += a.len_utf8();
                if !is_invisible(a) {
                    break;
                }
            }
            s += b.len_utf8();
        }
        if start {
            while let Some(a) = tc.next_if(|&a| is_invisible(a)) {
                t += a.len_utf8();
            }
        }
        t
    }

    /// The UTF-16 offset of byte offset `at` of `text`.
    fn utf16_offset(&self, ix: &OffsetIndex, at: usize) -> usize {
        let k = ix.text.partition_point(|&b| b <= at).saturating_sub(1);
        ix.utf16[k] + utf16_len(&self.text[ix.text[k]..at])
    }

    /// Map a byte range of `simplified` to the byte range of the same characters in `text`
    /// (invisible characters inside it included, those around it left out).
    pub fn to_original(&self, range: Range<usize>) -> Range<usize> {
        let ix = self.index();
        if ix.identity {
            return range;
        }
        let start = self.original_offset(&ix, range.start, true);
        let end = if range.end > range.start { self.original_offset(&ix, range.end, false) } else { start };
        start..end.max(start)
    }

    /// The span of a byte range of `text`, with its UTF-16 offsets.
    pub fn span(&self, range: Range<usize>) -> Span {
        let ix = self.index();
        let (start16, end16) = (self.utf16_offset(&ix, range.start), self.utf16_offset(&ix, range.end));
        Span { start: range.start, end: range.end, start16, end16 }
    }

    /// The span of a byte range of `simplified`, mapped back to the original text.
    pub fn span_of_simplified(&self, range: Range<usize>) -> Span {
        self.span(self.to_original(range))
    }

    /// The original-script text of a byte range of `simplified`.
    pub fn original_of_simplified(&self, range: Range<usize>) -> &str {
        &self.text[self.to_original(range)]
    }
}

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}
