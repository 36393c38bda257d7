//! A guard in front of the HTML parser, for the three ways markup makes html5ever superlinear or
//! unbounded:
//!
//! - **Depth.** html5ever checks element scopes by walking the stack of open elements, so each tag
//!   costs O(depth) and deep nesting costs O(depth²): 40,000 nested `<div>`s or Markdown list levels
//!   (80 KB) took 5-37 s. Tags opened deeper than [`Options::max_depth`] are dropped with their end
//!   tags, keeping their text.
//! - **Attributes.** The tokenizer compares each new attribute with the element's earlier ones
//!   (duplicates are dropped), so one element with n attributes costs O(n²): 200,000 took 30 s.
//!   Attributes past [`Options::max_attributes`] are dropped.
//! - **Elements.** Tags past [`Options::max_elements`] in the page are dropped (text kept; the
//!   content of a `<script>` or `<style>` past it goes with its tags), bounding the tree.
//!
//! Each cut adds one warning saying how much was dropped. The scan is a light tokenizer (tags,
//! comments, raw-text elements, quoted attributes), linear in the input; it only needs the structure
//! roughly right, never the parse itself.
//!
//! [`Options::max_depth`]: crate::Options::max_depth
//! [`Options::max_attributes`]: crate::Options::max_attributes
//! [`Options::max_elements`]: crate::Options::max_elements

use crate::document::Warning;
use crate::Options;
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

/// What was cut, for the warnings.
#[derive(Default)]
struct Cuts {
    deep: usize,
    attributes: usize,
    elements: usize,
}

/// `html` within the limits of `opts` (borrowed when nothing had to go).
pub fn limit_markup<'a>(html: &'a str, opts: &Options, warnings: &mut Vec<Warning>) -> Cow<'a, str> {
    let mut out = String::new();
    let mut copied = 0;
    let mut depth = 0usize;
    let mut elements = 0usize;
    let mut cuts = Cuts::default();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let lt = i + off;
        let Some(tag) = Tag::at(html, lt, opts.max_attributes) else {
            i = lt + 1;
            continue;
        };
        i = tag.end;
        let Some(name) = tag.name else { continue };
        let raw = !tag.closing && !tag.self_closing && in_set(RAW_TEXT, name);
        let content_end = if raw { raw_text_end(html, i, name) } else { i };
        if !tag.closing {
            elements += 1;
        }
        if elements > opts.max_elements {
            // Past the element budget every tag goes; a raw-text element's content goes too, so
            // script or style text never turns into article text.
            cuts.elements += 1;
            out.push_str(&html[copied..lt]);
            copied = if raw { content_end } else { tag.end };
            i = content_end;
            continue;
        }
        i = content_end;
        let counted = !tag.self_closing && ![VOID, IMPLIED_END].iter().any(|set| in_set(set, name));
        let drop = if tag.closing {
            let deep = counted && depth > opts.max_depth;
            if counted {
                depth = depth.saturating_sub(1);
            }
            deep
        } else {
            if counted {
                depth += 1;
            }
            counted && depth > opts.max_depth
        };
        if drop {
            cuts.deep += 1;
            out.push_str(&html[copied..lt]);
            copied = tag.end;
        } else if let Some(cut) = tag.attributes_cut {
            // Keep the tag up to its first attribute over the limit, then close it as it was closed.
            cuts.attributes += tag.attributes - opts.max_attributes;
            out.push_str(&html[copied..cut]);
            out.push_str(if tag.self_closing { "/>" } else { ">" });
            copied = tag.end;
        }
    }
    if cuts.deep + cuts.attributes + cuts.elements == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    if cuts.deep > 0 {
        warnings.push(Warning::new(
            "nesting",
            format!(
                "the markup nests deeper than {} levels: {} tags below that depth were ignored (their text \
                 is kept)",
                opts.max_depth, cuts.deep
            ),
        ));
    }
    if cuts.attributes > 0 {
        warnings.push(Warning::new(
            "attributes",
            format!(
                "some HTML elements have more than {} attributes: {} attributes past that were ignored",
                opts.max_attributes, cuts.attributes
            ),
        ));
    }
    if cuts.elements > 0 {
        warnings.push(Warning::new(
            "elements",
            format!(
                "the page has more than {} HTML elements: {} tags past that were ignored (their text is \
                 kept, except inside scripts and styles)",
                opts.max_elements, cuts.elements
            ),
        ));
    }
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
    /// How many attributes the tag has.
    attributes: usize,
    /// Where the first attribute over the limit starts, when there is one.
    attributes_cut: Option<usize>,
}

/// Where the attribute scanner is, as in the HTML tokenizer's states.
#[derive(Clone, Copy, PartialEq)]
enum At {
    BeforeName,
    Name,
    AfterName,
    BeforeValue,
    Unquoted,
}

