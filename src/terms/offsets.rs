//! Spans of many simplified-text ranges in linear time.
//!
//! [`Document::span_of_simplified`] counts characters from the start of the text for each range, which
//! is fine for a few ranges but quadratic for the hundreds of highlights of a long article. This map
//! keeps a checkpoint every [`STEP`] characters (byte offset in `simplified`, byte and UTF-16 offset in
//! `text`) and walks at most `STEP` characters from the nearest one.

use crate::document::{Document, Span};
use std::ops::Range;

const STEP: usize = 32;

#[derive(Clone, Copy)]
struct Point {
    simplified: usize,
    original: usize,
    utf16: usize,
}

pub struct OffsetMap<'a> {
    doc: &'a Document,
    checkpoints: Vec<Point>,
    /// `simplified` and `text` have the same characters, one for one (else fall back to the document).
    aligned: bool,
}

impl<'a> OffsetMap<'a> {
    pub fn new(doc: &'a Document) -> Self {
        let aligned = doc.simplified.chars().count() == doc.text.chars().count();
        let mut checkpoints = Vec::new();
        if aligned {
            let mut p = Point { simplified: 0, original: 0, utf16: 0 };
            for (i, (s, o)) in doc.simplified.chars().zip(doc.text.chars()).enumerate() {
                if i % STEP == 0 {
                    checkpoints.push(p);
                }
                p.simplified += s.len_utf8();
                p.original += o.len_utf8();
                p.utf16 += o.len_utf16();
            }
            checkpoints.push(p);
        }
        OffsetMap { doc, checkpoints, aligned }
    }

    /// The original byte and UTF-16 offsets of a byte offset of `simplified` (a character boundary).
    fn point(&self, at: usize) -> Point {
        let i = self.checkpoints.partition_point(|p| p.simplified <= at).saturating_sub(1);
        let mut p = self.checkpoints[i];
        let mut orig = self.doc.text[p.original..].chars();
        for s in self.doc.simplified[p.simplified..].chars() {
            if p.simplified >= at {
                break;
            }
            let o = orig.next().expect("aligned texts have as many characters");
            p.simplified += s.len_utf8();
            p.original += o.len_utf8();
            p.utf16 += o.len_utf16();
        }
        p
    }

    /// The span in `text` of a byte range of `simplified`.
    pub fn span(&self, range: Range<usize>) -> Span {
        if !self.aligned {
            return self.doc.span_of_simplified(range);
        }
        let (a, b) = (self.point(range.start), self.point(range.end));
        Span { start: a.original, end: b.original, start16: a.utf16, end16: b.utf16 }
    }

    /// The original text of a byte range of `simplified`.
    pub fn original(&self, range: Range<usize>) -> &'a str {
        let span = self.span(range);
        &self.doc.text[span.start..span.end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Format, Meta};

    #[test]
    fn agrees_with_the_document_at_every_character() {
        // Traditional (some characters change byte width when simplified), an astral character (two
        // UTF-16 units) and more than one checkpoint.
        let paragraphs =
            vec!["國務委員兼外長王毅同俄羅斯外長通電話𠮷。".repeat(3), "雙邊貿易額增長19.8％".to_string()];
        let doc = Document::new("t", Format::Text, "UTF-8", Meta::default(), paragraphs);
        let map = OffsetMap::new(&doc);
        let bounds: Vec<usize> =
            doc.simplified.char_indices().map(|(i, _)| i).chain([doc.simplified.len()]).collect();
        for (k, &a) in bounds.iter().enumerate() {
            for &b in bounds[k..].iter().step_by(7) {
                assert_eq!(map.span(a..b), doc.span_of_simplified(a..b), "{a}..{b}");
            }
        }
    }
}
