//! Markdown → HTML with `pulldown-cmark`; raw HTML inside passes through, and the result goes down
//! the one HTML path, so both formats share block cutting and boilerplate rules.

use pulldown_cmark::{html, Options, Parser};

/// Render Markdown to HTML. Lines are dedented first: articles never mean indented code blocks, but
/// saved pages indent their HTML, which Markdown would otherwise show as literal code.
pub fn to_html(text: &str) -> String {
    let mut dedented = String::with_capacity(text.len());
    for line in text.lines() {
        dedented.push_str(line.trim_start_matches([' ', '\t']));
        dedented.push('\n');
    }
    let parser = Parser::new_ext(&dedented, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    html::push_html(&mut out, parser);
    out
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
