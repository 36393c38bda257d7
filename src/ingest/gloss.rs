//! Pinyin glosses left by script converters: `長(zhǎng)`, `習(xí)近平`. A gloss is a parenthesised
//! run of Latin letters carrying at least one pinyin tone mark, right after a Han character. Real
//! parentheses (`（CPTPP）`, `(00493.HK)`, `(Breitbart)`) have no tone marks and are kept.

use regex::Regex;
use std::sync::OnceLock;

fn gloss_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(\p{Han})\(([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7})\)").expect("valid gloss regex")
    })
}

fn has_tone(s: &str) -> bool {
    s.chars().any(|c| "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ".contains(c))
}

/// Remove pinyin glosses; returns the text unchanged (borrowed) when there are none.
pub fn strip(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('(') {
        return std::borrow::Cow::Borrowed(text);
    }
    gloss_re().replace_all(
        text,
        |c: &regex::Captures<'_>| {
            if has_tone(&c[2]) {
                c[1].to_string()
            } else {
                c[0].to_string()
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::strip;

    #[test]
    fn glosses_go_real_parentheses_stay() {
        assert_eq!(strip("外長(zhǎng)拉夫羅夫"), "外長拉夫羅夫");
        assert_eq!(strip("習(xí)近平"), "習近平");
        assert_eq!(strip("協定（CPTPP）"), "協定（CPTPP）");
        assert_eq!(strip("國美零售(00493.HK)"), "國美零售(00493.HK)");
        assert_eq!(strip("節目(live)"), "節目(live)");
    }
}
