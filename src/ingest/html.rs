//! HTML → blocks of text. One walk over the parsed tree (iterative, so a document nested 10,000 deep
//! cannot overflow the stack) that cuts text at block-level elements only: inline elements such as a
//! stock-ticker `<span><a>` wrapped around part of a word never break a paragraph. Script, style and
//! other non-text elements are skipped whole.
//!
//! For a whole saved page, the article container is chosen by content scoring in the manner of
//! Readability and GNE: every text block scores by its length and punctuation (prose has commas and
//! full stops, menus do not), less its link text; its score goes to its parent and, halved, to its
//! grandparent; the best-scoring container is the article.

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{Html, Node};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Para,
    Heading(u8),
    /// Image captions and credits (`figcaption`, an emphasised line right after an image).
    Caption,
    Item,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub text: String,
    pub kind: Kind,
    /// Characters of `text` inside links.
    pub link_chars: usize,
    /// Position in document order; containers are ranges of positions.
    pub pos: usize,
}

impl Block {
    pub fn chars(&self) -> usize {
        self.text.chars().count()
    }

    pub fn link_density(&self) -> f64 {
        self.link_chars as f64 / self.chars().max(1) as f64
    }
}

/// What a walk over an HTML document found.
#[derive(Debug, Default)]
pub struct Extracted {
    pub blocks: Vec<Block>,
    /// `<title>` text.
    pub title: Option<String>,
    /// `<meta name|property|itemprop = content>` pairs, names lower-cased.
    pub metas: Vec<(String, String)>,
    /// `<time datetime>` values in document order.
    pub times: Vec<String>,
    /// Texts of `h1`…`h3` anywhere in the document (before the container is chosen), `h1` first.
    pub headings: Vec<String>,
    /// For a page: every block, before the article container was chosen (for date stamps).
    pub all: Vec<Block>,
}

const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "select",
    "option", "textarea", "button", "canvas", "video", "audio", "map", "head", "input", "label",
];

const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "nav",
    "aside",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "form",
    "fieldset",
    "center",
    "address",
    "hr",
    "br",
    "body",
    "html",
    "details",
    "summary",
    "img",
    "dialog",
    "menu",
    "hgroup",
    "legend",
    "picture",
];

/// Page furniture by tag.
const PAGE_SKIP: &[&str] = &["nav", "footer", "aside", "form", "menu", "dialog"];

/// Block-level elements whose text is one paragraph; their container is their parent.
const PARA_LIKE: &[&str] =
    &["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre", "td", "th"];

/// Parse and walk. `page`: a whole saved page (furniture filtered, container chosen by scoring).
pub fn extract(source: &str, page: bool) -> Extracted {
    let source = cap_depth(source);
    let html = if page { Html::parse_document(&source) } else { Html::parse_fragment(&source) };
    let mut w = Walker { page, ..Walker::default() };
    w.walk(&html);
    let mut out =
        Extracted { blocks: std::mem::take(&mut w.blocks), title: w.title.take(), ..Extracted::default() };
    out.metas = std::mem::take(&mut w.metas);
    out.times = std::mem::take(&mut w.times);
    let mut heads: Vec<(u8, &Block)> = out
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            Kind::Heading(l) if l <= 3 => Some((l, b)),
            _ => None,
        })
        .collect();
    heads.sort_by_key(|(l, _)| *l);
    out.headings = heads.into_iter().map(|(_, b)| b.text.clone()).collect();
    if page {
        if let Some((lo, hi)) = w.best_container() {
            out.all = out.blocks.clone();
            out.blocks.retain(|b| b.pos > lo && b.pos < hi);
        }
    }
    out
}

#[derive(Default)]
struct Walker {
    page: bool,
    blocks: Vec<Block>,
    title: Option<String>,
    metas: Vec<(String, String)>,
    times: Vec<String>,
    buf: String,
    link_chars: usize,
    em_chars: usize,
    link_depth: usize,
    em_depth: usize,
    heading: Vec<u8>,
    caption_depth: usize,
    item_depth: usize,
    after_image: bool,
    pos: usize,
    /// Open block-level elements: id, tag, position at open.
    stack: Vec<(NodeId, &'static str, usize)>,
    scores: HashMap<NodeId, f64>,
    ranges: HashMap<NodeId, (usize, usize)>,
    /// Text and link characters inside each scored container, for its link density.
    totals: HashMap<NodeId, (usize, usize)>,
}

fn static_tag(name: &str) -> &'static str {
    BLOCK.iter().chain(PARA_LIKE).find(|t| **t == name).copied().unwrap_or("")
}