impl<'a> Tag<'a> {
    /// The tag starting at `html[lt] == '<'`, or `None` when that `<` is text.
    fn at(html: &'a str, lt: usize, max_attributes: usize) -> Option<Tag<'a>> {
        let b = html.as_bytes();
        let next = *b.get(lt + 1)?;
        let other = |end| Tag {
            name: None,
            closing: false,
            self_closing: false,
            end,
            attributes: 0,
            attributes_cut: None,
        };
        if html[lt..].starts_with("<!--") {
            return Some(other(html[lt + 4..].find("-->").map_or(html.len(), |k| lt + 4 + k + 3)));
        }
        if next == b'!' || next == b'?' {
            return Some(other(html[lt..].find('>').map_or(html.len(), |k| lt + k + 1)));
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
        // Attributes up to the first '>' outside a quoted value, counted as the tokenizer would.
        let (mut k, mut state) = (name_end, At::BeforeName);
        let (mut attributes, mut attributes_cut) = (0usize, None);
        let end = loop {
            let Some(&c) = b.get(k) else { break b.len() };
            if c == b'>' {
                break k + 1;
            }
            let ws = c.is_ascii_whitespace();
            state = match (state, c) {
                (At::BeforeName | At::AfterName, _) if ws => state,
                (At::BeforeName | At::Name | At::AfterName, b'/') => At::BeforeName,
                (At::Name | At::AfterName, b'=') => At::BeforeValue,
                (At::BeforeName | At::AfterName, _) => {
                    attributes += 1;
                    if attributes == max_attributes + 1 {
                        attributes_cut = Some(k);
                    }
                    At::Name
                }
                (At::Name, _) if ws => At::AfterName,
                (At::Name, _) => At::Name,
                (At::BeforeValue, _) if ws => At::BeforeValue,
                (At::BeforeValue, b'"' | b'\'') => {
                    k = b[k + 1..].iter().position(|&q| q == c).map_or(b.len(), |p| k + 1 + p);
                    At::BeforeName
                }
                (At::BeforeValue | At::Unquoted, _) if !ws => At::Unquoted,
                (At::BeforeValue | At::Unquoted, _) => At::BeforeName,
            };
            k += 1;
        };
        let self_closing = end >= 2 && b[end - 1] == b'>' && b[end - 2] == b'/';
        Some(Tag {
            name: Some(&html[name_start..name_end]),
            closing,
            self_closing,
            end: end.min(b.len()),
            attributes,
            attributes_cut,
        })
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

    fn opts(depth: usize, attributes: usize, elements: usize) -> Options {
        Options { max_depth: depth, max_attributes: attributes, max_elements: elements, ..Options::default() }
    }

    fn limit(html: &str, o: &Options) -> (String, Vec<String>) {
        let mut w = Vec::new();
        let out = limit_markup(html, o, &mut w).into_owned();
        (out, w.into_iter().map(|w| w.kind).collect())
    }

    fn untouched(html: &str, o: &Options) -> bool {
        matches!(limit_markup(html, o, &mut Vec::new()), Cow::Borrowed(_))
    }

    #[test]
    fn shallow_markup_is_untouched() {
        let html = "<div><p>一<b>二</b><br><img src='a>b'></p><ul><li>三<li>四</ul></div>";
        assert!(untouched(html, &opts(3, 2, 100)));
    }

    #[test]
    fn tags_below_the_limit_are_dropped_text_kept() {
        let html = "<div><div><div><div>深</div></div></div></div>";
        let (out, warned) = limit(html, &opts(2, 64, 100));
        assert_eq!(out, "<div><div>深</div></div>");
        assert_eq!(warned, ["nesting"]);
    }

    #[test]
    fn comments_scripts_and_quoted_attributes_are_not_tags() {
        let html = "<div title=\"<div><div>\"><!-- <div><div> --><script>if (a<b) '<div>'</script>文</div>";
        assert!(untouched(html, &opts(2, 64, 100)));
    }

    #[test]
    fn implied_end_elements_do_not_deepen() {
        let html = "<p>一<p>二<p>三<li>四<li>五";
        assert!(untouched(html, &opts(1, 64, 100)));
    }

    #[test]
    fn attributes_past_the_limit_are_dropped() {
        let html = "<p a=1 b='2 > 3' c d=\"4\" e=5>文</p><img x y z/>";
        let (out, warned) = limit(html, &opts(8, 2, 100));
        assert_eq!(out, "<p a=1 b='2 > 3' >文</p><img x y />");
        assert_eq!(warned, ["attributes"]);
        // Exactly at the limit: nothing to do.
        assert!(untouched("<p a=1 b=2>文</p>", &opts(8, 2, 100)));
    }

    #[test]
    fn elements_past_the_limit_are_dropped_text_kept_scripts_gone() {
        let html = "<p>一</p><p>二</p><script>var x = '三';</script><p>四</p>";
        let (out, warned) = limit(html, &opts(8, 8, 2));
        assert_eq!(out, "<p>一</p><p>二</p>四");
        assert_eq!(warned, ["elements"]);
    }
}
