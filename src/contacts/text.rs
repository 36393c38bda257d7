//! Paragraphs and sentences of the simplified view, as byte ranges.

use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Sentence {
    /// Paragraph index (paragraphs are the lines of `text`).
    pub para: usize,
    /// Sentence index within the paragraph.
    pub index: usize,
    pub range: Range<usize>,
}

const ENDS: &[char] = &['。', '！', '？', '!', '?', '；', ';'];
const CLOSERS: &[char] = &['”', '’', '」', '』', '"', '）', ')'];

/// Split into sentences at 。！？； (keeping a closing quote with its sentence).
pub fn sentences(s: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    for (para, line) in s.split('\n').enumerate() {
        let base = start;
        start += line.len() + 1;
        let mut idx = 0;
        let mut cur = base;
        let mut chars = line.char_indices().peekable();
        while let Some((k, c)) = chars.next() {
            if ENDS.contains(&c) {
                let mut end = base + k + c.len_utf8();
                while let Some(&(k2, c2)) = chars.peek() {
                    if CLOSERS.contains(&c2) {
                        end = base + k2 + c2.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                if s[cur..end].trim().chars().count() > 1 {
                    out.push(Sentence { para, index: idx, range: cur..end });
                    idx += 1;
                }
                cur = end;
            }
        }
        let end = base + line.len();
        if !s[cur..end].trim().is_empty() {
            out.push(Sentence { para, index: idx, range: cur..end });
        }
    }
    out
}

/// The clause around byte `at` within `range`: bounded by ，,：: and the sentence ends.
pub fn clause(s: &str, range: &Range<usize>, at: usize) -> Range<usize> {
    const MARKS: &[char] = &['，', ',', '：', ':', '；', '。'];
    let start = s[range.start..at].rfind(MARKS).map_or(range.start, |p| {
        let c = s[range.start + p..].chars().next().map_or(1, char::len_utf8);
        range.start + p + c
    });
    let end = s[at..range.end].find(MARKS).map_or(range.end, |p| at + p);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_and_paragraphs() {
        let s = "他说：“好。”我们走。\n第二段";
        let v = sentences(s);
        assert_eq!(v.len(), 3);
        assert_eq!(&s[v[0].range.clone()], "他说：“好。”");
        assert_eq!(v[2].para, 1);
    }
}
