//! Markdown → HTML with `pulldown-cmark`; raw HTML inside passes through, and the result goes down
//! the one HTML path, so both formats share block cutting and boilerplate rules.

use pulldown_cmark::{html, Options, Parser};
use regex::Regex;
use std::sync::OnceLock;

fn noise_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\{\{[<%].*?[%>]\}\}|!\[[^\]\n]*\]\([^)]{0,2000}\)").expect("valid regex"))
}

/// Render Markdown to HTML. Lines are dedented first: articles never mean indented code blocks, but
/// saved pages indent their HTML, which Markdown would otherwise show as literal code.
pub fn to_html(text: &str) -> String {
    let mut dedented = String::with_capacity(text.len());
    for line in text.lines() {
        dedented.push_str(cap_markers(line.trim_start_matches([' ', '\t'])));
        dedented.push('\n');
    }
    // Template shortcodes (`{{< video … >}}`) are not text; images whose URL has a space are not
    // parsed as images by CommonMark and would show as text.
    let cleaned = noise_re().replace_all(
        &dedented,
        |c: &regex::Captures<'_>| {
            if c[0].starts_with('!') {
                "<img>"
            } else {
                ""
            }
        },
    );
    let parser = Parser::new_ext(&cleaned, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    html::push_html(&mut out, parser);
    out
}

/// A line opening many nested lists or quotes (`- - - - … x`) costs the parser time quadratic in
/// the depth; no article nests that deep, so beyond 8 levels the extra markers are dropped.
fn cap_markers(line: &str) -> &str {
    const MAX: usize = 8;
    let mut rest = line;
    let mut n = 0;
    let mut cut = line;
    while let Some(r) = ["- ", "* ", "+ ", "> ", ">"].iter().find_map(|m| rest.strip_prefix(m)) {
        n += 1;
        rest = r.trim_start_matches(' ');
        if n > MAX {
            cut = rest;
        }
    }
    if n > MAX {
        cut
    } else {
        line
    }
}

/// Signs of Markdown in a body: ATX headings, links or images, setext underlines, emphasis markers.
pub fn looks_like_markdown(text: &str) -> bool {
    let mut signs = 0;
    for line in text.lines().take(400) {
        let t = line.trim();
        if t.starts_with('#') && t.trim_start_matches('#').starts_with(' ')
            || t.starts_with("![")
            || (t.starts_with('[') && t.contains("]("))
            || (t.len() >= 3 && (t.chars().all(|c| c == '-') || t.chars().all(|c| c == '=')))
            || (t.starts_with("**") && t[2..].contains("**"))
            || t.starts_with("> ")
            || t.starts_with("* * *")
        {
            signs += 1;
        }
    }
    signs > 0
}
