//! The language an article is written in: Chinese (the genre Readout was built for) or English (the
//! counterpart's own readouts, e.g. the White House's). Decided once per file, from its letters, and
//! used as the switch at the top of the analysis (`crate::analyze`) and for how plain text is cut into
//! paragraphs (English text is hard-wrapped: a line break inside a paragraph is a space).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// Chinese, simplified or traditional script.
    #[default]
    Zh,
    En,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Zh => "zh",
            Language::En => "en",
        }
    }
}

/// English when Latin letters outnumber Chinese characters tenfold (and there are some): a Chinese
/// article quoting English names, links or a whole English paragraph stays Chinese, an English readout
/// naming 习近平 in passing is English. Anything too short to tell stays Chinese.
pub fn detect(text: &str) -> Language {
    let (mut cjk, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c) {
            latin += 1;
        } else if ('\u{3400}'..='\u{9fff}').contains(&c) || ('\u{f900}'..='\u{faff}').contains(&c) {
            cjk += 1;
        }
    }
    if latin >= 40 && latin >= cjk * 10 {
        Language::En
    } else {
        Language::Zh
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_with_english_names_stays_chinese() {
        assert_eq!(
            detect("王毅同美国国务卿布林肯（Antony Blinken）通电话。双方就中美关系交换意见。"),
            Language::Zh
        );
        assert_eq!(detect("short"), Language::Zh);
    }

    #[test]
    fn english_naming_a_chinese_leader_is_english() {
        let t =
            "The Secretary met with Foreign Minister Wang Yi (王毅) today and discussed the relationship.";
        assert_eq!(detect(t), Language::En);
    }
}