impl Walker {
    fn walk(&mut self, html: &Html) {
        let mut skip: Option<NodeId> = None;
        let mut in_title = false;
        for edge in html.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    if skip.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Element(el) => {
                            let name = el.name();
                            if name == "head" {
                                // Read metadata from the head, never its text.
                                self.read_head(node);
                                skip = Some(node.id());
                                continue;
                            }
                            if name == "title" {
                                in_title = true;
                                continue;
                            }
                            if name == "meta" {
                                self.read_meta(el);
                                continue;
                            }
                            if name == "time" {
                                if let Some(d) = el.attr("datetime") {
                                    self.times.push(d.to_string());
                                }
                            }
                            if SKIP.contains(&name) || (self.page && is_furniture(el)) || is_hidden(el) {
                                skip = Some(node.id());
                                continue;
                            }
                            let tag = static_tag(name);
                            if !tag.is_empty() {
                                self.flush();
                                self.pos += 1;
                                if name == "img" {
                                    self.after_image = true;
                                    continue;
                                }
                                if name == "br" || name == "hr" {
                                    continue;
                                }
                                self.stack.push((node.id(), tag, self.pos));
                                match name {
                                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                                        self.heading.push(name.as_bytes()[1] - b'0');
                                    }
                                    "figure" | "figcaption" => self.caption_depth += 1,
                                    "li" | "dt" | "dd" => self.item_depth += 1,
                                    _ => {}
                                }
                            } else if name == "a" {
                                self.link_depth += 1;
                            } else if matches!(name, "em" | "i") {
                                self.em_depth += 1;
                            }
                        }
                        Node::Text(t) => {
                            if in_title {
                                let s = collapse(t);
                                if self.title.is_none() && !s.is_empty() {
                                    self.title = Some(s);
                                }
                                continue;
                            }
                            let n = t.chars().filter(|c| !c.is_whitespace()).count();
                            if self.link_depth > 0 {
                                self.link_chars += n;
                            }
                            if self.em_depth > 0 {
                                self.em_chars += n;
                            }
                            self.buf.push_str(t);
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if let Some(id) = skip {
                        if id == node.id() {
                            skip = None;
                        }
                        continue;
                    }
                    let Node::Element(el) = node.value() else { continue };
                    let name = el.name();
                    if name == "title" {
                        in_title = false;
                        continue;
                    }
                    let tag = static_tag(name);
                    if !tag.is_empty() {
                        if matches!(name, "img" | "br" | "hr") {
                            continue;
                        }
                        self.flush();
                        self.pos += 1;
                        if let Some(i) = self.stack.iter().rposition(|(id, _, _)| *id == node.id()) {
                            let (id, _, open) = self.stack[i];
                            self.stack.truncate(i);
                            if self.scores.contains_key(&id) {
                                self.ranges.insert(id, (open, self.pos));
                            }
                        }
                        match name {
                            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                                self.heading.pop();
                            }
                            "figure" | "figcaption" => {
                                self.caption_depth = self.caption_depth.saturating_sub(1)
                            }
                            "li" | "dt" | "dd" => self.item_depth = self.item_depth.saturating_sub(1),
                            _ => {}
                        }
                    } else if name == "a" {
                        self.link_depth = self.link_depth.saturating_sub(1);
                    } else if matches!(name, "em" | "i") {
                        self.em_depth = self.em_depth.saturating_sub(1);
                    }
                }
            }
        }
        self.flush();
    }

    fn read_head(&mut self, head: ego_tree::NodeRef<'_, Node>) {
        for node in head.descendants() {
            match node.value() {
                Node::Element(el) if el.name() == "meta" => self.read_meta(el),
                Node::Element(el) if el.name() == "title" && self.title.is_none() => {
                    let s: String =
                        node.children().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect();
                    let s = collapse(&s);
                    if !s.is_empty() {
                        self.title = Some(s);
                    }
                }
                _ => {}
            }
        }
    }

    fn read_meta(&mut self, el: &scraper::node::Element) {
        let name = el.attr("name").or_else(|| el.attr("property")).or_else(|| el.attr("itemprop"));
        if let (Some(n), Some(c)) = (name, el.attr("content")) {
            self.metas.push((n.trim().to_lowercase(), c.trim().to_string()));
        }
    }

    fn flush(&mut self) {
        let text = collapse(&self.buf);
        self.buf.clear();
        let (link_chars, em_chars) = (self.link_chars, self.em_chars);
        self.link_chars = 0;
        self.em_chars = 0;
        if text.is_empty() {
            return;
        }
        let chars = text.chars().filter(|c| !c.is_whitespace()).count();
        let kind = if let Some(&h) = self.heading.last() {
            Kind::Heading(h)
        } else if self.caption_depth > 0
            || (self.after_image && (em_chars * 5 >= chars * 4 || literal_emphasis(&text)))
        {
            Kind::Caption
        } else if self.item_depth > 0 {
            Kind::Item
        } else {
            Kind::Para
        };
        self.after_image = false;
        self.pos += 1;
        let block = Block { text, kind, link_chars, pos: self.pos };
        if self.page {
            self.score(&block, chars);
        }
        self.blocks.push(block);
    }

    /// Readability-style: a block's score goes to its container and, less, to the two above.
    fn score(&mut self, b: &Block, chars: usize) {
        let plain = chars.saturating_sub(b.link_chars);
        // Containers get credit for their text and links so their link density can be judged.
        let mut anc = self.stack.iter().rev().peekable();
        if let Some((_, tag, _)) = anc.peek() {
            if PARA_LIKE.contains(tag) {
                anc.next();
            }
        }
        let ancestors: Vec<NodeId> = anc.take(3).map(|(id, _, _)| *id).collect();
        for id in &ancestors {
            let t = self.totals.entry(*id).or_default();
            t.0 += chars;
            t.1 += b.link_chars;
            self.scores.entry(*id).or_insert(0.0);
        }
        if plain < 10 || b.link_density() > 0.5 {
            return;
        }
        let punct = b.text.chars().filter(|c| "，。；！？、：,;!?".contains(*c)).count();
        let s = 1.0 + punct as f64 + (plain as f64 / 100.0).min(3.0);
        for (i, id) in ancestors.iter().enumerate() {
            *self.scores.entry(*id).or_insert(0.0) += s / (1.0 + i as f64);
        }
    }

    /// The position range of the best-scoring container.
    fn best_container(&self) -> Option<(usize, usize)> {
        let mut best: Option<(f64, NodeId)> = None;
        for (id, s) in &self.scores {
            let (chars, links) = self.totals.get(id).copied().unwrap_or((1, 0));
            let s = s * (1.0 - links as f64 / chars.max(1) as f64);
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, *id));
            }
        }
        best.and_then(|(_, id)| self.ranges.get(&id).copied())
    }
}

