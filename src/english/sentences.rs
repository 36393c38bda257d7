//! English sentences: a paragraph is cut after `.`, `!` or `?` followed by a space and a capital, a
//! digit or a quote, except after an abbreviation or an initial ("Mr. Sullivan", "Joseph R. Biden",
//! "U.S. Ambassador"). White House texts put two spaces between sentences, so an abbreviation followed
//! by two spaces or a line's end does end one ("in Washington, D.C.  The two sides…").

use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Sentence {
    /// Byte range in the document text, trimmed.
    pub range: Range<usize>,
    pub paragraph: usize,
}

const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "St", "Gen", "Lt", "Col", "Adm", "Gov", "Sen", "Rep", "Amb", "No",
    "Inc", "Co", "vs", "U.S", "D.C", "U.K", "U.N", "E.U", "P.R.C", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
    "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// The sentences of `text` (paragraphs joined by `\n`), in order.
pub fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut para_start = 0;
    for (p, para) in text.split('\n').enumerate() {
        let mut start = para_start;
        let bytes = para.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            if matches!(c, b'.' | b'!' | b'?') {
                let mut end = i + 1;
                // Closing quotes and brackets stay with the sentence.
                while end < bytes.len() && matches!(bytes[end], b'"' | b')' | b'\'') {
                    end += 1;
                }
                if let Some(rest) = para.get(end..).and_then(|r| r.strip_prefix('\u{201d}')) {
                    end = para.len() - rest.len();
                }
                let spaces = para[end..].chars().take_while(|c| *c == ' ').count();
                let next = para[end + spaces..].chars().next();
                let ends = match next {
                    None => true,
                    Some(n) if spaces > 0 => {
                        (n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '\u{201c}' | '('))
                            && (c != b'.'
                                || spaces > 1
                                || !abbreviation(&para[..i])
                                || STARTERS.contains(&first_word(&para[end + spaces..])))
                    }
                    _ => false,
                };
                if ends {
                    push(&mut out, text, start..para_start + end, p);
                    start = para_start + end;
                }
                i = end;
            } else {
                i += 1;
            }
        }
        push(&mut out, text, start..para_start + para.len(), p);
        para_start += para.len() + 1;
    }
    out
}

/// Words that start a sentence and never follow a title abbreviation ("… in Washington, D.C. The two
/// sides…" once the text's double spaces are collapsed; "U.S. Ambassador" stays one sentence).
const STARTERS: &[&str] = &[
    "The", "This", "These", "They", "Their", "He", "She", "It", "In", "On", "Both", "We", "Our", "During",
    "At",
];

fn first_word(s: &str) -> &str {
    s.split([' ', ',']).next().unwrap_or("")
}

/// Whether the word before a period is an abbreviation or an initial.
fn abbreviation(before: &str) -> bool {
    let word = before.rsplit([' ', '(', '\u{a0}']).next().unwrap_or("");
    let mut letters = word.chars();
    let initial = matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
    initial || ABBREVIATIONS.contains(&word)
}

fn push(out: &mut Vec<Sentence>, text: &str, r: Range<usize>, paragraph: usize) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if s.trim().chars().any(char::is_alphanumeric) {
        out.push(Sentence { range: r.start + lead..r.end - trail, paragraph });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        split(t).into_iter().map(|s| &t[s.range]).collect()
    }

    #[test]
    fn initials_and_titles_do_not_end_a_sentence() {
        let t = "President Joseph R. Biden, Jr. spoke with Mr. Li today. The U.S. Ambassador joined. They agreed.";
        assert_eq!(
            texts(t),
            [
                "President Joseph R. Biden, Jr. spoke with Mr. Li today.",
                "The U.S. Ambassador joined.",
                "They agreed."
            ]
        );
    }

    #[test]
    fn two_spaces_after_an_abbreviation_end_a_sentence() {
        let t = "They met in Washington, D.C.  The two sides talked.\nA new paragraph!";
        assert_eq!(texts(t), ["They met in Washington, D.C.", "The two sides talked.", "A new paragraph!"]);
    }

    #[test]
    fn a_sentence_starter_after_an_abbreviation_ends_a_sentence() {
        let t = "They met in Washington, D.C. The two sides talked with the U.S. Ambassador.";
        assert_eq!(
            texts(t),
            ["They met in Washington, D.C.", "The two sides talked with the U.S. Ambassador."]
        );
    }
}
