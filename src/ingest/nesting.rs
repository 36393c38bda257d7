//! A guard in front of the HTML parser. html5ever checks element scopes by walking the stack of open
//! elements, so each tag costs O(depth) and deep nesting costs O(depth²): 40,000 nested `<div>`s or
//! Markdown list levels (80 KB) took 5-37 s. Tags opened deeper than [`Options::max_depth`] are
//! dropped with their end tags, keeping their text, and a warning says how many.
//!
//! The scan is a light tokenizer (tags, comments, raw-text elements, quoted attributes), linear in
//! the input; it only needs depth roughly right, never the parse itself.
//!
//! [`Options::max_depth`]: crate::Options::max_depth

use crate::document::Warning;
use std::borrow::Cow;

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr",
];
/// Elements whose end HTML implies when a sibling starts: repeating them does not deepen the tree.
const IMPLIED_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb", "rt",
    "rp", "rtc", "colgroup", "caption",
];
/// Elements whose content is text up to their end tag, not markup.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"];

/// `html` with the tags opened deeper than `max_depth` removed (borrowed when none are).
pub fn limit_depth<'a>(html: &'a str, max_depth: usize, warnings: &mut Vec<Warning>) -> Cow<'a, str> {
    let mut out = String::new();
    let mut copied = 0;
    let (mut depth, mut dropped) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let lt = i + off;
        let Some(tag) = Tag::at(html, lt) else {
            i = lt + 1;
            continue;
        };
        i = tag.end;
        let Some(name) = tag.name else { continue };
        let counted = !tag.self_closing && ![VOID, IMPLIED_END].iter().any(|set| in_set(set, name));
        let drop = if tag.closing {
            let deep = counted && depth > max_depth;
            if counted {
                depth = depth.saturating_sub(1);
            }
            deep
        } else {
            if in_set(RAW_TEXT, name) && !tag.self_closing {
                i = raw_text_end(html, i, name);
            }
            if counted {
                depth += 1;
            }
            counted && depth > max_depth
        };
        if drop {
            dropped += 1;
            out.push_str(&html[copied..lt]);
            copied = tag.end;
        }
    }
    if dropped == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    warnings.push(Warning::new(
        "nesting",
        format!(
            "the markup nests deeper than {max_depth} levels: {dropped} tags below that depth were ignored \
             (their text is kept)"
        ),
    ));
    Cow::Owned(out)
}

fn in_set(set: &[&str], name: &str) -> bool {
    set.iter().any(|s| s.eq_ignore_ascii_case(name))
}

struct Tag<'a> {
    /// The element name; `None` for comments, doctypes and processing instructions.
    name: Option<&'a str>,
    closing: bool,
    self_closing: bool,
    /// Byte offset just past the tag.
    end: usize,
}

impl<'a> Tag<'a> {
    /// The tag starting at `html[lt] == '<'`, or `None` when that `<` is text.
    fn at(html: &'a str, lt: usize) -> Option<Tag<'a>> {
        let b = html.as_bytes();
        let next = *b.get(lt + 1)?;
        if html[lt..].starts_with("<!--") {
            let end = html[lt + 4..].find("-->").map_or(html.len(), |k| lt + 4 + k + 3);
            return Some(Tag { name: None, closing: false, self_closing: false, end });
        }
        if next == b'!' || next == b'?' {
            let end = html[lt..].find('>').map_or(html.len(), |k| lt + k + 1);
            return Some(Tag { name: None, closing: false, self_closing: false, end });
        }
        let closing = next == b'/';
        let name_start = lt + 1 + usize::from(closing);
        if !b.get(name_start)?.is_ascii_alphabetic() {
            return None;
        }
        let name_end = name_start
            + b[name_start..]
                .iter()
                .position(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
                .unwrap_or(b.len() - name_start);
        // Attributes: up to the first '>' outside a quoted value.
        let mut k = name_end;
        let mut after_eq = false;
        let end = loop {
            match b.get(k) {
                None => break b.len(),
                Some(b'>') => break k + 1,
                Some(&q @ (b'"' | b'\'')) if after_eq => {
                    k = b[k + 1..].iter().position(|&c| c == q).map_or(b.len(), |p| k + 1 + p + 1);
                    after_eq = false;
                }
                Some(b'=') => {
                    after_eq = true;
                    k += 1;
                }
                Some(c) => {
                    if !c.is_ascii_whitespace() {
                        after_eq = false;
                    }
                    k += 1;
                }
            }
        };
        let self_closing = end >= 2 && b[end - 1] == b'>' && b[end - 2] == b'/';
        Some(Tag { name: Some(&html[name_start..name_end]), closing, self_closing, end })
    }
}

/// Just past the end tag of the raw-text element `name` whose content starts at `from` (or the end).
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let b = html.as_bytes();
    let mut k = from;
    while let Some(off) = html[k..].find("</") {
        let at = k + off + 2;
        if b.len() >= at + name.len() && b[at..at + name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            // Leave the end tag itself to the caller's scan.
            return k + off;
        }
        k = at;
    }
    html.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limit(html: &str, max: usize) -> (String, usize) {
        let mut w = Vec::new();
        let out = limit_depth(html, max, &mut w).into_owned();
        (out, w.len())
    }

    #[test]
    fn shallow_markup_is_untouched() {
        let html = "<div><p>一<b>二</b><br><img src='a>b'></p><ul><li>三<li>四</ul></div>";
        assert!(matches!(limit_depth(html, 3, &mut Vec::new()), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_below_the_limit_are_dropped_text_kept() {
        let html = "<div><div><div><div>深</div></div></div></div>";
        let (out, warned) = limit(html, 2);
        assert_eq!(out, "<div><div>深</div></div>");
        assert_eq!(warned, 1);
    }

    #[test]
    fn comments_scripts_and_quoted_attributes_are_not_tags() {
        let html = "<div title=\"<div><div>\"><!-- <div><div> --><script>if (a<b) '<div>'</script>文</div>";
        assert!(matches!(limit_depth(html, 2, &mut Vec::new()), Cow::Borrowed(_)));
    }

    #[test]
    fn implied_end_elements_do_not_deepen() {
        let html = "<p>一<p>二<p>三<li>四<li>五";
        assert!(matches!(limit_depth(html, 1, &mut Vec::new()), Cow::Borrowed(_)));
    }
}