/// Deepest element nesting kept. The HTML tree builder scans its stack of open elements for many
/// tags, which makes thousands of nested elements cost quadratic time; no real page nests beyond
/// a few hundred, so tags opened deeper than this are dropped (their text is kept).
const MAX_DEPTH: usize = 512;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr", "keygen", "!doctype",
];

/// A light scan of the tags: `(start, end, name lower-cased, closing, self-closing)` of each.
fn next_tag(src: &str, from: usize) -> Option<(usize, usize, String, bool, bool)> {
    let bytes = src.as_bytes();
    let mut i = from;
    loop {
        let lt = i + src[i..].find('<')?;
        if src[lt..].starts_with("<!--") {
            i = src[lt + 4..].find("-->").map_or(src.len(), |e| lt + 4 + e + 3);
            if i >= src.len() {
                return None;
            }
            continue;
        }
        let closing = bytes.get(lt + 1) == Some(&b'/');
        let ns = lt + 1 + usize::from(closing);
        let name_len = src[ns..].bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'!').count();
        if name_len == 0 {
            i = lt + 1;
            continue;
        }
        let gt = src[ns..].find('>').map_or(src.len(), |e| ns + e + 1);
        let name = src[ns..ns + name_len].to_ascii_lowercase();
        let self_closing = src[..gt].ends_with("/>");
        return Some((lt, gt, name, closing, self_closing));
    }
}

/// Drop tags nested deeper than [`MAX_DEPTH`] (see there). Borrowed when nothing is that deep.
fn cap_depth(src: &str) -> std::borrow::Cow<'_, str> {
    let scan = |emit: Option<&mut String>| -> bool {
        let mut out = emit;
        let (mut depth, mut excess, mut pos, mut deep) = (0usize, 0usize, 0usize, false);
        while let Some((start, end, name, closing, self_closing)) = next_tag(src, pos) {
            let mut keep = true;
            if name == "script" || name == "style" || name == "textarea" || name == "title" {
                // Raw text: skip to the matching close tag untouched.
                let stop = if closing {
                    end
                } else {
                    src[end..]
                        .match_indices("</")
                        .map(|(i, _)| end + i)
                        .find(|&i| {
                            src.get(i + 2..i + 2 + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(&name))
                        })
                        .unwrap_or(src.len())
                };
                if let Some(o) = out.as_deref_mut() {
                    o.push_str(&src[pos..stop]);
                }
                pos = stop.max(end);
                continue;
            }
            if VOID.contains(&name.as_str()) || self_closing {
                // No nesting change.
            } else if closing {
                if excess > 0 {
                    excess -= 1;
                    keep = false;
                } else {
                    depth = depth.saturating_sub(1);
                }
            } else if depth >= MAX_DEPTH {
                excess += 1;
                keep = false;
                deep = true;
            } else {
                depth += 1;
            }
            if let Some(o) = out.as_deref_mut() {
                o.push_str(&src[pos..start]);
                if keep {
                    o.push_str(&src[start..end]);
                }
            }
            pos = end;
        }
        if let Some(o) = out {
            o.push_str(&src[pos.min(src.len())..]);
        }
        deep
    };
    if !scan(None) {
        return std::borrow::Cow::Borrowed(src);
    }
    let mut out = String::with_capacity(src.len());
    scan(Some(&mut out));
    std::borrow::Cow::Owned(out)
}

