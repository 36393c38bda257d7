//! Script handling: simplified / traditional detection and the character-for-character simplified view.

use crate::document::Script;

/// Convert to simplified script. `fast2s` maps one character to one character (looking at its
/// neighbours only to choose), so character offsets stay aligned with the original.
pub fn to_simplified(text: &str) -> String {
    fast2s::convert(text)
}

/// Traditional when a noticeable share of the CJK characters changed in the simplified view.
pub fn detect(text: &str, simplified: &str) -> Script {
    let mut cjk = 0usize;
    let mut changed = 0usize;
    for (a, b) in text.chars().zip(simplified.chars()) {
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
