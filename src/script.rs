//! Script handling: simplified / traditional detection and the analysis view (simplified script,
//! invisible format characters skipped).

use crate::document::Script;
use std::borrow::Cow;

/// Convert to simplified script. `fast2s` maps one character to one character (looking at its
/// neighbours only to choose), so character offsets stay aligned with the original.
pub fn to_simplified(text: &str) -> String {
    fast2s::convert(text)
}

/// Characters that change how text displays without being part of it: bidi embeddings, overrides,
/// isolates and marks (U+202A–202E, U+2066–2069, U+200E/200F, U+061C), zero-width space, non-joiner
/// and joiner (U+200B–200D), word joiner (U+2060), zero-width no-break space / BOM (U+FEFF) and the
/// soft hyphen (U+00AD). Pasted from web pages they cut names (`王\u{200d}毅`) and reorder what is
/// shown around them (`file\u{202e}txt.exe` displays as `fileexe.txt`).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}' | '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'
            | '\u{2066}'..='\u{2069}' | '\u{feff}'
    )
}

/// `s` without invisible characters (borrowed when it has none), and how many were removed.
pub fn strip_invisible(s: &str) -> (Cow<'_, str>, usize) {
    if !s.chars().any(is_invisible) {
        return (Cow::Borrowed(s), 0);
    }
    let clean: String = s.chars().filter(|&c| !is_invisible(c)).collect();
    let removed = s.chars().count() - clean.chars().count();
    (Cow::Owned(clean), removed)
}

/// `s` with each invisible character shown as its code (`\u{202e}`): for names a person must be
/// able to tell apart, such as file names (`file\u{202e}txt.exe.md` otherwise displays as
/// `fileexe.txt.md`).
pub fn show_invisible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_invisible) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_invisible(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The analysis view of `text`: simplified script with the invisible characters skipped, so that
/// a zero-width joiner inside a name does not cut it. Every visible character has exactly one
/// character in the view ([`crate::document::Document`] maps offsets back).
pub fn analysis_view(text: &str) -> String {
    to_simplified(&strip_invisible(text).0)
}

/// Traditional when a noticeable share of the CJK characters changed in the simplified view.
pub fn detect(text: &str, simplified: &str) -> Script {
    let mut cjk = 0usize;
    let mut changed = 0usize;
    for (a, b) in text.chars().filter(|&c| !is_invisible(c)).zip(simplified.chars()) {
        if ('\u{4e00}'..='\u{9fff}').contains(&a) {
            cjk += 1;
            if a != b {
                changed += 1;
            }
        }
    }
    if cjk > 0 && changed * 20 >= cjk {
        Script::Traditional
    } else {
        Script::Simplified
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_view_skips_invisible_characters_only() {
        assert_eq!(analysis_view("王\u{200d}毅會見\u{202e}布林肯\u{00ad}"), "王毅会见布林肯");
        assert!(matches!(strip_invisible("王毅"), (Cow::Borrowed(_), 0)));
        assert_eq!(strip_invisible("a\u{feff}b\u{2066}c\u{2069}").1, 3);
        assert_eq!(show_invisible("file\u{202e}txt.exe.md"), "file\\u{202e}txt.exe.md");
    }
}