/// `_…_` left as text: CommonMark does not always parse emphasis around CJK punctuation.
fn literal_emphasis(s: &str) -> bool {
    s.len() > 2 && ((s.starts_with('_') && s.ends_with('_')) || (s.starts_with('*') && s.ends_with('*')))
}

/// Page furniture by tag, or by a class/id that names it (and does not also name the content).
fn is_furniture(el: &scraper::node::Element) -> bool {
    if PAGE_SKIP.contains(&el.name()) {
        return true;
    }
    // Pages style <body> with site-wide classes (`…_login_…`): never judge the document by them.
    if matches!(el.name(), "html" | "body" | "main" | "article") {
        return false;
    }
    let names = format!("{} {}", el.attr("class").unwrap_or(""), el.attr("id").unwrap_or("")).to_lowercase();
    if names.trim().is_empty() {
        return false;
    }
    const NEG: &[&str] = &[
        "comment",
        "footer",
        "sidebar",
        "side-bar",
        "breadcrumb",
        "share",
        "related",
        "recommend",
        "advert",
        "banner",
        "nav",
        "menu",
        "copyright",
        "hotnews",
        "hot-news",
        "rank",
        "popup",
        "login",
        "qrcode",
        "toolbar",
    ];
    const POS: &[&str] = &["article", "content", "main", "text", "body", "post", "story", "detail"];
    NEG.iter().any(|n| names.contains(n)) && !POS.iter().any(|p| names.contains(p))
}

fn is_hidden(el: &scraper::node::Element) -> bool {
    el.attr("hidden").is_some()
        || el.attr("style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// Whether a character is CJK or full-width punctuation: line breaks between two of them are not spaces.
pub fn is_wide(c: char) -> bool {
    matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ffef}' | '\u{2018}'..='\u{201f}' | '\u{2014}' | '\u{2026}')
}

/// Collapse whitespace as a browser does, except that a line break between two CJK characters
/// disappears (Chinese has no spaces between words); trims ideographic indentation too. Zero-width
/// characters are not whitespace: a zero-width space inside a name stays as written (the analysis
/// view skips it) instead of becoming a space that cuts the name; at the ends they are trimmed.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending: Option<bool> = None; // Some(had_newline) while inside a whitespace run
    for c in s.chars() {
        if c.is_whitespace() && c != '\u{3000}' {
            let nl = c == '\n' || c == '\r';
            pending = Some(pending.unwrap_or(false) || nl);
            continue;
        }
        if let Some(nl) = pending.take() {
            let prev = out.chars().next_back();
            let join = nl && prev.is_some_and(is_wide) && is_wide(c);
            if prev.is_some() && !join {
                out.push(' ');
            }
        }
        out.push(c);
    }
    out.trim_matches(|c: char| c.is_whitespace() || crate::script::is_invisible(c)).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_wrappers_do_not_split() {
        let x =
            extract("<p>跨<span><a href=x>太平洋</a></span><span></span>伙伴关系</p><p>第二段。</p>", false);
        let t: Vec<_> = x.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(t, ["跨太平洋伙伴关系", "第二段。"]);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("{}正文。{}", "<div>".repeat(10_000), "</div>".repeat(10_000));
        let x = extract(&html, false);
        assert_eq!(x.blocks.len(), 1);
    }

    #[test]
    fn very_deep_nesting_is_capped_and_linear() {
        let n = 50_000;
        let html = format!("<p>前文。</p>{}正文。{}<p>后文。</p>", "<div>".repeat(n), "</div>".repeat(n));
        let t = std::time::Instant::now();
        let x = extract(&html, false);
        let texts: Vec<_> = x.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["前文。", "正文。", "后文。"]);
        assert!(t.elapsed() < std::time::Duration::from_secs(20), "{:?}", t.elapsed());
        let shallow = "<div><script>if (a < b) {}</script><p>文</p></div>";
        assert!(matches!(cap_depth(shallow), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn collapse_joins_cjk_lines() {
        assert_eq!(collapse("  新华社电\n 当地时间 5月"), "新华社电当地时间 5月");
        assert_eq!(collapse("a\nb"), "a b");
    }
}
