//! The document: what ingest makes of a file's bytes and every later stage reads.
//!
//! Offsets: `text` is the clean body, its paragraphs joined by `'\n'`. Ranges into it are UTF-8 byte
//! ranges for Rust; [`Document::span`] adds the UTF-16 code-unit offsets that JavaScript strings use.
//! `simplified` is the same text in simplified script, converted character by character, so a range
//! found in it maps back to the original characters with [`Document::to_original`].

use serde::{Deserialize, Serialize};
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
    /// `text` in simplified script, character for character.
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

/// Every [`STEP`] characters: the byte offsets in `text` and `simplified` and the UTF-16 offset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct OffsetIndex {
    text: Vec<usize>,
    simplified: Vec<usize>,
    utf16: Vec<usize>,
    /// Every character has the same UTF-8 width in both views, so their byte offsets are equal.
    same_widths: bool,
    /// The lengths indexed, to notice a `text` edited after construction.
    lens: (usize, usize),
}

const STEP: usize = 64;

impl OffsetIndex {
    fn new(text: &str, simplified: &str) -> Self {
        let mut ix =
            OffsetIndex { same_widths: true, lens: (text.len(), simplified.len()), ..Default::default() };
        let (mut t, mut s, mut u) = (0, 0, 0);
        let mut tc = text.chars();
        let mut sc = simplified.chars();
        for i in 0.. {
            if i % STEP == 0 {
                ix.text.push(t);
                ix.simplified.push(s);
                ix.utf16.push(u);
            }
            match (tc.next(), sc.next()) {
                (Some(a), Some(b)) => {
                    ix.same_widths &= a.len_utf8() == b.len_utf8();
                    t += a.len_utf8();
                    s += b.len_utf8();
                    u += a.len_utf16();
                }
                (None, None) => break,
                _ => {
                    ix.same_widths = false;
                    break;
                }
            }
        }
        ix
    }
}

impl Document {
    /// Build a document from clean paragraphs; fills `text` and `simplified`.
    pub fn new(file: &str, format: Format, encoding: &str, meta: Meta, paragraphs: Vec<String>) -> Self {
        let text = paragraphs.join("\n");
        let simplified = crate::script::to_simplified(&text);
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

    fn index_fresh(&self) -> bool {
        self.index.lens == (self.text.len(), self.simplified.len()) && !self.index.text.is_empty()
    }

    /// The byte offset in `text` of the character at byte offset `at` of `simplified`.
    fn original_offset(&self, at: usize) -> usize {
        let ix = &self.index;
        let k = ix.simplified.partition_point(|&b| b <= at).saturating_sub(1);
        let (mut t, mut s) = (ix.text[k], ix.simplified[k]);
        let mut tc = self.text[t..].chars();
        let mut sc = self.simplified[s..].chars();
        while s < at {
            match (sc.next(), tc.next()) {
                (Some(a), Some(b)) => {
                    s += a.len_utf8();
                    t += b.len_utf8();
                }
                _ => return self.text.len(),
            }
        }
        t
    }

    /// The UTF-16 offset of byte offset `at` of `text`.
    fn utf16_offset(&self, at: usize) -> usize {
        let ix = &self.index;
        let k = ix.text.partition_point(|&b| b <= at).saturating_sub(1);
        ix.utf16[k] + utf16_len(&self.text[ix.text[k]..at])
    }

    /// Map a byte range of `simplified` to the byte range of the same characters in `text`.
    pub fn to_original(&self, range: Range<usize>) -> Range<usize> {
        if self.index_fresh() {
            if self.index.same_widths {
                return range;
            }
            return self.original_offset(range.start)..self.original_offset(range.end);
        }
        if self.text.len() == self.simplified.len() {
            // Same byte length means every character kept its width: offsets are equal.
            return range;
        }
        let start_chars = self.simplified[..range.start].chars().count();
        let len_chars = self.simplified[range.clone()].chars().count();
        let start = self.text.char_indices().nth(start_chars).map_or(self.text.len(), |(i, _)| i);
        let end =
            self.text[start..].char_indices().nth(len_chars).map_or(self.text.len(), |(i, _)| start + i);
        start..end
    }

    /// The span of a byte range of `text`, with its UTF-16 offsets.
    pub fn span(&self, range: Range<usize>) -> Span {
        if self.index_fresh() {
            let (start16, end16) = (self.utf16_offset(range.start), self.utf16_offset(range.end));
            return Span { start: range.start, end: range.end, start16, end16 };
        }
        let start16 = utf16_len(&self.text[..range.start]);
        let end16 = start16 + utf16_len(&self.text[range.clone()]);
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
